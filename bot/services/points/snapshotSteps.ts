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
 * - then the channel announcement (the top share with ranks), in parts of 1,000 lines each enqueued in its own
 *   transaction, the last with the phase done (see announce).
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
      yield* announce(deps, state, opts.sliceRows ?? ANNOUNCE_LINES);
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

/**
 * Lines per channel message of the announcement. With many tied at the cut-off the top share can be most of the ranked
 * (96,000 lines at 100,000 people with scores 1–3): one message of it was a 2 MB outbox row enqueued in one 107 ms
 * turn, and more than any chat platform takes (Slack: 40,000 characters). ~30 KB and ~5 ms a part.
 */
const ANNOUNCE_LINES = 1000;

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
 * The channel announcement: the top share with ranks (ties at the cut-off in), read from the frozen entries a part of
 * `lines` places at a time, each part enqueued in its own transaction (the first under `leaderboard:<month>:announce`
 * with the heading, the next under `…:announce:2`, `…:3`), a turn between; the last marks the snapshot done and is
 * audited. The top entries are the first places, so a part short of top ones is the last. A restart writes the same
 * parts again from the same entries, and their dedupe keys keep the ones already enqueued from doubling.
 */
function* announce(deps: ServiceDeps, s: SnapshotState, lines: number): Generator<void, void> {
  const { db, settings } = deps;
  const locale = settings.defaultLocale;
  const send = (part: number, text: string | null, last: boolean) =>
    inTransaction(db, () => {
      if (readSnapshotState(deps, s.month)?.phase !== 'ranking') return;
      const dedupeKey = part === 1 ? `leaderboard:${s.month}:announce` : `leaderboard:${s.month}:announce:${part}`;
      if (text !== null) enqueue(deps, [{ dedupeKey, target: { kind: 'channel', channel: settings.leaderboard.announceChannel }, message: { text } }]);
      if (!last) return;
      db.run(sql`update leaderboard_snapshots set phase = 'done' where id = ${s.id}`);
      appendAudit(db, { actor: 'system', action: 'leaderboard.announced', entity: 'leaderboard_snapshot', entityId: s.id, after: { month: s.month, population: s.population, ranked: s.ranked, cutoffScore: s.cutoffScore } }, deps.now());
    });
  if (s.cutoffScore == null) return send(1, t(locale, 'leaderboard.announceEmpty', { month: s.month }), true);
  for (let part = 1; ; part++) {
    const from = (part - 1) * lines;
    const top = db.all<{ rank: number; name: string; department: string | null; score: number }>(sql`
      select rank, name, department, score from leaderboard_snapshot_entries
      where snapshot_id = ${s.id} and pos > ${from} and pos <= ${from + lines} and top = 1 order by pos`);
    const text = top.map((r) => t(locale, 'leaderboard.row', { rank: r.rank, name: r.department ? `${r.name}（${r.department}）` : r.name, score: r.score }));
    if (part === 1) text.unshift(t(locale, 'leaderboard.announce', { month: s.month, percent: settings.leaderboard.topPercent }));
    const last = top.length < lines;
    send(part, text.length ? text.join('\n') : null, last);
    if (last) return;
    yield;
  }
}
