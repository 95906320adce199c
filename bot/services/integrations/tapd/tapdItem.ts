import { TZDate } from '@date-fns/tz';
import type { WorkItem } from '../../../domain/workItemMetrics';

export interface TapdRules {
  doneStatuses: string[];
  incidentSeverities: string[];
  incidentPriorities: string[];
  reviewField: string;
  reviewPassValues: string[];
  reviewFailValues: string[];
}

/** TAPD's "Y-m-d H:i:s" (the workspace's local time) → an instant. */
export function tapdInstant(value: unknown, tz: string): Date | null {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim()) : null;
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  return new Date(new TZDate(+y, +mo - 1, +d, +h, +mi, +s, tz).getTime());
}

const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);
const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());

/**
 * A TAPD story or bug → a work item. Stories name the handler in `owner`, bugs in `current_owner` (TAPD nicks,
 * "zhangsan;lisi;": the first one counts); stories finish at `completed`, bugs at `resolved`/`closed`; `modified`
 * orders the states. Null when the object lacks an id or any time to order it by.
 */
export function tapdWorkItem(kind: 'story' | 'bug', obj: Record<string, unknown>, rules: TapdRules, tz: string, eventTime: Date | null): WorkItem | null {
  const id = obj.id == null ? '' : String(obj.id);
  const updated = tapdInstant(obj.modified, tz) ?? eventTime;
  if (!id || !updated) return null;
  const ownerField = kind === 'story' ? obj.owner : (obj.current_owner ?? obj.owner);
  const nick = typeof ownerField === 'string' ? ownerField.split(';').map((s) => s.trim()).find(Boolean) : undefined;
  const status = String(obj.status ?? '').toLowerCase();
  const done = lower(rules.doneStatuses).includes(status);
  const finished = kind === 'story' ? obj.completed : (obj.resolved ?? obj.closed);
  const created = tapdInstant(obj.created, tz);
  const resolvedAt = tapdInstant(finished, tz) ?? (done ? updated : null);
  const local = (d: Date | null) => (d ? new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d) : null);
  const severity = String(obj.severity ?? '').toLowerCase();
  const priority = String(obj.priority_label ?? obj.priority ?? '').toLowerCase();
  let review: WorkItem['review'] = null;
  if (rules.reviewField && obj[rules.reviewField] != null) {
    const v = String(obj[rules.reviewField]).toLowerCase();
    if (lower(rules.reviewPassValues).includes(v)) review = 'pass';
    else if (lower(rules.reviewFailValues).includes(v)) review = 'fail';
  }
  return {
    ref: `${kind}:${id}`,
    assignee: nick ? { id: nick, name: nick } : null,
    updated: updated.toISOString(),
    created: local(created),
    done,
    resolved: done ? local(resolvedAt) : null,
    due: day(obj.due ?? obj.deadline),
    incident: kind === 'bug' && (lower(rules.incidentSeverities).includes(severity) || lower(rules.incidentPriorities).includes(priority)),
    review,
  };
}
