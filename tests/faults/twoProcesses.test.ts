import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFault, scaled } from './record';
import { preparePeople, startAppProcess } from './processes';

/**
 * Issue 14 #2: two app processes on one database file during a standup fan-out (the probe found 151 of 176 people
 * prompted twice). One of them runs the job (the job lease), both send (outbox claims), nobody hears it twice.
 */
const PEOPLE = scaled(2000, 300);
const RUNS = scaled(3, 1);
const FRIDAY_PROMPT = Date.parse('2026-11-27T08:05:00Z');

describe('two processes on one database file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-two-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`prompt ${PEOPLE} people together without a double`, async () => {
    let lost = 0;
    let doubled = 0;
    for (let run = 0; run < RUNS; run++) {
      const path = join(dir, `perf-${run}.db`);
      preparePeople(path, PEOPLE, new Date(FRIDAY_PROMPT));
      // Slow sending in small claims, so that both processes take turns.
      const env = { DATABASE_PATH: path, FAULT_NOW: new Date(FRIDAY_PROMPT).toISOString(), LOCAL_RATE_PER_SECOND: scaled('500', '75'), FAULT_SETTLE_MS: '1500', DISPATCH_BATCH_SIZE: '50', FAULT_WAIT_FOR_GO: '1', ADMIN_PASSWORD: 'fault-suite-password' };
      const both = [startAppProcess(env), startAppProcess(env)];
      await Promise.all(both.map((p) => p.ready));
      for (const p of both) p.go();
      expect(await Promise.all(both.map((p) => p.ended))).toEqual(['done', 'done']);

      const db = new Database(path, { readonly: true });
      try {
        const prompts = db
          .prepare(
            `select coalesce(got.n, 0) as n from standup_requests r left join (
               select m.person_id, count(*) as n from local_messages m join deliveries d on d.id = m.delivery_id
               where d.dedupe_key like 'standup-prompt:%' group by m.person_id) got on got.person_id = r.person_id`,
          )
          .all() as { n: number }[];
        expect(prompts.length).toBeGreaterThan(PEOPLE * 0.8);
        lost += prompts.filter((p) => p.n === 0).length;
        doubled += prompts.filter((p) => p.n > 1).length;
        // Both really sent: the sender of each row is kept in claimed_by.
        const senders = db.prepare(`select claimed_by, count(*) as n from deliveries where status = 'sent' group by claimed_by`).all();
        expect(senders).toHaveLength(2);
        expect(db.prepare(`select count(*) as n from deliveries where status != 'sent'`).get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    }
    recordFault({ scenario: 'two processes on one database, one fan-out', scale: `${PEOPLE} people`, runs: RUNS, lost, doubled });
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
  }, 600_000);
});
