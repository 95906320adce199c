import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { pilotAudience } from '../settings/audiences';
import { topCount } from './leaderboard';

export interface SnapshotState {
  id: number;
  month: string;
  population: number;
  cutoffScore: number | null;
  phase: 'collecting' | 'ranking' | 'done';
  cursor: number;
  ranked: number;
}

/**
 * Rows per slice: as many as fit in about 8 ms, measured as it goes (100 to 5,000), so one slice holds the event loop
 * well under 50 ms even on a loaded machine, where the slices shrink.
 */
class SliceSize {
  next = 500;
  private fixed = false;
  /** Always this many (tests that stop a pass part-way). */
  fix(rows: number): void {
    this.next = rows;
    this.fixed = true;
  }
  took(ms: number, rows: number): void {
    if (this.fixed || rows < this.next) return; // a short last page says nothing about the pace
    this.next = Math.max(100, Math.min(5000, Math.round((rows * 8) / Math.max(ms, 0.1)), this.next * 2));
  }
}

export function readSnapshotState(deps: ServiceDeps, month: string): SnapshotState | undefined {
  return deps.db.get<SnapshotState>(sql`select id, month, population, cutoff_score as cutoffScore, phase, cursor, ranked from leaderboard_snapshots where month = ${month}`);
}

/**
 * Takes a month's snapshot as the steps of a sliced pass (yielding between slices; see bot/services/slices.ts), from
 * wherever the stored state says it got to, so a pass cut off by a crash is finished by the next one and doubles
 * nothing: each slice's rows and the cursor that says they are done commit in one transaction.
 *
 * - collecting: the month's positive scores of active people (in the pilot, when there is one) copied, a page of
 *   person ids at a time, with the name and department as they are now: the frozen list. When the last page is in,
 *   the number ranked and the top share's cut-off score (the score at place max(1, ⌈population × percent⌉), or the
 *   last place) are stored.
 * - ranking: the entries walked in rank order (score descending, then person id; the unranked first in the index), each
 *   slice given its places, competition ranks and top flags, and its people's personal messages enqueued (dedupe key
 *   `leaderboard:<month>:<personId>`) in the same transaction.
 * - done: the channel announcement (the top share with ranks) enqueued with the phase.
 */
export function* snapshotSteps(deps: ServiceDeps, month: string, opts: { sliceRows?: number } = {}): Generator<void, boolean> {
  const size = new SliceSize();
  if (opts.sliceRows) size.fix(opts.sliceRows);
  for (;;) {
    const state = readSnapshotState(deps, month);
    if (!state || state.phase === 'done') return Boolean(state);
    const started = performance.now();
    const rows = inTransaction(deps.db, () => {
      const now = readSnapshotState(deps, month)!; // another pass (an instance without the lease) may have moved it
      if (now.phase === 'collecting') return collectSlice(deps, now, size.next);
      if (now.phase === 'ranking') return rankSlice(deps, now, size.next);
      return 0;
    });
    size.took(performance.now() - started, rows);
    yield;
  }
}

function collectSlice(deps: ServiceDeps, s: SnapshotState, limit: number): number {
  const { db } = deps;
  const pilot = pilotAudience(deps);
  const copied = db.run(sql`
    insert into leaderboard_snapshot_entries (snapshot_id, person_id, name, department, score)
    select ${s.id}, m.person_id, p.name, d.path, m.score
    from points_monthly m join people p on p.id = m.person_id left join departments d on d.id = p.department_id
    where m.score_month = ${s.month} and m.person_id > ${s.cursor} and m.score > 0 and p.active = 1 and ${pilot.sql(sql`p.department_id`)}
    order by m.person_id limit ${limit}`).changes;
  if (copied === limit) {
    const last = db.get<{ id: number }>(sql`select max(person_id) as id from leaderboard_snapshot_entries where snapshot_id = ${s.id}`)!.id;
    db.run(sql`update leaderboard_snapshots set cursor = ${last} where id = ${s.id}`);
    return copied;
  }
  // The last page: how many are ranked, and the cut-off score of the top share (a walk of the rank index to it).
  const ranked = db.get<{ n: number }>(sql`select count(*) as n from leaderboard_snapshot_entries where snapshot_id = ${s.id}`)!.n;
  const place = Math.min(topCount(s.population, deps.settings.leaderboard.topPercent), ranked);
  const cutoff =
    ranked === 0
      ? null
      : db.get<{ score: number }>(sql`select score from leaderboard_snapshot_entries where snapshot_id = ${s.id} and pos is null
          order by score desc, person_id limit 1 offset ${place - 1}`)!.score;
  db.run(sql`update leaderboard_snapshots set phase = 'ranking', cursor = 0, ranked = ${ranked}, cutoff_score = ${cutoff} where id = ${s.id}`);
  return copied;
}

function rankSlice(deps: ServiceDeps, s: SnapshotState, limit: number): number {
  const { db, settings } = deps;
  const locale = settings.defaultLocale;
  const percent = settings.leaderboard.topPercent;
  const before = s.cursor === 0 ? undefined : db.get<{ rank: number; score: number }>(sql`select rank, score from leaderboard_snapshot_entries where snapshot_id = ${s.id} and pos = ${s.cursor}`);
  const page = db.all<{ personId: number; score: number; locale: string | null }>(sql`
    select e.person_id as personId, e.score, p.locale from leaderboard_snapshot_entries e left join people p on p.id = e.person_id
    where e.snapshot_id = ${s.id} and e.pos is null order by e.score desc, e.person_id limit ${limit}`);
  if (page.length === 0) {
    finish(deps, s);
    return 0;
  }
  const set = db.$client.prepare('update leaderboard_snapshot_entries set pos = ?, rank = ?, top = ? where snapshot_id = ? and person_id = ?');
  const items: OutboxItem[] = [];
  let prev = before;
  page.forEach((e, i) => {
    const pos = s.cursor + i + 1;
    const rank = prev && prev.score === e.score ? prev.rank : pos;
    const top = s.cutoffScore != null && e.score >= s.cutoffScore;
    set.run(pos, rank, top ? 1 : 0, s.id, e.personId);
    prev = { rank, score: e.score };
    const text = t(asLocale(e.locale, locale), top ? 'leaderboard.personalTop' : 'leaderboard.personal', { month: s.month, score: e.score, rank, of: s.ranked, percent });
    items.push({ dedupeKey: `leaderboard:${s.month}:${e.personId}`, target: { kind: 'person', personId: e.personId }, message: { text } });
  });
  enqueue(deps, items);
  db.run(sql`update leaderboard_snapshots set cursor = ${s.cursor + page.length} where id = ${s.id}`);
  if (page.length < limit) finish(deps, s);
  return page.length;
}

/** The channel announcement of the top share (ties at the cut-off in), and the snapshot done. */
function finish(deps: ServiceDeps, s: SnapshotState): void {
  const { db, settings } = deps;
  const locale = settings.defaultLocale;
  const top =
    s.cutoffScore == null
      ? []
      : db.all<{ rank: number; name: string; department: string | null; score: number }>(sql`
          select rank, name, department, score from leaderboard_snapshot_entries
          where snapshot_id = ${s.id} and pos is not null and pos <= (select count(*) from leaderboard_snapshot_entries where snapshot_id = ${s.id} and score >= ${s.cutoffScore})
          order by pos`);
  const lines = top.map((r) => t(locale, 'leaderboard.row', { rank: r.rank, name: r.department ? `${r.name}（${r.department}）` : r.name, score: r.score }));
  const text = top.length ? [t(locale, 'leaderboard.announce', { month: s.month, percent: settings.leaderboard.topPercent }), ...lines].join('\n') : t(locale, 'leaderboard.announceEmpty', { month: s.month });
  enqueue(deps, [{ dedupeKey: `leaderboard:${s.month}:announce`, target: { kind: 'channel', channel: settings.leaderboard.announceChannel }, message: { text } }]);
  db.run(sql`update leaderboard_snapshots set phase = 'done' where id = ${s.id}`);
}
