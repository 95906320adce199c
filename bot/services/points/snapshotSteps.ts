import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { asLocale, t } from '../../i18n';
import { appendAudit } from '../audit';
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
 * well under 50 ms even on a loaded machine, where the slices shrink. Starts at 200.
 */
class SliceSize {
  next = 200;
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
  // One pace per phase: a copied row costs a few µs, a ranked one (its update, message and outbox row) ten times that;
  // the copy's pace carried over made the first ranking slice 5,000 rows (650 ms on a loaded machine).
  const sizes = { collecting: new SliceSize(), ranking: new SliceSize() };
  if (opts.sliceRows) for (const size of Object.values(sizes)) size.fix(opts.sliceRows);
  for (;;) {
    const state = readSnapshotState(deps, month);
    if (!state || state.phase === 'done') return Boolean(state);
    if (state.phase === 'ranking' && state.cursor >= state.ranked) {
      // Everyone ranked and told: the channel's text read from the frozen entries (pages, a turn between), then
      // enqueued with the phase done. A restart reads the same entries again, so it writes the same text.
      const text = yield* announcementText(deps, state, opts.sliceRows ?? TEXT_PAGE);
      inTransaction(deps.db, () => {
        if (readSnapshotState(deps, month)?.phase !== 'ranking') return;
        enqueue(deps, [{ dedupeKey: `leaderboard:${month}:announce`, target: { kind: 'channel', channel: deps.settings.leaderboard.announceChannel }, message: { text } }]);
        deps.db.run(sql`update leaderboard_snapshots set phase = 'done' where id = ${state.id}`);
        appendAudit(deps.db, { actor: 'system', action: 'leaderboard.announced', entity: 'leaderboard_snapshot', entityId: state.id, after: { month, population: state.population, ranked: state.ranked, cutoffScore: state.cutoffScore } }, deps.now());
      });
      continue;
    }
    const size = sizes[state.phase];
    const started = performance.now();
    const rows = inTransaction(deps.db, () => {
      const now = readSnapshotState(deps, month)!; // another pass (an instance without the lease) may have moved it
      if (now.phase !== state.phase) return 0;
      return now.phase === 'collecting' ? collectSlice(deps, now, size.next) : rankSlice(deps, now, size.next);
    });
    size.took(performance.now() - started, rows);
    yield;
  }
}

/** Top entries per page of the announcement's text: ~4 µs of formatting each, so a page stays near 10 ms. */
const TEXT_PAGE = 2000;

function collectSlice(deps: ServiceDeps, s: SnapshotState, limit: number): number {
  const { db } = deps;
  const pilot = pilotAudience(deps);
  const copied = db.run(sql`
    insert into leaderboard_snapshot_entries (snapshot_id, person_id, name, department, score)
    select ${s.id}, m.person_id, p.name, d.path, m.score
    from points_monthly m join people p on p.id = m.person_id left join departments d on d.id = p.department_id
    where m.score_month = ${s.month} and m.person_id > ${s.cursor} and m.score > 0 and p.active = 1 and ${pilot.sql(sql`p.department_id`)}
    order by m.person_id limit ${limit}`).changes;
  const ranked = s.ranked + copied; // counted as they are copied: a count of 100,000 entries at the end was 15-70 ms
  if (copied === limit) {
    const last = db.get<{ id: number }>(sql`select max(person_id) as id from leaderboard_snapshot_entries where snapshot_id = ${s.id}`)!.id;
    db.run(sql`update leaderboard_snapshots set cursor = ${last}, ranked = ${ranked} where id = ${s.id}`);
    return copied;
  }
  // The last page: the cut-off score of the top share (a walk of the rank index to its place).
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
  // `ranked` is what the place count ends at (entries are frozen once collected)
  db.run(sql`update leaderboard_snapshots set cursor = ${page.length < limit ? s.ranked : s.cursor + page.length} where id = ${s.id}`);
  return page.length;
}

/**
 * The channel announcement: the top share with ranks (ties at the cut-off in, so with many tied it can be most of the
 * ranked), read a page of places at a time. The top entries are the first places, so a page short of top ones ends it.
 */
function* announcementText(deps: ServiceDeps, s: SnapshotState, pageSize: number): Generator<void, string> {
  const { db, settings } = deps;
  const locale = settings.defaultLocale;
  if (s.cutoffScore == null) return t(locale, 'leaderboard.announceEmpty', { month: s.month });
  const lines = [t(locale, 'leaderboard.announce', { month: s.month, percent: settings.leaderboard.topPercent })];
  for (let from = 0; ; from += pageSize) {
    const top = db.all<{ rank: number; name: string; department: string | null; score: number }>(sql`
      select rank, name, department, score from leaderboard_snapshot_entries
      where snapshot_id = ${s.id} and pos > ${from} and pos <= ${from + pageSize} and top = 1 order by pos`);
    for (const r of top) lines.push(t(locale, 'leaderboard.row', { rank: r.rank, name: r.department ? `${r.name}（${r.department}）` : r.name, score: r.score }));
    if (top.length < pageSize) return lines.join('\n');
    yield;
  }
}
