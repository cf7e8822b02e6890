import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { closeSubscriptions, messageOf, onSignedOut, request } from './api.ts';
import { Layout } from './components/layout.tsx';
import { graphql } from './gql/index.ts';
import { followEnvironments } from './live.ts';
import { ArchivedFlagsPage } from './pages/archived-flags.tsx';
import { AuditPage } from './pages/audit.tsx';
import { EnvironmentsPage } from './pages/environments.tsx';
import { FlagPage } from './pages/flag.tsx';
import { FlagsPage } from './pages/flags.tsx';
import { OperatorsPage } from './pages/operators.tsx';
import { OrganizationPage } from './pages/organization.tsx';
import { OrganizationsPage } from './pages/organizations.tsx';
import { InvitePage, SetupPage } from './pages/setup.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { navigate, routeOf, useLocation } from './router.ts';
import { type Session, SessionContext, type SessionEnvironment, type SessionOperator } from './session.ts';

const whoAmI = graphql(`
  query WhoAmI {
    setupRequired
    currentOperator {
      id
      email
      role
      environments
    }
  }
`);

const environmentsQuery = graphql(`
  query SessionEnvironments {
    environments {
      id
      slug
      name
      kind
      clientId
    }
  }
`);

const signOutMutation = graphql(`
  mutation OperatorSignOut {
    signOutOperator(input: {}) {
      signedOut
    }
  }
`);

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'signed-out'; setupRequired: boolean }
  | { kind: 'signed-in'; operator: SessionOperator; environments: SessionEnvironment[] };

const publicPages = new Set(['sign-in', 'setup', 'invite']);

export function App() {
  const { pathname, search } = useLocation();
  const route = routeOf(pathname);
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      // Side by side: the environments are refused (and ignored) when nobody is signed in.
      const [who, environments] = await Promise.all([
        request(whoAmI),
        request(environmentsQuery).then(
          (result) => result.environments,
          () => null,
        ),
      ]);
      if (!who.currentOperator) {
        setState({ kind: 'signed-out', setupRequired: who.setupRequired });
        return;
      }
      setState({
        kind: 'signed-in',
        operator: who.currentOperator,
        environments: environments ?? (await request(environmentsQuery)).environments,
      });
    } catch (error) {
      setState({ kind: 'failed', message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    void load();
    return onSignedOut(() =>
      setState((current) =>
        current.kind === 'signed-in' ? { kind: 'signed-out', setupRequired: false } : current,
      ),
    );
  }, [load]);

  const signedIn = state.kind === 'signed-in';
  const environmentSlugs = signedIn ? state.environments.map((e) => e.slug).join(',') : '';
  const [liveProblem, setLiveProblem] = useState(false);
  useEffect(() => {
    if (!environmentSlugs) return;
    setLiveProblem(false);
    const stop = followEnvironments(environmentSlugs.split(','), () => setLiveProblem(true));
    return () => {
      stop();
      closeSubscriptions();
    };
  }, [environmentSlugs]);

  // Signed out on a private page: to the sign-in form (or setup on a fresh install), and back after.
  useEffect(() => {
    if (state.kind !== 'signed-out' || publicPages.has(route.page)) return;
    if (state.setupRequired) navigate('/setup', { replace: true });
    else navigate(`/sign-in?next=${encodeURIComponent(pathname + location.search)}`, { replace: true });
  }, [state, route.page, pathname]);

  const session = useMemo<Session | null>(
    () =>
      state.kind === 'signed-in'
        ? {
            operator: state.operator,
            environments: state.environments,
            reload: load,
            signOut: async () => {
              try {
                await request(signOutMutation);
              } finally {
                closeSubscriptions();
                setState({ kind: 'signed-out', setupRequired: false });
                navigate('/sign-in');
              }
            },
          }
        : null,
    [state, load],
  );

  if (state.kind === 'loading') return <p class="boot">Loading…</p>;
  if (state.kind === 'failed') {
    return (
      <main class="boot">
        <h1>Pennant</h1>
        <p role="alert">{state.message}</p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </main>
    );
  }
  const afterSignIn = () => {
    const next = search.get('next');
    // Only a path of this site: never an address elsewhere.
    void load().then(() =>
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true }),
    );
  };
  if (route.page === 'setup') return <SetupPage token={search.get('token') ?? ''} onDone={afterSignIn} />;
  if (route.page === 'invite') return <InvitePage token={search.get('token') ?? ''} onDone={afterSignIn} />;
  if (!session) {
    if (route.page === 'sign-in') return <SignInPage onSignedIn={afterSignIn} />;
    return <p class="boot">Loading…</p>;
  }
  if (route.page === 'sign-in') {
    navigate('/', { replace: true });
    return null;
  }
  return (
    <SessionContext.Provider value={session}>
      <Layout route={route} liveProblem={liveProblem}>
        {route.page === 'flags' && <FlagsPage />}
        {route.page === 'flag' && <FlagPage slug={route.slug} />}
        {route.page === 'archived-flags' && <ArchivedFlagsPage />}
        {route.page === 'organizations' && <OrganizationsPage environment={route.environment} />}
        {route.page === 'organization' && <OrganizationPage id={route.id} environment={route.environment} />}
        {route.page === 'environments' && <EnvironmentsPage />}
        {route.page === 'audit' && <AuditPage />}
        {route.page === 'operators' && <OperatorsPage />}
        {route.page === 'not-found' && (
          <>
            <h1>Not found</h1>
            <p>There is no page at {pathname}.</p>
          </>
        )}
      </Layout>
    </SessionContext.Provider>
  );
}
