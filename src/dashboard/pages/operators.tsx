import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import { ErrorMessage, Field } from '../components/form.tsx';
import { SecretOnce } from '../components/secret-once.tsx';
import type { OperatorRole, OperatorsQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { usePermissions, useSession } from '../session.ts';

const operatorsQuery = graphql(`
  query Operators {
    operators {
      id
      email
      role
      environments
      invitePending
      createdAt
      lastSignedInAt
    }
  }
`);

const inviteOperator = graphql(`
  mutation InviteOperator($input: InviteOperatorInput!) {
    inviteOperator(input: $input) {
      inviteUrl
      operator {
        id
      }
    }
  }
`);

const changeRole = graphql(`
  mutation ChangeOperatorRole($input: ChangeOperatorRoleInput!) {
    changeOperatorRole(input: $input) {
      operator {
        id
        role
        environments
      }
    }
  }
`);

const removeOperator = graphql(`
  mutation RemoveOperator($input: RemoveOperatorInput!) {
    removeOperator(input: $input) {
      operator {
        id
      }
    }
  }
`);

const roles: OperatorRole[] = ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'];
const roleHelp: Record<OperatorRole, string> = {
  OWNER: 'everything, including operators',
  ADMIN: 'everything but operators',
  EDITOR: 'rules in chosen environments, flag definitions',
  VIEWER: 'reads everything, changes nothing',
};

function EnvironmentChoices(props: { value: string[]; onChange: (value: string[]) => void; legend: string }) {
  const { environments } = useSession();
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      {environments.map((e) => (
        <label key={e.slug}>
          <input
            type="checkbox"
            checked={props.value.includes(e.slug)}
            onChange={(event) =>
              props.onChange(
                event.currentTarget.checked
                  ? [...props.value, e.slug]
                  : props.value.filter((s) => s !== e.slug),
              )
            }
          />
          {e.slug}
        </label>
      ))}
    </fieldset>
  );
}

export function OperatorsPage() {
  const session = useSession();
  const can = usePermissions();
  const [operators, setOperators] = useState<OperatorsQuery['operators']>([]);
  const [error, setError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OperatorRole>('EDITOR');
  const [environments, setEnvironments] = useState<string[]>([]);
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);
  const load = () =>
    request(operatorsQuery)
      .then(({ operators }) => setOperators(operators))
      .catch((failure) => setError(messageOf(failure)));
  useEffect(() => void load(), []);
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const invite = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      const { inviteOperator: result } = await request(inviteOperator, {
        input: { email, role, environments: role === 'EDITOR' ? environments : [] },
      });
      setInviteUrl(result.inviteUrl);
      setEmail('');
    });
  };
  return (
    <>
      <h1>Operators</h1>
      <p>
        The people who use this dashboard. Roles:{' '}
        {roles.map((r) => `${r.toLowerCase()} (${roleHelp[r]})`).join('; ')}.
      </p>
      <ErrorMessage message={error} />
      {inviteUrl && (
        <SecretOnce
          title="Invitation link: send it to them."
          secret={inviteUrl}
          onDismiss={() => setInviteUrl(null)}
        />
      )}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Last sign-in</th>
              {can.isOwner && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {operators.map((operator) => (
              <tr key={operator.id}>
                <th scope="row">
                  {operator.email}
                  {operator.invitePending && <span class="badge">invited</span>}
                </th>
                <td>
                  {can.isOwner && operator.id !== session.operator.id ? (
                    <select
                      aria-label={`Role of ${operator.email}`}
                      value={operator.role}
                      onChange={(e) =>
                        void act(() =>
                          request(changeRole, {
                            input: {
                              id: operator.id,
                              role: e.currentTarget.value as OperatorRole,
                              environments: operator.environments,
                            },
                          }),
                        )
                      }
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {r.toLowerCase()}
                        </option>
                      ))}
                    </select>
                  ) : (
                    operator.role.toLowerCase()
                  )}
                  {operator.role === 'EDITOR' &&
                    (can.isOwner ? (
                      <EnvironmentChoices
                        legend={`Environments ${operator.email} may change`}
                        value={operator.environments}
                        onChange={(next) =>
                          void act(() =>
                            request(changeRole, {
                              input: { id: operator.id, role: operator.role, environments: next },
                            }),
                          )
                        }
                      />
                    ) : (
                      <span class="muted"> in {operator.environments.join(', ') || 'no environment'}</span>
                    ))}
                </td>
                <td>
                  {operator.lastSignedInAt ? new Date(operator.lastSignedInAt).toLocaleString() : 'never'}
                </td>
                {can.isOwner && (
                  <td>
                    {operator.id !== session.operator.id && (
                      <button
                        type="button"
                        class="danger-link"
                        aria-label={`Remove ${operator.email}`}
                        onClick={() =>
                          confirm(`Remove ${operator.email}? They are signed out everywhere.`) &&
                          void act(() => request(removeOperator, { input: { id: operator.id } }))
                        }
                      >
                        Remove
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can.isOwner && (
        <form class="inline-form" onSubmit={invite}>
          <h2>Invite an operator</h2>
          <Field
            label="Email"
            type="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <div class="field">
            <label for="invite-role">Role</label>
            <select
              id="invite-role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as OperatorRole)}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r.toLowerCase()}
                </option>
              ))}
            </select>
          </div>
          {role === 'EDITOR' && (
            <EnvironmentChoices
              legend="Environments they may change"
              value={environments}
              onChange={setEnvironments}
            />
          )}
          <button type="submit" class="primary">
            Invite
          </button>
        </form>
      )}
    </>
  );
}
