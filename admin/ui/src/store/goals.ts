import { computed, signal } from '@preact/signals';
import { api } from '../api';
import type { GoalView } from '../types';

/** Goals this deep or shallower start expanded (their children shown): roots and their children. */
const OPEN_DEPTH = 1;

export const goals = signal<GoalView[]>([]);
/** Which goals the tree shows: `current` (period not ended; the default), `all`, or a year (`?period=` of GET /api/goals). */
export const goalPeriod = signal<string>('current');
export const goalsLoading = signal(false);
export const goalsError = signal<unknown>(null);
/** The goals whose children are shown. */
export const expanded = signal<ReadonlySet<number>>(new Set());

let seq = 0;
/** Goals already given their default open/closed state; later loads keep what the reader chose. */
const seen = new Set<number>();

function walk(list: GoalView[], visit: (g: GoalView, depth: number) => void, depth = 0): void {
  for (const g of list) {
    visit(g, depth);
    walk(g.children, visit, depth + 1);
  }
}

export async function loadGoals(): Promise<void> {
  const mine = ++seq;
  goalsLoading.value = true;
  try {
    const period = goalPeriod.value;
    const res = await api.get<{ goals: GoalView[] }>(period === 'current' ? '/api/goals' : `/api/goals?period=${encodeURIComponent(period)}`);
    if (mine !== seq) return;
    const list = res.goals ?? [];
    const open = new Set(expanded.value);
    walk(list, (g, depth) => {
      if (seen.has(g.id)) return;
      seen.add(g.id);
      if (depth <= OPEN_DEPTH && g.children.length > 0) open.add(g.id);
    });
    expanded.value = open;
    goals.value = list;
    goalsError.value = null;
  } catch (err) {
    if (mine === seq) goalsError.value = err;
  } finally {
    if (mine === seq) goalsLoading.value = false;
  }
}

/** Every goal by id, wherever it sits in the tree. */
export const goalIndex = computed(() => {
  const index = new Map<number, GoalView>();
  walk(goals.value, (g) => index.set(g.id, g));
  return index;
});

/** Names of the people who own goals, by person id (to name check-ins and owner changes). */
export const ownerNames = computed(() => {
  const names = new Map<number, string>();
  for (const g of goalIndex.value.values()) names.set(g.owner.id, g.owner.name);
  return names;
});

/** The department paths the goals mention, sorted. */
export const goalDepartments = computed(() =>
  [...new Set([...goalIndex.value.values()].map((g) => g.department).filter((d): d is string => !!d))].sort(),
);

export function setGoalPeriod(period: string): void {
  if (period === goalPeriod.value) return;
  goalPeriod.value = period;
  void loadGoals();
}

export function toggleGoal(id: number): void {
  const next = new Set(expanded.value);
  if (!next.delete(id)) next.add(id);
  expanded.value = next;
}

export function expandAll(): void {
  expanded.value = new Set([...goalIndex.value.values()].filter((g) => g.children.length > 0).map((g) => g.id));
}

export function collapseAll(): void {
  expanded.value = new Set();
}

export function resetGoals(): void {
  seq++;
  seen.clear();
  goalPeriod.value = 'current';
  goals.value = [];
  goalsError.value = null;
  expanded.value = new Set();
}
