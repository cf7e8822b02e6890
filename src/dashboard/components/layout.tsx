import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Route } from '../router.ts';
import { usePermissions, useSession } from '../session.ts';
import { Link } from './link.tsx';

const titles: Record<Route['page'], string> = {
  flags: 'Flags',
  flag: 'Flag',
  'archived-flags': 'Archived flags',
  organizations: 'Organizations',
  organization: 'Organization',
  environments: 'Environments',
  audit: 'Audit log',
  operators: 'Operators',
  'sign-in': 'Sign in',
  setup: 'Set up',
  invite: 'Invitation',
  'not-found': 'Not found',
};

export function Layout(props: { route: Route; liveProblem: boolean; children: ComponentChildren }) {
  const session = useSession();
  const can = usePermissions();
  const main = useRef<HTMLElement>(null);
  const page = props.route.page;
  useEffect(() => {
    document.title = `${titles[page]} · Pennant`;
  }, [page]);
  const links: [string, string, boolean][] = [
    ['/', 'Flags', page === 'flags' || page === 'flag'],
    [
      `/environments/${encodeURIComponent(session.environments[0]?.slug ?? 'sandbox')}/organizations`,
      'Organizations',
      page === 'organizations' || page === 'organization',
    ],
    ['/environments', 'Environments', page === 'environments'],
    ['/audit', 'Audit log', page === 'audit'],
  ];
  if (can.isAdmin) links.push(['/operators', 'Operators', page === 'operators']);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Pennant</span>
        <nav aria-label="Main">
          <ul>
            {links.map(([href, label, current]) => (
              <li key={href}>
                <Link href={href} current={current}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            {session.operator.email} <span class="role">({session.operator.role.toLowerCase()})</span>
          </span>
          <button type="button" class="link-button" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      {props.liveProblem && (
        <p class="banner" role="status">
          Live updates are reconnecting; the page may be behind until they are back.
        </p>
      )}
      {can.readOnly && (
        <p class="banner info" role="note">
          You have read-only access: you can see everything but change nothing.
        </p>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
