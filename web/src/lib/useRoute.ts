import { useCallback, useSyncExternalStore, type MouseEvent } from 'react';

/**
 * History-API routing: the server forwards unknown non-/api paths to index.html, so every screen
 * has a real URL. Routes: `/` (datasets), `/datasets/:id`, `/datasets/:id/rejects`, `/account`,
 * `/tokens` and `/users` (admins only; App shows "not found" to others).
 */
export type Route =
  | { name: 'datasets' }
  | { name: 'dataset'; id: string; tab: 'rows' | 'rejects' }
  | { name: 'account' }
  | { name: 'tokens' }
  | { name: 'users' }
  | { name: 'notFound' };

const PAGES: Record<string, Route> = {
  '/account': { name: 'account' },
  '/tokens': { name: 'tokens' },
  '/users': { name: 'users' },
};

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/datasets') {
    return { name: 'datasets' };
  }
  if (Object.hasOwn(PAGES, path)) {
    return PAGES[path];
  }
  const match = /^\/datasets\/([^/]+)(\/rejects)?$/.exec(path);
  if (match) {
    return { name: 'dataset', id: decodeURIComponent(match[1]), tab: match[2] ? 'rejects' : 'rows' };
  }
  return { name: 'notFound' };
}

export function datasetPath(id: string, tab: 'rows' | 'rejects' = 'rows'): string {
  return `/datasets/${encodeURIComponent(id)}${tab === 'rejects' ? '/rejects' : ''}`;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) {
    return;
  }
  if (options.replace) {
    window.history.replaceState(null, '', path);
  } else {
    window.history.pushState(null, '', path);
  }
  listeners.forEach((listener) => listener());
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return parseRoute(pathname);
}

/** An onClick for links that navigates in-app but leaves modified clicks (new tab) to the browser. */
export function useLinkHandler(): (event: MouseEvent<HTMLAnchorElement>) => void {
  return useCallback((event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(event.currentTarget.pathname);
  }, []);
}
