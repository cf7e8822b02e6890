import { useState } from 'preact/hooks';
import { ApiError, messageOf, request } from '../api.ts';
import { ErrorMessage, Field } from '../components/form.tsx';
import { graphql } from '../gql/index.ts';

const signIn = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      operator {
        id
      }
    }
  }
`);

/** Why a sign-in failed, in words: the server's own message for a wrong password and the rate limit. */
export function signInMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'RATE_LIMITED') {
    const seconds = error.errors[0]?.extensions?.retryAfterSeconds;
    return typeof seconds === 'number' && !error.message.match(/\d/)
      ? `${error.message} Try again in ${seconds} seconds.`
      : error.message;
  }
  return messageOf(error);
}

export function SignInPage(props: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request(signIn, { input: { email, password } });
      props.onSignedIn();
    } catch (failure) {
      setError(signInMessage(failure));
      setBusy(false);
    }
  };
  return (
    <main class="narrow" id="main">
      <h1>Sign in to Pennant</h1>
      <form onSubmit={submit} class="card">
        <ErrorMessage message={error} />
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
