import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { recordFault, scaled } from './record';
import { preparePeople, randomDelay, startAppProcess } from './processes';

/**
 * Issue 14: kill -9 at random points while 2,000 people are prompted, and while the round closes with one digest
 * per manager. Every restart "happens" three minutes later, so what a killed process claimed (outbox rows, the job
 * lease) has expired, as it would have in real time. After the last, undisturbed run every person has exactly one prompt and every manager one digest.
 */
const PEOPLE = scaled(2000, 300);
const KILLS = scaled(20, 2);
/** Slow enough that a run sends only part of the fan-out (or of the digests) before the kill lands: each new process
 * starts with a full second of tokens, then sends at this rate. */
const PROMPT_RATE = scaled('50', '100'); // small: 300 people take 2 s after the first second's burst, so a kill in the window lands
const DIGEST_RATE = scaled('5', '50');
const KILL_WINDOW_MS = scaled(700, 400);
const FRIDAY_PROMPT = Date.parse('2026-11-27T08:05:00Z'); // 16:05 in Shanghai
const MONDAY_CLOSE = Date.parse('2026-11-30T02:05:00Z'); // 10:05 in Shanghai

describe('kill -9 during a fan-out and during close digests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-kill-'));
  const path = join(dir, 'perf.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Kills `kills` processes at random moments after they are up, then lets one finish. Returns the kills that landed. */
  async function killThenFinish(start: number, rate: string): Promise<number> {
    let landed = 0;
    let run = 0;
    const env = () => ({ DATABASE_PATH: path, FAULT_NOW: new Date(start + run++ * 180_000).toISOString(), LOCAL_RATE_PER_SECOND: rate, ADMIN_PASSWORD: 'fault-suite-password' });
    for (let i = 0; i < KILLS; i++) {
      const p = startAppProcess(env());
      await p.ready;
      await new Promise((r) => setTimeout(r, randomDelay(KILL_WINDOW_MS)));
      p.child.kill('SIGKILL');
      const how = await p.ended;
      expect(how).not.toBe('failed');
      if (how === 'killed') landed++;
    }
    const last = startAppProcess(env());
    expect(await last.ended).toBe('done');
    return landed;
  }

  const counts = (sql: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare(sql).all() as { n: number }[];
    } finally {
      db.close();
    }
  };
  /** How many of the kind's messages each intended recipient got, from the local chat's transcript. */
  const perRecipient = (kind: string, recipients: string) =>
    counts(`select coalesce(got.n, 0) as n from (${recipients}) want
            left join (select m.person_id as person_id, count(*) as n from local_messages m join deliveries d on d.id = m.delivery_id
                       where d.dedupe_key like '${kind}:%' group by m.person_id) got on got.person_id = want.person_id`).map((r) => r.n);

  it(`prompts each of ${PEOPLE} people exactly once and sends each manager exactly one digest`, async () => {
    preparePeople(path, PEOPLE, new Date(FRIDAY_PROMPT));

    const promptKills = await killThenFinish(FRIDAY_PROMPT, PROMPT_RATE);
    const prompts = perRecipient('standup-prompt', `select person_id from standup_requests`);
    expect(prompts.length).toBeGreaterThan(PEOPLE * 0.8); // everyone in Shanghai was due
    const promptLost = prompts.filter((n) => n === 0).length;
    const promptDoubled = prompts.filter((n) => n > 1).length;
    recordFault({ scenario: 'kill -9 during the standup fan-out', scale: `${PEOPLE} people`, runs: promptKills, lost: promptLost, doubled: promptDoubled });

    const closeKills = await killThenFinish(MONDAY_CLOSE, DIGEST_RATE);
    const digests = perRecipient('standup-digest', `select distinct p.manager_id as person_id from standup_requests r join people p on p.id = r.person_id where p.manager_id is not null`);
    expect(digests.length).toBeGreaterThan(0);
    const digestLost = digests.filter((n) => n === 0).length;
    const digestDoubled = digests.filter((n) => n > 1).length;
    recordFault({ scenario: 'kill -9 during the close digests', scale: `${digests.length} managers`, runs: closeKills, lost: digestLost, doubled: digestDoubled });

    expect({ promptLost, promptDoubled, digestLost, digestDoubled }).toEqual({ promptLost: 0, promptDoubled: 0, digestLost: 0, digestDoubled: 0 });
    expect(promptKills).toBeGreaterThan(0);
    expect(counts(`select count(*) as n from deliveries where status != 'sent'`)).toEqual([{ n: 0 }]);
    expect(counts(`select count(*) as n from local_messages where sender = 'bot' and delivery_id is null`)).toEqual([{ n: 0 }]);
  }, 600_000);
});
