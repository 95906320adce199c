import { stmt } from './sql';
import type { ServiceDeps } from '../context';
import { localDate } from '../../domain/localTime';
import { monthsOf, weekFigures, weekOf, workFigures, type WorkItem } from '../../domain/workItemMetrics';
import type { MetricValueInput, QuarantineInput } from './connector';
import { describeKey, type PersonResolver } from './resolvePeople';
import { refOf, writeMetricValues, type WriteResult } from './writeMetricValues';

interface Stored {
  personId: number | null;
  sourceUpdated: string;
  data: string;
}

export interface WorkItemsResult extends WriteResult {
  stored: number;
  /** Events older than the state already stored (out of order): ignored. */
  stale: number;
  quarantine: QuarantineInput[];
}

/**
 * Stores work items (Jira issues, TAPD stories/bugs) in their newest state and recomputes the figures they touch —
 * inside the caller's transaction. An item whose `updated` is older than the stored one arrived out of order and
 * changes nothing. The person's figures are recomputed for every month the old and the new state fall in, for the
 * old and the new assignee, from all their items of this source (one indexed read per person). An assignee nobody
 * can map is quarantined with the reason; the item is kept (no person), so a later mapping and the nightly
 * reconciliation pick it up.
 */
export function storeWorkItems(
  deps: Pick<ServiceDeps, 'db' | 'settings'>,
  source: string,
  items: readonly WorkItem[],
  resolver: PersonResolver,
  fetchedAt: Date,
  raw: (item: WorkItem) => unknown = () => null,
): WorkItemsResult {
  const tz = deps.settings.defaultTimezone;
  const find = stmt<[string, string], Stored>(deps.db, 'select person_id as personId, source_updated as sourceUpdated, data from integration_records where connector = ? and ref = ?');
  const upsert = stmt(deps.db, 
    `insert into integration_records (connector, ref, person_id, source_updated, data, raw, fetched_at) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (connector, ref) do update set person_id = excluded.person_id, source_updated = excluded.source_updated,
       data = excluded.data, raw = excluded.raw, fetched_at = excluded.fetched_at`,
  );
  const at = fetchedAt.toISOString();
  const touched = new Map<number, Set<string>>();
  const touch = (personId: number | null, item: WorkItem) => {
    if (personId === null) return;
    const set = touched.get(personId) ?? new Set<string>();
    for (const m of monthsOf(item)) set.add(m);
    // the week it was finished in too: the standup prefill says what the systems saw this week
    const week = weekOf(item);
    if (week) set.add(week);
    touched.set(personId, set);
  };
  const result: WorkItemsResult = { stored: 0, stale: 0, quarantine: [], created: 0, revised: 0, unchanged: 0, changes: [] };
  for (const item of items) {
    const before = find.get(source, item.ref);
    if (before && Date.parse(before.sourceUpdated) > Date.parse(item.updated)) {
      result.stale++;
      continue;
    }
    const personId = resolver.resolve(item.assignee) ?? null;
    if (personId === null && item.assignee) {
      result.quarantine.push({ ref: item.ref, reason: `unknown person: ${describeKey(item.assignee)}`, record: item });
    }
    upsert.run(source, item.ref, personId, item.updated, JSON.stringify(item), JSON.stringify(raw(item) ?? null), at);
    result.stored++;
    touch(personId, item);
    if (before) touch(before.personId, JSON.parse(before.data) as WorkItem);
  }
  if (touched.size === 0) return result;
  const today = localDate(fetchedAt, tz);
  const ofPerson = stmt<[string, number], { data: string }>(deps.db, 'select data from integration_records where connector = ? and person_id = ?');
  const values: MetricValueInput[] = [];
  for (const [personId, months] of touched) {
    const mine = ofPerson.all(source, personId).map((r) => JSON.parse(r.data) as WorkItem);
    for (const period of months) {
      const figures = period.includes('W') ? [weekFigures(mine, period)] : workFigures(mine, period, today);
      for (const f of figures) values.push({ personId, metric: f.metric, period, value: f.value, ref: refOf(source, f.refs) });
    }
  }
  const written = writeMetricValues(deps.db, source, values, fetchedAt, `system:${source}`);
  return { ...result, ...written };
}
