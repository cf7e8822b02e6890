import { useEffect, useState } from 'preact/hooks';

/**
 * A small history router: the server answers each of these paths with index.html
 * (src/http/dashboard.ts `dashboardPagePaths`), the page draws the matching view.
 */
export type Route =
  | { page: 'flags' }
  | { page: 'flag'; slug: string }
  | { page: 'archived-flags' }
  | { page: 'organizations'; environment: string }
  | { page: 'organization'; environment: string; id: string }
  | { page: 'environments' }
  | { page: 'audit' }
  | { page: 'operators' }
  | { page: 'sign-in' }
  | { page: 'setup' }
  | { page: 'invite' }
  | { page: 'not-found' };

export function routeOf(pathname: string): Route {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = segments;
  if (segments.length === 0) return { page: 'flags' };
  if (segments.length === 2 && first === 'flags' && second) return { page: 'flag', slug: second };
  // Organizations belong to an environment; `/organizations/*` itself is WorkOS's REST API.
  if (first === 'environments' && second && segments[2] === 'organizations') {
    if (segments.length === 3) return { page: 'organizations', environment: second };
    if (segments.length === 4 && segments[3])
      return { page: 'organization', environment: second, id: segments[3] };
  }
  if (segments.length === 1) {
    switch (first) {
      case 'archived-flags':
      case 'environments':
      case 'audit':
      case 'operators':
      case 'sign-in':
      case 'setup':
      case 'invite':
        return { page: first };
    }
  }
  return { page: 'not-found' };
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

/** The current location (path and query), redrawn on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((version) => version + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return { pathname: location.pathname, search: new URLSearchParams(location.search) };
}

/** For links: plain clicks navigate in the page; modified clicks (new tab) stay the browser's. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const anchor = event.currentTarget as HTMLAnchorElement;
  event.preventDefault();
  navigate(anchor.getAttribute('href') ?? '/');
}
