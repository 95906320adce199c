import { computed, signal } from '@preact/signals';
import { currentUser } from './session';

/** The console's pages, addressed by the URL hash (`#/leaderboard`). */
export const ROUTES = ['chat', 'leaderboard', 'rewards', 'redemptions'] as const;
export type Route = (typeof ROUTES)[number];

export const DEFAULT_ROUTE: Route = 'chat';

/** Pages only admin and HR accounts see. */
const STAFF_ONLY: readonly Route[] = ['redemptions'];

function parseHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}

/** What the address bar asks for; `route` is what the current user may actually see. */
const requestedRoute = signal<Route>(parseHash(location.hash));
window.addEventListener('hashchange', () => {
  requestedRoute.value = parseHash(location.hash);
});

/** Admin and HR manage rewards, redemptions and points. */
export const isStaff = computed(() => ['admin', 'hr'].includes(currentUser.value?.role ?? ''));

export const visibleRoutes = computed(() => ROUTES.filter((r) => !STAFF_ONLY.includes(r) || isStaff.value));

export const route = computed<Route>(() =>
  visibleRoutes.value.includes(requestedRoute.value) ? requestedRoute.value : DEFAULT_ROUTE,
);

export const hrefOf = (r: Route): string => `#/${r}`;
