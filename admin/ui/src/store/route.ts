import { computed, signal } from '@preact/signals';
import { currentUser } from './session';

/** The console's pages, addressed by the URL hash (`#/leaderboard`). */
export const ROUTES = ['chat', 'leaderboard', 'rewards', 'redemptions', 'goals', 'calendar'] as const;
export type Route = (typeof ROUTES)[number];

export const DEFAULT_ROUTE: Route = 'chat';

/** Pages only admin and HR accounts see. */
const STAFF_ONLY: readonly Route[] = ['redemptions', 'calendar'];

/** `#/goals/update-rate` → ['goals', 'update-rate'] (a query part is ignored). */
function hashParts(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean);
}

function parseHash(hash: string): Route {
  const name = hashParts(hash)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}

/** What the address bar asks for; `route` is what the current user may actually see. */
const requestedHash = signal(location.hash);
window.addEventListener('hashchange', () => {
  requestedHash.value = location.hash;
});
const requestedRoute = computed(() => parseHash(requestedHash.value));

/** The part of the hash after the page's name (`#/goals/update-rate` → 'update-rate'), or ''. */
export const subRoute = computed(() => hashParts(requestedHash.value).slice(1).join('/'));

/** Admin and HR manage rewards, redemptions, points and the calendar. */
export const isStaff = computed(() => ['admin', 'hr'].includes(currentUser.value?.role ?? ''));

/** Admin, HR and managers adjust goals and read the update-rate report. */
export const isManagerOrStaff = computed(() => ['admin', 'hr', 'manager'].includes(currentUser.value?.role ?? ''));

export const visibleRoutes = computed(() => ROUTES.filter((r) => !STAFF_ONLY.includes(r) || isStaff.value));

export const route = computed<Route>(() =>
  visibleRoutes.value.includes(requestedRoute.value) ? requestedRoute.value : DEFAULT_ROUTE,
);

export const hrefOf = (r: Route, sub?: string): string => (sub ? `#/${r}/${sub}` : `#/${r}`);
