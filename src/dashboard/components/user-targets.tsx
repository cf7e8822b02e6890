import { useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import { graphql } from '../gql/index.ts';
import type { Rule } from './rule-editor.tsx';
import { SearchPicker } from './search-picker.tsx';

const addUser = graphql(`
  mutation AddFeatureFlagUser($input: AddFeatureFlagUserInput!) {
    addFeatureFlagUser(input: $input) {
      rule {
        ...RuleFields
      }
    }
  }
`);

const removeUser = graphql(`
  mutation RemoveFeatureFlagUser($input: RemoveFeatureFlagUserInput!) {
    removeFeatureFlagUser(input: $input) {
      rule {
        ...RuleFields
      }
    }
  }
`);

const searchUsers = graphql(`
  query SearchUsers($environment: String!, $search: String!) {
    users(environment: $environment, search: $search, first: 8) {
      edges {
        node {
          id
          email
        }
      }
    }
  }
`);

/** Users the flag is on for in this environment, whatever the organization rule (saved at once). */
export function UserTargets(props: {
  slug: string;
  environment: string;
  users: { id: string; email: string }[];
  editable: boolean;
  onChanged: (rule: Rule) => void;
}) {
  const { slug, environment } = props;
  const [error, setError] = useState<string | null>(null);
  const run = async (change: () => Promise<Rule>) => {
    setError(null);
    try {
      props.onChanged(await change());
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const ids = new Set(props.users.map((u) => u.id));
  return (
    <details class="users">
      <summary>
        Users targeted in {environment} ({props.users.length})
      </summary>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {props.users.length > 0 && (
        <ul class="chosen">
          {props.users.map((user) => (
            <li key={user.id}>
              <span>{user.email}</span>
              {props.editable && (
                <button
                  type="button"
                  class="link-button"
                  aria-label={`Remove user ${user.email} in ${environment}`}
                  onClick={() =>
                    void run(
                      async () =>
                        (await request(removeUser, { input: { slug, environment, userId: user.id } }))
                          .removeFeatureFlagUser.rule,
                    )
                  }
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.editable && (
        <SearchPicker
          label={`Add a user in ${environment}`}
          placeholder="Search users by email"
          search={async (text) => {
            const { users } = await request(searchUsers, { environment, search: text });
            return users.edges
              .map((e) => e.node)
              .filter((u) => !ids.has(u.id))
              .map((u) => ({ id: u.id, label: u.email }));
          }}
          onPick={(item) =>
            void run(
              async () =>
                (await request(addUser, { input: { slug, environment, userId: item.id } })).addFeatureFlagUser
                  .rule,
            )
          }
        />
      )}
    </details>
  );
}
