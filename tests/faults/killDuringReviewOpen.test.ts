import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE } from '../support/reviewTemplates';
import { recordFault, scaled } from './record';
import { killRepeatedly, preparePeople, startAppProcess } from './processes';

/**
 * Issue 10: kill -9 while the monthly review cycle opens by itself (the month's last working day, 09:00 in Shanghai)
 * and while the managers' self-review prompts go out. Since issue 15 the opening is many transactions (the cycle
 * marked open, reviews created a page of people at a time, drafted a slice at a time), so a kill usually lands part-way
 * and the next process resumes it (at start-up and in the review-open job). After the last, undisturbed run there is
 * one cycle, its opening finished, one review per active person with a draft, each drafted exactly once (the count
 * kept in each slice's commit equals the reviews), nobody asked before their review was drafted, and each manager
 * asked exactly once.
 */
const PEOPLE = scaled(2000, 300);
const KILLS = scaled(10, 2);
const OPENS = Date.parse('2026-11-30T01:30:00Z');

describe('kill -9 while a review cycle opens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-review-kill-'));
  const path = join(dir, 'perf.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`opens one review for each of ${PEOPLE} people and asks each manager once`, async () => {
    preparePeople(path, PEOPLE, new Date(OPENS));
    const db = new Database(path);
    db.prepare(`insert into review_templates (name, job_function, current_version, created_at, updated_at) values (?, 'default', 1, 'x', 'x')`).run(DEFAULT_TEMPLATE.name);
    db.prepare(`insert into review_template_versions (template_id, version, body, created_at) select id, 1, ?, 'x' from review_templates`).run(JSON.stringify(DEFAULT_TEMPLATE));
    db.close();

    let run = 0;
    // slow sending, so that the kills land while the managers are still being asked, not only while the cycle opens
    const env = () => ({ DATABASE_PATH: path, FAULT_NOW: new Date(OPENS + run++ * 180_000).toISOString(), LOCAL_RATE_PER_SECOND: scaled('20', '50'), ADMIN_PASSWORD: 'fault-suite-password' });
    // every other kill aimed at the opening part-way (reviews created and drafting under way), the others at random;
    // how often a kill left the opening unfinished is counted (the next process must resume it)
    const { landed, partWay } = await killRepeatedly(path, {
      kills: KILLS,
      env,
      underWay: `select count(*) as n from review_cycles c where c.status = 'open' and c.drafting_done_at is null and exists (select 1 from reviews r where r.cycle_id = c.id)`,
      polls: 500,
      aimedMs: 100,
      randomMs: scaled(1500, 600),
      unfinished: `select count(*) as n from review_cycles where status = 'open' and drafting_done_at is null`,
    });
    expect(await startAppProcess(env()).ended).toBe('done');

    const check = new Database(path, { readonly: true });
    try {
      const one = (sql: string) => (check.prepare(sql).get() as { n: number }).n;
      const active = one(`select count(*) as n from people where active = 1`);
      const reviews = one(`select count(*) as n from reviews`);
      const drafted = one(`select count(*) as n from reviews where draft is not null`);
      const counted = one(`select drafted as n from review_cycles`);
      const finished = one(`select count(*) as n from review_cycles where drafting_done_at is not null`);
      const askedEarly = one(`select count(*) as n from reviews where self_prompted_at is not null and (draft_at is null or draft_at > self_prompted_at)`);
      const managers = one(`select count(*) as n from reviews r where exists (select 1 from people x where x.manager_id = r.person_id and x.active = 1)`);
      const asked = check.prepare(`select m.person_id as personId, count(*) as n from local_messages m join deliveries d on d.id = m.delivery_id where d.dedupe_key like 'review-self:%' group by m.person_id`).all() as { n: number }[];
      const lost = active - reviews + (managers - asked.length);
      const doubled = asked.filter((a) => a.n > 1).length + Math.max(0, counted - reviews);
      recordFault({ scenario: 'kill -9 while a review cycle opens', scale: `${PEOPLE} people`, runs: landed, lost: Math.max(0, lost), doubled });
      process.stderr.write(`killDuringReviewOpen: ${landed} kills landed, ${partWay} left the opening part-way\n`);
      expect(one(`select count(*) as n from review_cycles`)).toBe(1);
      expect({ reviews, drafted, counted, finished, askedEarly, asked: asked.length, doubled }).toEqual({
        reviews: active, drafted: active, counted: active, finished: 1, askedEarly: 0, asked: managers, doubled: 0,
      });
    } finally {
      check.close();
    }
  }, 600_000);
});
