import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import { ErrorMessage } from '../components/form.tsx';
import { Link } from '../components/link.tsx';
import type { OrganizationPageQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { useLiveEvents } from '../live.ts';

const organizationQuery = graphql(`
  query OrganizationPage($id: ID!, $environment: String!) {
    organization(id: $id, environment: $environment) {
      id
      name
      externalId
      createdAt
      featureFlags(environment: $environment)
    }
  }
`);

/** An organization and the flags it has in one environment (the evaluation tokens carry). */
export function OrganizationPage(props: { id: string; environment: string }) {
  const { environment } = props;
  const [organization, setOrganization] = useState<OrganizationPageQuery['organization'] | undefined>();
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    request(organizationQuery, { id: props.id, environment })
      .then(({ organization }) => setOrganization(organization))
      .catch((failure) => setError(messageOf(failure)));
  useEffect(() => void load(), [props.id, environment]);
  useLiveEvents((event) => {
    if (event.environment?.slug === environment || event.organizationId === props.id) void load();
  });
  return (
    <>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <Link href={`/environments/${encodeURIComponent(environment)}/organizations`}>Organizations</Link> /{' '}
        <span aria-current="page">{organization?.name ?? props.id}</span>
      </nav>
      <ErrorMessage message={error} />
      {organization === undefined && !error && <p>Loading…</p>}
      {organization === null && <h1>No such organization in {environment}</h1>}
      {organization && (
        <>
          <h1>{organization.name}</h1>
          <dl class="facts">
            <dt>Environment</dt>
            <dd>{environment}</dd>
            <dt>Id</dt>
            <dd>
              <code>{organization.id}</code>
            </dd>
            <dt>External id</dt>
            <dd>{organization.externalId ?? '—'}</dd>
          </dl>
          <h2>Flags on for it in {environment}</h2>
          {organization.featureFlags.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul class="flag-list">
              {organization.featureFlags.map((slug) => (
                <li key={slug}>
                  <Link href={`/flags/${encodeURIComponent(slug)}`}>{slug}</Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
