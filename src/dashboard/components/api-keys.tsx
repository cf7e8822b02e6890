import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import type { ApiKeyRole, ApiKeysQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { useLiveEvents } from '../live.ts';
import { usePermissions } from '../session.ts';
import { ErrorMessage, Field } from './form.tsx';
import { SecretOnce } from './secret-once.tsx';

const apiKeysQuery = graphql(`
  query ApiKeys($environment: String!) {
    apiKeys(environment: $environment) {
      id
      name
      role
      redactedSecret
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

const createKey = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
      }
    }
  }
`);

const revokeKey = graphql(`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      apiKey {
        id
        revokedAt
      }
    }
  }
`);

const roles: ApiKeyRole[] = ['READ_ONLY', 'MEMBER', 'ADMIN'];

export function ApiKeys(props: { environment: string }) {
  const { environment } = props;
  const can = usePermissions();
  const [keys, setKeys] = useState<ApiKeysQuery['apiKeys']>([]);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKeyRole>('MEMBER');
  const [secret, setSecret] = useState<string | null>(null);
  const load = () =>
    request(apiKeysQuery, { environment })
      .then(({ apiKeys }) => setKeys(apiKeys))
      .catch((failure) => setError(messageOf(failure)));
  useEffect(() => {
    setSecret(null);
    void load();
  }, [environment]);
  useLiveEvents((event) => {
    if (event.type.startsWith('api_key.') && event.environment?.slug === environment) void load();
  });
  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const { createApiKey } = await request(createKey, { input: { environment, name, role } });
      setSecret(createApiKey.secret);
      setName('');
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const revoke = async (id: string, keyName: string) => {
    if (
      !confirm(`Revoke the key “${keyName}” in ${environment}? Applications using it stop working at once.`)
    )
      return;
    try {
      await request(revokeKey, { input: { id } });
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys in {environment}</h2>
      <ErrorMessage message={error} />
      {secret && <SecretOnce title="The new key:" secret={secret} onDismiss={() => setSecret(null)} />}
      {keys.length === 0 ? (
        <p>No key.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Key</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td>{key.role.toLowerCase().replace('_', '-')}</td>
                  <td>
                    <code>{key.redactedSecret}</code>
                  </td>
                  <td>{key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString() : 'never'}</td>
                  <td>
                    {key.revokedAt ? (
                      `revoked ${new Date(key.revokedAt).toLocaleDateString()}`
                    ) : can.isAdmin ? (
                      <button
                        type="button"
                        class="danger-link"
                        aria-label={`Revoke ${key.name}`}
                        onClick={() => void revoke(key.id, key.name)}
                      >
                        Revoke
                      </button>
                    ) : (
                      'active'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can.isAdmin && (
        <form class="inline-form" onSubmit={create}>
          <Field label="Key name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <div class="field">
            <label for="new-key-role">Role</label>
            <select
              id="new-key-role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as ApiKeyRole)}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r.toLowerCase().replace('_', '-')}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="primary">
            Create key
          </button>
        </form>
      )}
    </section>
  );
}
