import { weekKey } from './localTime';
/**
 * R&D metrics from work items (Jira issues, TAPD stories and bugs), per person and month, computed from the items'
 * newest known state — so a missed, repeated or late event changes nothing once the state is right:
 * - tasks_completed: items done with their resolution date in the month;
 * - task_completion_rate: of the items due in the month, the share done on or before their due date;
 * - delays (延期次数): items due in the month done after their due date, or still open after it;
 * - major_incidents: items created in the month that the incident rule matches (issue type, label or priority);
 * - code_review_pass_rate: of the items done in the month with a review result, the share that passed.
 * Dates are local dates in the company's time zone ("YYYY-MM-DD").
 */
export interface WorkItem {
  /** "jira:PROJ-12", "tapd:story:1151081496001028684". */
  ref: string;
  assignee: { id?: string | null; email?: string | null; name?: string | null } | null;
  /** The source's own last-modified instant (ISO): orders events that arrive out of order. */
  updated: string;
  created: string | null;
  done: boolean;
  resolved: string | null;
  due: string | null;
  incident: boolean;
  review: 'pass' | 'fail' | null;
  deleted?: boolean;
}

export const WORK_METRICS = ['tasks_completed', 'task_completion_rate', 'delays', 'major_incidents', 'code_review_pass_rate'] as const;

const month = (date: string | null) => (date ? date.slice(0, 7) : null);

/** The ISO week an item was finished in, if it was: the standup prefill reads a week's completed tasks. */
export function weekOf(item: WorkItem): string | null {
  return item.done && item.resolved && !item.deleted ? weekKey(item.resolved.slice(0, 10)) : null;
}

/** Tasks completed in an ISO week ("2026-W47"): the one figure written per week, beside the monthly ones. */
export function weekFigures(items: readonly WorkItem[], week: string): WorkFigure {
  const done = items.filter((i) => weekOf(i) === week);
  return { metric: 'tasks_completed', value: done.length, refs: done.map((i) => i.ref) };
}

/** The months whose figures an item takes part in. */
export function monthsOf(item: WorkItem): string[] {
  return [...new Set([month(item.resolved), month(item.due), month(item.created)].filter((m): m is string => m !== null))];
}

export interface WorkFigure {
  metric: (typeof WORK_METRICS)[number];
  value: number;
  refs: string[];
}

/** One person's figures for one month from their items; `today` decides whether an open item is late yet. */
export function workFigures(items: readonly WorkItem[], monthKey: string, today: string): WorkFigure[] {
  const live = items.filter((i) => !i.deleted);
  const doneIn = live.filter((i) => i.done && month(i.resolved) === monthKey);
  const dueIn = live.filter((i) => month(i.due) === monthKey);
  const onTime = dueIn.filter((i) => i.done && i.resolved !== null && i.resolved <= i.due!);
  const late = dueIn.filter((i) => (i.done ? i.resolved !== null && i.resolved > i.due! : i.due! < today));
  const incidents = live.filter((i) => i.incident && month(i.created) === monthKey);
  const reviewed = doneIn.filter((i) => i.review !== null);
  const passed = reviewed.filter((i) => i.review === 'pass');
  const out: WorkFigure[] = [
    { metric: 'tasks_completed', value: doneIn.length, refs: doneIn.map((i) => i.ref) },
    { metric: 'delays', value: late.length, refs: late.map((i) => i.ref) },
    { metric: 'major_incidents', value: incidents.length, refs: incidents.map((i) => i.ref) },
  ];
  if (dueIn.length) out.push({ metric: 'task_completion_rate', value: round(onTime.length / dueIn.length), refs: dueIn.map((i) => i.ref) });
  if (reviewed.length) out.push({ metric: 'code_review_pass_rate', value: round(passed.length / reviewed.length), refs: reviewed.map((i) => i.ref) });
  return out;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
