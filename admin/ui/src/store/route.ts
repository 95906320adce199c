import { computed, signal } from '@preact/signals';
import type { Landing, User } from '../types';
import { currentUser } from './session';

/** The console's pages, addressed by the URL hash (`#/leaderboard`), in the order of the tabs. */
export const ROUTES = ['me', 'team', 'hr', 'people', 'setup', 'chat', 'log', 'reports', 'leaderboard', 'rewards', 'redemptions', 'goals', 'reviews', 'talent', 'calendar', 'audit', 'integrations', 'settings'] as const;
/** Pages with no tab, reached by links: a person's file (`#/file/12`, `#/file` for mine). */
export const LINKED_PAGES = ['file'] as const;
export type Route = (typeof ROUTES)[number] | (typeof LINKED_PAGES)[number];

/** The page of a set-password link (`#/set-password?token=…`): shown signed in or out, outside the tabs. */
export const SET_PASSWORD = 'set-password';

const isStaffUser = (u: User | null) => u?.role === 'admin' || u?.role === 'hr';

/** Who may see each page; a page not listed here is for everyone signed in. */
const MAY_SEE: Partial<Record<Route, (u: User | null) => boolean>> = {
  me: (u) => u?.personId !== null && u?.personId !== undefined,
  team: (u) => !!u?.isManager || isStaffUser(u),
  hr: isStaffUser,
  // People: managers see their reporting subtree, HR and admin everyone (edit, deactivate, import).
  people: (u) => !!u?.isManager || isStaffUser(u),
  setup: (u) => u?.role === 'admin',
  settings: (u) => u?.role === 'admin',
  redemptions: isStaffUser,
  calendar: isStaffUser,
  // The audit trail and its hash-chain check: HR and admin.
  audit: isStaffUser,
  // The connectors (issue 12): admins configure and run them, HR reads them.
  integrations: isStaffUser,
  // Reviews: managers review their reports; HR and admin also edit templates and the rating scale.
  reviews: (u) => !!u?.isManager || isStaffUser(u),
  // Talent (issue 16): the 9-box over time and profiles; HR and admin everyone, managers their subtree (the API decides);
  // anyone else only their own profile, when the company lets people see it.
  talent: (u) => !!u?.isManager || isStaffUser(u) || !!u?.talentProfileVisible,
  file: (u) => (u?.personId !== null && u?.personId !== undefined) || !!u?.isManager || isStaffUser(u),
};

/** `#/goals/update-rate?x=1` → ['goals', 'update-rate'] (the query part is separate). */
function hashParts(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean);
}

/** What the address bar asks for; `route` is what the current user may actually see. */
const requestedHash = signal(location.hash);
window.addEventListener('hashchange', () => {
  requestedHash.value = location.hash;
});
const requestedName = computed(() => hashParts(requestedHash.value)[0] ?? '');

/** The part of the hash after the page's name (`#/goals/update-rate` → 'update-rate'), or ''. */
export const subRoute = computed(() => hashParts(requestedHash.value).slice(1).join('/'));

/** The parameters after `?` in the hash (`#/set-password?token=abc`). */
export const hashParams = computed(() => new URLSearchParams(requestedHash.value.split('?').slice(1).join('?')));

/** The address asks for the set-password page. */
export const onSetPassword = computed(() => requestedName.value === SET_PASSWORD);

/** Admin and HR manage rewards, redemptions, points and the calendar. */
export const isStaff = computed(() => isStaffUser(currentUser.value));

/** Admin, HR and anyone with reports read the update-rate report (of the people they may see). */
export const isManagerOrStaff = computed(() => !!currentUser.value?.isManager || isStaffUser(currentUser.value));

export const visibleRoutes = computed(() => ROUTES.filter((r) => MAY_SEE[r]?.(currentUser.value) ?? true));
const allowedPages = computed<string[]>(() => [...visibleRoutes.value, ...LINKED_PAGES.filter((r) => MAY_SEE[r]?.(currentUser.value) ?? true)]);

/** Where the current user lands: the server's `landing` when they may see it, else their first page. */
export const landingRoute = computed<Route>(() => {
  const landing = currentUser.value?.landing;
  const visible = visibleRoutes.value;
  return landing && (visible as string[]).includes(landing) ? (landing as Route) : (visible as string[]).includes('chat') ? 'chat' : visible[0];
});

/** An unknown or forbidden address shows the user's landing page. */
export const route = computed<Route>(() => {
  const name = requestedName.value;
  return allowedPages.value.includes(name) ? (name as Route) : landingRoute.value;
});

export const hrefOf = (r: Route, sub?: string): string => (sub ? `#/${r}/${sub}` : `#/${r}`);

/**
 * The Reviews area's own pages (parsed by ReviewsPage from `subRoute`): `cycles/:id`, `review/:id`, `templates[/:id|new]`
 * and, for HR and admin, `calibration/:id` (a calibration session).
 */
export const reviewHref = (id: number): string => hrefOf('reviews', `review/${id}`);
/** The People area (`components/people/`): the list, `org` (the chart), `import` (HR, admin), `:id` (a person's page). */
export const personHref = (id: number): string => hrefOf('people', String(id));
export const calibrationHref = (id: number): string => hrefOf('reviews', `calibration/${id}`);

/** Opens a page (replacing the current address, e.g. a set-password link with its token). */
export function goTo(page: Route | Landing, replace = false): void {
  const hash = hrefOf(page as Route);
  if (replace) {
    history.replaceState(null, '', hash);
    requestedHash.value = hash;
  } else {
    location.hash = hash;
  }
}
