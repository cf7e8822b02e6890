import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import { EnvironmentPicker } from '../components/environment-picker.tsx';
import { ErrorMessage } from '../components/form.tsx';
import { Link } from '../components/link.tsx';
import { graphql } from '../gql/index.ts';
import { useLiveEvents } from '../live.ts';
import { navigate } from '../router.ts';

const organizationsQuery = graphql(`
  query OrganizationsPage($environment: String!, $search: String, $after: String) {
    organizations(environment: $environment, search: $search, first: 50, after: $after) {
      edges {
        node {
          id
          name
          externalId
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

interface Row {
  id: string;
  name: string;
  externalId?: string | null;
  createdAt: string;
}

export function OrganizationsPage(props: { environment: string }) {
  const { environment } = props;
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  const load = async (after: string | null) => {
    setLoading(true);
    try {
      const { organizations } = await request(organizationsQuery, {
        environment,
        search: search.trim() || null,
        after,
      });
      const page = organizations.edges.map((e) => e.node);
      setRows((current) => (after ? [...current, ...page] : page));
      setNext(organizations.pageInfo.hasNextPage ? (organizations.pageInfo.endCursor ?? null) : null);
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    const timer = setTimeout(() => void load(null), search ? 150 : 0);
    return () => clearTimeout(timer);
  }, [environment, search, version]);

  useLiveEvents((event) => {
    if (
      event.type.startsWith('organization.') &&
      (!event.environment || event.environment.slug === environment)
    ) {
      setVersion((v) => v + 1);
    }
  });

  return (
    <>
      <h1>Organizations</h1>
      <search class="filters">
        <EnvironmentPicker
          value={environment}
          onChange={(slug) => navigate(`/environments/${encodeURIComponent(slug)}/organizations`)}
        />
        <label>
          Search
          <input
            type="search"
            value={search}
            placeholder="Name or external id"
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </label>
      </search>
      <ErrorMessage message={error} />
      {!loading && rows.length === 0 && (
        <p>No organization{search ? ' matches' : ` in ${environment} yet`}.</p>
      )}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">External id</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link
                      href={`/environments/${encodeURIComponent(environment)}/organizations/${encodeURIComponent(row.id)}`}
                    >
                      {row.name}
                    </Link>
                  </th>
                  <td>{row.externalId ?? '—'}</td>
                  <td>{new Date(row.createdAt).toLocaleDateString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" disabled={loading} onClick={() => void load(next)}>
          Load more
        </button>
      )}
    </>
  );
}
