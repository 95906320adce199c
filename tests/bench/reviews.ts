import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { loadConfig } from '../../bot/config';
import { WorkCalendar } from '../../bot/domain/calendar';
import { createLogger } from '../../bot/logger';
import type { ServiceDeps } from '../../bot/services/context';
import { createCycle } from '../../bot/services/reviews/createCycle';
import { continueOpening, markCycleOpen, openCycle } from '../../bot/services/reviews/openCycle';
import { settingsFrom } from '../../bot/settings';
import { openDatabase } from '../../db/client';
import { startWalCheckpointer } from '../../db/walCheckpointer';
import { mb, ms, numRow, type Row } from './table';
import { check, measure, progress, timed } from './util';

const WEEKS = 13;

/**
 * Opening a quarterly review cycle for `people` people with three months of history (13 weekly standups of three
 * answers, 5 goals with checkpoints and check-ins, two metrics a month), drafting every review, against a plain
 * insert of as many rows in one transaction.
 */
export async function runReviewOpen(dir: string, people = 10_000): Promise<{ rows: Row[]; notes: string[] }> {
  progress(`reviews: opening a quarter's cycle for ${people.toLocaleString('en-US')} people with three months of history`);
  const db = openDatabase(join(dir, 'reviews.db'));
  const c = db.$client;
  const at = '2026-10-01T00:00:00.000Z';
  c.transaction(() => {
    const person = c.prepare(`insert into people (employee_no, name, email, manager_id, job_function, timezone, locale, role, created_at, updated_at) values (?, ?, ?, ?, ?, 'Asia/Shanghai', 'zh-CN', ?, ?, ?)`);
    const goal = c.prepare(`insert into goals (ref, level, title, owner_id, unit, start_value, target_value, current_value, weight, period_start, period_end, checkin_every_days, created_at, updated_at)
                            values (?, 'individual', ?, ?, '件', 0, 100, ?, 1, '2026-10-01', '2026-12-31', 14, ?, ?)`);
    const checkpoint = c.prepare(`insert into checkpoints (goal_id, due_date, checked_in_at, on_time) values (?, ?, ?, ?)`);
    const checkIn = c.prepare(`insert into check_ins (goal_id, checkpoint_id, person_id, value, status, on_time, at) values (?, ?, ?, ?, 'on_track', ?, ?)`);
    const round = c.prepare(`insert into standup_rounds (period_key, questions, opened_at, closes_at) values (?, '[]', ?, ?)`);
    const request = c.prepare(`insert into standup_requests (round_id, person_id, due_date, remind_at, prompted_at, completed_at) values (?, ?, ?, ?, ?, ?)`);
    const answer = c.prepare(`insert into standup_answers (request_id, question_index, answer, answered_at) values (?, ?, ?, ?)`);
    const metric = c.prepare(`insert into metric_values (person_id, metric_key, period, value, source, created_at, updated_at) values (?, ?, ?, ?, 'bench', ?, ?)`);
    c.prepare(`insert into metric_definitions (key, label_zh, label_en, unit, direction, aggregation, created_at, updated_at) values
      ('collection_rate', '回款完成率', 'collection rate', '', 'higher', 'ratio', ?, ?), ('major_incidents', '重大事故', 'major incidents', '', 'lower', 'sum', ?, ?)`).run(at, at, at, at);
    for (let p = 1; p <= people; p++) {
      const manager = p % 10 === 1 ? null : p - ((p - 1) % 10);
      person.run(`R${p}`, `Person ${p}`, `r${p}@bench.example.com`, manager, p % 2 ? 'sales' : 'rnd', manager ? 'employee' : 'manager', at, at);
      for (let k = 0; k < 5; k++) {
        const goalId = Number(goal.run(`R${p}-${k}`, `Goal ${k} of ${p}`, p, 40 + k * 5, at, at).lastInsertRowid);
        for (const due of ['2026-10-15', '2026-10-29', '2026-11-12', '2026-11-26', '2026-12-10', '2026-12-24']) {
          const cp = Number(checkpoint.run(goalId, due, `${due}T08:00:00.000Z`, 1).lastInsertRowid);
          checkIn.run(goalId, cp, p, 10, 1, `${due}T08:00:00.000Z`);
        }
      }
      for (const [i, month] of ['2026-10', '2026-11', '2026-12'].entries()) {
        metric.run(p, 'collection_rate', month, 0.7 + ((p + i) % 4) * 0.1, at, at);
        metric.run(p, 'major_incidents', month, (p + i) % 3, at, at);
      }
    }
    for (let w = 0; w < WEEKS; w++) {
      const friday = new Date(Date.UTC(2026, 9, 2 + w * 7)).toISOString().slice(0, 10);
      const roundId = Number(round.run(`2026-W${String(40 + w).padStart(2, '0')}`, `${friday}T08:00:00.000Z`, `${friday}T08:00:00.000Z`).lastInsertRowid);
      for (let p = 1; p <= people; p++) {
        const requestId = Number(request.run(roundId, p, friday, `${friday}T10:00:00.000Z`, `${friday}T08:00:00.000Z`, `${friday}T09:00:00.000Z`).lastInsertRowid);
        for (let q = 0; q < 3; q++) answer.run(requestId, q, `第${w + 1}周 回答${q + 1}`, `${friday}T09:00:00.000Z`);
      }
    }
    const body = (fn: string, rule: string, effect: string) =>
      JSON.stringify({ name: fn, jobFunction: fn, sections: [{ title: 'x', weight: 100, items: [{ kind: 'metric', metric: 'collection_rate', target: 1, weight: 50 }, { kind: 'goals', weight: 50 }] }], rules: [{ when: rule, effect, ...(effect === 'cap' ? { grade: 'B' } : { flag: 'needs-improvement' }), reason: 'bench' }] });
    for (const [fn, rule, effect] of [['sales', 'collection_rate < 0.8', 'cap'], ['rnd', 'major_incidents > 2', 'flag'], ['default', 'goal_attainment < 0.3', 'flag']]) {
      const id = Number(c.prepare(`insert into review_templates (name, job_function, current_version, created_at, updated_at) values (?, ?, 1, ?, ?)`).run(fn, fn, at, at).lastInsertRowid);
      c.prepare(`insert into review_template_versions (template_id, version, body, created_at) values (?, 1, ?, ?)`).run(id, body(fn, rule, effect), at);
    }
  })();

  // WAL checkpoints on their own thread, as the server runs them (startApp): without it the commit that passes
  // 1,000 log pages checkpoints on the event loop, which the server's own opening or pass never does.
  const checkpointer = startWalCheckpointer(db, { warn: () => {} });
  const now = new Date('2026-12-31T01:00:00Z');
  const deps: ServiceDeps = {
    db, now: () => now, calendar: () => new WorkCalendar(), settings: settingsFrom(loadConfig({})), route: () => 'local', chatPlatforms: { slack: false, wecom: false }, log: createLogger('silent'),
  };
  c.exec(`create table baseline_rows (id integer primary key, cycle_id integer, person_id integer, template_version_id integer, status text, self_opens_at text, draft text, created_at text, updated_at text)`);
  const plain = c.prepare(`insert into baseline_rows (cycle_id, person_id, template_version_id, status, self_opens_at, draft, created_at, updated_at) values (1, ?, 1, 'self_review', ?, '{}', ?, ?)`);
  let round = 0;
  const baseline = await timed(() => {
    c.transaction(() => {
      for (let p = 1; p <= people; p++) plain.run(p + round * people, at, at, at);
    })();
    round++;
  });
  const cycle = createCycle(deps, { name: '2026-Q4', kind: 'quarterly', periodStart: '2026-10-01', periodEnd: '2026-12-31' }, 'bench');
  const count = (sql: string, ...args: unknown[]) => (c.prepare(sql).get(...args) as { n: number }).n;
  // What the POST and the review job run: a short transaction, then the reviews created and drafted in slices,
  // each its own transaction, with a turn of the event loop between them. The drafting transactions are counted by a
  // temporary trigger on this connection (each adds its reviews to review_cycles.drafted once).
  const open = async () => {
    markCycleOpen(deps, cycle.id, 'bench');
    await continueOpening(deps, cycle.id).done;
  };
  const slices = sliceCounter(c);
  const opened = await measure(open);
  const draftSlices = slices.stop();
  const first = count(`select count(*) as n from reviews where cycle_id = ? and draft_at is not null`, cycle.id);
  const drafted = count(`select drafted as n from review_cycles where id = ? and drafting_done_at is not null`, cycle.id);
  const again = await measure(open);
  const second = count(`select count(*) as n from reviews where cycle_id = ?`, cycle.id);
  check(first === people && second === people && drafted === people, `expected ${people} reviews drafted once each, got ${first} drafted (counted ${drafted}), then ${second}`);
  // The one-turn form (dry runs of the review job) on a second cycle of the same quarter: the cost of slicing, same run.
  const whole = createCycle(deps, { name: '2026-Q4 at once', kind: 'quarterly', periodStart: '2026-10-01', periodEnd: '2026-12-31' }, 'bench');
  const atOnce = await measure(() => openCycle(deps, whole.id, 'bench'), { record: false }); // one turn on purpose
  const S = `review cycle open ${people >= 1000 ? `${people / 1000}k` : people}`;
  const capped = (c.prepare(`select count(*) as n from reviews where cap_grade = 'B'`).get() as { n: number }).n;
  const flagged = (c.prepare(`select count(*) as n from reviews where flags != '[]'`).get() as { n: number }).n;
  const answers = (c.prepare(`select count(*) as n from standup_answers`).get() as { n: number }).n;
  await checkpointer.stop();
  c.close();
  return {
    rows: [
      numRow(S, 'open + draft every review (3 months of history), in slices', opened.ms, baseline.ms, ms, opened.stallMs),
      numRow(S, 'open + draft in slices: CPU time', opened.cpuMs, baseline.ms, ms, opened.stallMs),
      numRow(S, 'open + draft at once (one turn: the dry-run form), for comparison', atOnce.ms, baseline.ms, ms, atOnce.stallMs),
      numRow(S, 'open + draft at once: CPU time', atOnce.cpuMs, baseline.ms, ms, atOnce.stallMs),
      numRow(S, 'open again (nothing new)', again.ms, baseline.ms, ms, again.stallMs),
      numRow(S, 'peak RSS while opening', opened.rss.peak, opened.rss.start, mb, opened.stallMs),
    ],
    notes: [
      `reviews: drafted in ${draftSlices.toLocaleString('en-US')} transactions (${(people / Math.max(1, draftSlices)).toFixed(1)} reviews each on average), each in a turn of the event loop of its own`,
      `reviews: ${answers.toLocaleString('en-US')} standup answers, ${(people * 30).toLocaleString('en-US')} check-ins, ${(people * 6).toLocaleString('en-US')} metric values in the quarter; ${capped.toLocaleString('en-US')} capped at B, ${flagged.toLocaleString('en-US')} flagged; baseline = ${people.toLocaleString('en-US')} plain rows of the same shape in one transaction; RSS baseline = RSS before opening`,
    ],
  };
}

/**
 * Counts the drafting transactions until stop(): a temporary trigger (this connection only, in memory) counts the
 * updates of review_cycles.drafted, one per drafting transaction. (A setImmediate chain counting turns spun the CPU
 * while the opening waited for the WAL checkpoint thread to catch up, and counted those idle turns too.)
 */
function sliceCounter(c: Database.Database): { stop: () => number } {
  c.exec(`create temp table bench_slices (n integer not null); insert into bench_slices values (0);
          create temp trigger bench_count_slices after update of drafted on main.review_cycles begin update bench_slices set n = n + 1; end;`);
  return {
    stop: () => {
      const n = (c.prepare('select n from bench_slices').get() as { n: number }).n;
      c.exec('drop trigger bench_count_slices; drop table bench_slices;');
      return n;
    },
  };
}
