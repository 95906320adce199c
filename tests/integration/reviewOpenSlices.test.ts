import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/harness';
import { TestClock } from '../support/clock';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';
import { buildPeople } from '../bench/peopleCsv';
import { openDatabase } from '../../db/client';
import { PEOPLE_PAGE_SQL } from '../../bot/services/reviews/openCycle';

/**
 * Opening a cycle for 2,400 people (issue 15): the reviews are created and drafted in many short transactions with
 * turns of the event loop between them, so the server answers meanwhile; every review is drafted exactly once, and
 * nobody is asked about, nor can act on, a review before it is drafted. A failure mid-drafting (a refused write, as a
 * full disk would) and a restart on the same file resume it where it stopped.
 */
const PEOPLE = 2400;
// November's monthly cycle as the review-open job names it, so that its manual run resumes this very cycle
const CYCLE = { name: '2026-11', kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-11-30' };

interface CycleListed {
  id: number;
  status: string;
  reviews: number;
  drafting: { drafted: number; total: number } | null;
}

describe('opening a review cycle in slices', () => {
  let t: TestApp;
  const clock = new TestClock('2026-11-20T02:00:00Z');
  beforeAll(async () => {
    t = await TestApp.start({ clock });
    expect((await t.importPeople(buildPeople(PEOPLE, { identities: false }).csv)).status).toBe(200);
    insertTemplates(t, DEFAULT_TEMPLATE);
  }, 120_000);
  afterAll(async () => {
    await t.destroy();
  });

  const cycles = async () => ((await (await t.request('GET', '/api/review-cycles')).json()) as { cycles: CycleListed[] }).cycles;
  const one = (sql: string, ...args: unknown[]) => t.sql<{ n: number }>(sql, ...args)[0].n;

  it('answers other requests while it opens, in many transactions, and drafts every review once', async () => {
    const created = await t.request('POST', '/api/review-cycles', { ...CYCLE, name: '2026-Q4 (slices)', kind: 'quarterly', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    const { id } = (await created.json()) as { id: number };
    let opening = true;
    const seen: CycleListed['drafting'][] = [];
    let health = 0;
    const open = t.request('POST', `/api/review-cycles/${id}/open`).then(async (res) => {
      opening = false;
      return { status: res.status, body: (await res.json()) as { reviews: number; drafting: unknown } };
    });
    // While the opening runs, the same server answers /healthz and the cycle list (which shows how far drafting is).
    while (opening) {
      const [h, list] = await Promise.all([fetch(`${t.url}/healthz`), cycles()]);
      if (opening && h.status === 200) health++;
      const mine = list.find((c) => c.id === id);
      if (opening && mine?.drafting) seen.push(mine.drafting);
    }
    expect(await open).toEqual({ status: 200, body: { reviews: PEOPLE, drafting: null } });
    expect(health).toBeGreaterThan(0);
    // drafting seen part-way: committed slices are visible to other requests before the last one
    expect(seen.some((d) => d !== null && d.drafted > 0 && d.drafted < d.total)).toBe(true);
    const counts = seen.map((d) => d!.drafted);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts).size).toBeGreaterThan(1);
    // each review drafted exactly once: the count kept in each slice's commit equals the reviews
    expect(t.sql(`select drafted, drafting_done_at is not null as done from review_cycles where id = ?`, id)).toEqual([{ drafted: PEOPLE, done: 1 }]);
    expect(one(`select count(*) as n from reviews where cycle_id = ? and draft is not null`, id)).toBe(PEOPLE);
    expect((await cycles()).find((c) => c.id === id)).toMatchObject({ status: 'open', reviews: PEOPLE, drafting: null });
  }, 120_000);

  it('resumes after a failure mid-drafting and a restart: nobody asked before drafted, each review drafted once', async () => {
    const created = await t.request('POST', '/api/review-cycles', CYCLE);
    const { id } = (await created.json()) as { id: number };
    // A refused write part-way (as a full disk would refuse it): the slice holding that review fails and rolls back.
    const stopAt = PEOPLE / 3;
    t.sql(`create temp trigger refuse_draft before update of draft_at on reviews
           when old.draft_at is null and new.person_id = (select id from people where email = 'p00800@bench.example.com')
           begin select raise(abort, 'injected: disk refused'); end`);
    const opened = await t.request('POST', `/api/review-cycles/${id}/open`);
    expect(opened.status).toBe(202);
    const body = (await opened.json()) as { reviews: number; drafting: { drafted: number; total: number } };
    expect(body.reviews).toBe(PEOPLE);
    expect(body.drafting.total).toBe(PEOPLE);
    expect(body.drafting.drafted).toBeGreaterThan(0);
    expect(body.drafting.drafted).toBeLessThan(stopAt + 1);
    const drafted = one(`select count(*) as n from reviews where cycle_id = ? and draft_at is not null`, id);
    expect(drafted).toBe(body.drafting.drafted);

    // The review job resumes, meets the same refusal, and asks only people whose review is drafted.
    await t.runJob('review-open');
    const prompted = t.sql<{ id: number; draftAt: string | null }>(`select id, draft_at as draftAt from reviews where cycle_id = ? and self_prompted_at is not null`, id);
    expect(prompted.length).toBeGreaterThan(0);
    expect(prompted.every((r) => r.draftAt !== null)).toBe(true);
    const waiting = t.sql<{ id: number; personId: number }>(
      `select r.id, r.person_id as personId from reviews r where r.cycle_id = ? and r.draft_at is null and r.self_opens_at <= ? order by r.id limit 1`, id, clock.now().toISOString(),
    );
    expect(waiting.length).toBe(1); // a manager whose self-review has opened but whose review is not drafted
    expect(one(`select count(*) as n from deliveries where dedupe_key = ?`, `review-self:${waiting[0].id}`)).toBe(0);

    // Nothing acts on it: the page says it is being drafted (no empty draft), grading and self-review are refused.
    const view = (await (await t.request('GET', `/api/reviews/${waiting[0].id}`)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ id: waiting[0].id, drafting: { total: PEOPLE } });
    expect(view.items).toBeUndefined();
    const graded = await t.request('POST', `/api/reviews/${waiting[0].id}/manager`, { grade: 'B', feedback: '好' });
    expect([graded.status, ((await graded.json()) as { error: { code: string } }).error.code]).toEqual([409, 'review_drafting']);
    expect(one(`select count(*) as n from reviews where id = ? and status = 'submitted'`, waiting[0].id)).toBe(0);
    const release = await t.request('POST', `/api/review-cycles/${id}/release`);
    expect(release.status).toBe(409);
    const before = new Map(t.sql<{ id: number; draftAt: string }>(`select id, draft_at as draftAt from reviews where cycle_id = ? and draft_at is not null`, id).map((r) => [r.id, r.draftAt]));

    // Restart on the same file (the temp trigger goes with the old connection), later: the start-up resumes drafting
    // and the job joins it; nothing drafted before is drafted again (its draft_at would be the later time).
    const dir = t.dir;
    await t.stop();
    clock.advance(60_000);
    t = await TestApp.start({ clock, dir });
    await t.runJob('review-open');
    expect(t.sql(`select drafted, drafting_done_at is not null as done from review_cycles where id = ?`, id)).toEqual([{ drafted: PEOPLE, done: 1 }]);
    expect(one(`select count(*) as n from reviews where cycle_id = ? and draft_at is not null`, id)).toBe(PEOPLE);
    const after = t.sql<{ id: number; draftAt: string }>(`select id, draft_at as draftAt from reviews where cycle_id = ?`, id);
    expect(after.filter((r) => before.has(r.id) && before.get(r.id) !== r.draftAt)).toEqual([]);
    expect(after.filter((r) => !before.has(r.id) && r.draftAt <= [...before.values()][0])).toEqual([]);
    // every manager asked once in all (the ones waiting now too), nobody twice
    const managers = one(`select count(*) as n from reviews r where r.cycle_id = ? and exists (select 1 from people x where x.manager_id = r.person_id and x.active = 1)`, id);
    const asked = `select count(*) as n from deliveries d join reviews r on d.dedupe_key = 'review-self:' || r.id where r.cycle_id = ?`;
    expect(one(asked, id)).toBe(managers);
    expect(one(`select count(*) as n from reviews where cycle_id = ? and self_prompted_at is not null`, id)).toBe(managers);
    expect((await cycles()).find((c) => c.id === id)).toMatchObject({ drafting: null, reviews: PEOPLE });
  }, 180_000);
});

describe('the opening reads people a page at a time', () => {
  it('by the id range, not by scanning and sorting every active person for each page', () => {
    const db = openDatabase(':memory:');
    const plan = (db.$client.prepare(`explain query plan ${PEOPLE_PAGE_SQL}`).all(0, 50) as { detail: string }[]).map((r) => r.detail);
    db.$client.close();
    expect(plan[0]).toBe('SEARCH p USING INTEGER PRIMARY KEY (rowid>?)');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN p\b|people_active_tz_idx/);
    // the reports of each person of the page are counted through the manager index
    expect(plan).toContain('SEARCH r USING INDEX people_manager_idx (manager_id=?)');
  });
});
