import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import { DeleteFlagDialog } from '../components/flag-dialogs.tsx';
import { ErrorMessage } from '../components/form.tsx';
import { Link } from '../components/link.tsx';
import type { ArchivedFlagsQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { useLiveEvents } from '../live.ts';
import { usePermissions } from '../session.ts';

const archivedFlags = graphql(`
  query ArchivedFlags($after: String) {
    featureFlags(archived: true, first: 100, after: $after) {
      edges {
        node {
          ...FlagDefinition
          archivedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const unarchiveFlag = graphql(`
  mutation UnarchiveFeatureFlag($input: UnarchiveFeatureFlagInput!) {
    unarchiveFeatureFlag(input: $input) {
      featureFlag {
        slug
      }
    }
  }
`);

interface ArchivedFlag {
  id: string;
  slug: string;
  name: string;
  description: string;
  tags: string[];
  archivedAt?: string | null;
}

/** Archived flags: off everywhere, rules frozen. Admins bring them back or delete them. */
export function ArchivedFlagsPage() {
  const can = usePermissions();
  const [flags, setFlags] = useState<ArchivedFlag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ArchivedFlag | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const all: ArchivedFlag[] = [];
      let after: string | null = null;
      do {
        const { featureFlags }: ArchivedFlagsQuery = await request(archivedFlags, { after });
        all.push(...featureFlags.edges.map((edge) => edge.node));
        after = featureFlags.pageInfo.hasNextPage ? (featureFlags.pageInfo.endCursor ?? null) : null;
      } while (after);
      if (!cancelled) setFlags(all);
    })().catch((failure) => !cancelled && setError(messageOf(failure)));
    return () => {
      cancelled = true;
    };
  }, [version]);

  useLiveEvents((event) => {
    if (['flag.archived', 'flag.unarchived', 'flag.deleted', 'flag.updated'].includes(event.type))
      setVersion((v) => v + 1);
  });

  const unarchive = async (flag: ArchivedFlag) => {
    setError(null);
    setNotice(null);
    try {
      await request(unarchiveFlag, { input: { slug: flag.slug } });
      setFlags((current) => current?.filter((f) => f.slug !== flag.slug) ?? null);
      setNotice(`${flag.slug} is back in the flags list, off in every environment.`);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <>
      <div class="page-head">
        <h1>Archived flags</h1>
        <Link href="/">All flags</Link>
      </div>
      <p class="hint">
        An archived flag is off in every environment and its rules cannot change until it is unarchived.
      </p>
      <ErrorMessage message={error} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {flags === null && !error && <p>Loading…</p>}
      {flags && flags.length === 0 && <p>No archived flags.</p>}
      {flags && flags.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Flag</th>
                <th scope="col">Archived</th>
                {can.isAdmin && (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {flags.map((flag) => (
                <tr key={flag.slug}>
                  <th scope="row" class="flag-cell">
                    <Link href={`/flags/${encodeURIComponent(flag.slug)}`}>{flag.name}</Link>
                    <code class="slug">{flag.slug}</code>
                  </th>
                  <td>{flag.archivedAt ? new Date(flag.archivedAt).toLocaleString() : ''}</td>
                  {can.isAdmin && (
                    <td class="actions">
                      <button
                        type="button"
                        class="link-button"
                        aria-label={`Unarchive ${flag.slug}`}
                        onClick={() => void unarchive(flag)}
                      >
                        Unarchive
                      </button>{' '}
                      <button
                        type="button"
                        class="danger-link"
                        aria-label={`Delete ${flag.slug}`}
                        onClick={() => setDeleting(flag)}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <DeleteFlagDialog
        flag={deleting}
        enabledIn={[]}
        onClose={() => setDeleting(null)}
        onDeleted={(slug) => {
          setDeleting(null);
          setFlags((current) => current?.filter((f) => f.slug !== slug) ?? null);
        }}
      />
    </>
  );
}
