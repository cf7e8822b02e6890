import { useState } from 'preact/hooks';
import { ApiError, messageOf, request } from '../api.ts';
import { ErrorMessage, Field } from '../components/form.tsx';
import { graphql } from '../gql/index.ts';

const completeSetup = graphql(`
  mutation CompleteSetup($input: CompleteSetupInput!) {
    completeSetup(input: $input) {
      operator {
        id
      }
    }
  }
`);

const acceptInvite = graphql(`
  mutation AcceptOperatorInvite($input: AcceptOperatorInviteInput!) {
    acceptOperatorInvite(input: $input) {
      operator {
        id
      }
    }
  }
`);

const minimumPasswordLength = 12;

function fieldError(error: unknown, field: string): string | null {
  return error instanceof ApiError && error.errors[0]?.extensions?.field === field ? error.message : null;
}

function PasswordFields(props: {
  password: string;
  setPassword: (value: string) => void;
  confirmation: string;
  setConfirmation: (value: string) => void;
  error: string | null;
}) {
  return (
    <>
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minimumPasswordLength}
        hint={`At least ${minimumPasswordLength} characters.`}
        error={props.error}
        value={props.password}
        onInput={(e) => props.setPassword(e.currentTarget.value)}
      />
      <Field
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        required
        value={props.confirmation}
        onInput={(e) => props.setConfirmation(e.currentTarget.value)}
      />
    </>
  );
}

/** The one-time link a fresh install prints: makes the first owner and signs them in. */
export function SetupPage(props: { token: string; onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (password !== confirmation) {
      setError(new Error('The two passwords differ.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request(completeSetup, { input: { token: props.token, email, password } });
      props.onDone();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <main class="narrow" id="main">
      <h1>Set up Pennant</h1>
      {!props.token ? (
        <p class="error-box" role="alert">
          This page needs the one-time setup link that Pennant printed when it first started
          (…/setup?token=…).
        </p>
      ) : (
        <form onSubmit={submit} class="card">
          <p>Create the first owner: the account that manages everyone else's access.</p>
          <ErrorMessage message={error && !fieldError(error, 'password') ? messageOf(error) : null} />
          <Field
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordFields
            password={password}
            setPassword={setPassword}
            confirmation={confirmation}
            setConfirmation={setConfirmation}
            error={fieldError(error, 'password')}
          />
          <button type="submit" class="primary" disabled={busy}>
            Create owner
          </button>
        </form>
      )}
    </main>
  );
}

/** An invitation link: the invited operator chooses a password and is signed in. */
export function InvitePage(props: { token: string; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (password !== confirmation) {
      setError(new Error('The two passwords differ.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request(acceptInvite, { input: { token: props.token, password } });
      props.onDone();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <main class="narrow" id="main">
      <h1>Join Pennant</h1>
      <form onSubmit={submit} class="card">
        <p>Choose a password to accept the invitation.</p>
        <ErrorMessage message={error && !fieldError(error, 'password') ? messageOf(error) : null} />
        <PasswordFields
          password={password}
          setPassword={setPassword}
          confirmation={confirmation}
          setConfirmation={setConfirmation}
          error={fieldError(error, 'password')}
        />
        <button type="submit" class="primary" disabled={busy || !props.token}>
          Accept invitation
        </button>
      </form>
    </main>
  );
}
