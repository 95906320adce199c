import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/client';
import { importPeople } from '../../bot/services/people/importPeople';
import { startRemoteFakeWecom, type RemoteFakeWecom } from '../support/fakeWecomRemote';
import { PEOPLE_HEADER } from '../support/harness';
import { WECOM, WecomCallbacks, wallClockSeconds, wecomEnv } from '../support/wecomHarness';
import { specEncrypt, specSignature } from '../support/wecomSpecCrypto';
import { recordFault, scaled } from './record';
import { randomDelay, startAppProcess, type AppProcess } from './processes';

/**
 * kill -9 while WeCom answers come in and are processed. A callback is recorded before its 200 and processed after it
 * (the answer stored, question 2 claimed in the same transaction and sent with message/send), so a kill can land
 * before the record, between the record and the 200, in the processing, or between a reply's send and its "sent"
 * mark. WeCom retries a callback it got no 200 for, with the same MsgId: so does this test, after the restart; one
 * that got its 200 is never posted again (its record must have survived). Every restart "happens" three minutes
 * later in business time, so the replies a killed process had claimed (their lease) have expired, as in
 * killDuringFanOut. At the end everyone's answer is stored once and everyone got question 2: once, or twice when a
 * kill caught the message/send carrying it before its "sent" mark was committed (at least once, see the assertion).
 */
const PEOPLE = scaled(2000, 200);
const KILLS = scaled(10, 2);
/** Callbacks in flight at once, as WeCom's servers keep several connections open. */
const CONCURRENCY = 16;
/**
 * Where a kill lands. Every other process (the 1st, 3rd, …) and half of the rest: once a random number of the slice's
 * callbacks has been answered 200 — the app is then recording the next callbacks, processing those before and sending
 * their replies, all at once. The others: within TAIL_MS after the last 200, while the last callbacks are processed
 * and their replies sent (that takes 5–20 ms here), or just after. Aimed by progress rather than by a fixed delay: a
 * slice takes 150–300 ms here, and a fixed window would miss it on a faster or a loaded machine.
 */
const TAIL_MS = 15;
const START = Date.parse('2026-11-27T08:05:00Z'); // a Friday, 16:05 in Shanghai: the round is open
const ANSWER = '完成了本周的接口联调';
const userid = (i: number) => `wx${i}`;

/** Everyone in Shanghai speaking zh-CN, each with a WeCom userid (the bench's WeCom crowd). */
function crowdCsv(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `W${i},员工${i},w${i}@fault.example.com,研发中心/Team ${Math.floor(i / 10)},,rnd,Asia/Shanghai,zh-CN,,${userid(i)},employee`);
  return `${[PEOPLE_HEADER, ...rows].join('\n')}\n`;
}

/**
 * Person i's answer to question 1, encrypted once: WeCom retries the same message (same MsgId, same content); only
 * the query (timestamp, nonce, signature) is new on every attempt, since the app refuses a timestamp over 5 minutes
 * from the wall clock.
 */
interface Callback {
  person: number;
  encrypted: string;
}

function callbackOf(person: number): Callback {
  const xml = new WecomCallbacks('http://unused', { now: () => new Date() }).textXml(userid(person), ANSWER, String(800_000_000 + person));
  return { person, encrypted: specEncrypt(WECOM.aesKey, xml, WECOM.corpId) };
}

/** One attempt, as WeCom makes it: 'ok' on a 200, the status on another answer, 'reset' when the connection failed. */
async function post(url: string, cb: Callback): Promise<'ok' | 'reset' | number> {
  const timestamp = String(wallClockSeconds());
  const nonce = randomBytes(5).toString('hex');
  const query = `msg_signature=${specSignature(WECOM.token, timestamp, nonce, cb.encrypted)}&timestamp=${timestamp}&nonce=${nonce}`;
  const body = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${cb.encrypted}]]></Encrypt><AgentID><![CDATA[${WECOM.agentId}]]></AgentID></xml>`;
  try {
    const res = await fetch(`${url}/wecom/callback?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body, signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer();
    return res.status === 200 ? 'ok' : res.status;
  } catch {
    return 'reset'; // killed under it (reset, refused) or no answer in 15 s: WeCom retries it
  }
}

/** What happened to one process's callbacks: those answered 200, and any other HTTP status met. */
interface Posted {
  ok: Set<number>;
  statuses: number[];
}

/**
 * Posts the callbacks at CONCURRENCY in flight until all were attempted or `stop()` says the process is gone (those
 * not attempted yet wait for the next process, as WeCom's retries would). `onOk` hears the count of 200s so far.
 */
async function postAll(url: string, callbacks: readonly Callback[], stop: () => boolean, onOk: (n: number) => void = () => {}): Promise<Posted> {
  const posted: Posted = { ok: new Set(), statuses: [] };
  let next = 0;
  const worker = async () => {
    while (next < callbacks.length && !stop()) {
      const cb = callbacks[next++];
      const got = await post(url, cb);
      if (got === 'ok') {
        posted.ok.add(cb.person);
        onOk(posted.ok.size);
      } else if (got !== 'reset') posted.statuses.push(got);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return posted;
}

/** startAppProcess with tests/faults/wecomChild.ts, and the URL it printed with "ready". */
function startWecomProcess(env: Record<string, string>): AppProcess & { url: Promise<string> } {
  const p = startAppProcess(env, 'tests/faults/wecomChild.ts');
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    p.child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)\n/.exec(out);
      if (m) resolve(m[1]);
    });
    void p.ended.then(() => reject(new Error(`the app process ended before it was ready (${out.trim() || 'no output'})`)));
  });
  url.catch(() => undefined); // read by the caller; a process that was never asked for its URL need not have one
  return { ...p, url };
}

describe('kill -9 while WeCom answers are processed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-kill-wecom-'));
  const path = join(dir, 'perf.db');
  let fake: RemoteFakeWecom | undefined;
  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const read = <T>(sql: string): T[] => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  const count = (sql: string) => read<{ n: number }>(sql)[0].n;

  it(`stores each of ${PEOPLE} people's answer once and sends each question 2, again only after a kill that caught its send`, async () => {
    // The fake qyapi lives for the whole scenario, in a process of its own: what it received survives every kill.
    fake = await startRemoteFakeWecom({ corpId: WECOM.corpId, secret: WECOM.secret, agentId: WECOM.agentId }, Array.from({ length: PEOPLE }, (_, i) => ({ userid: userid(i), name: `员工${i}`, department: [1] })));
    const db = openDatabase(path);
    try {
      importPeople({ db, now: () => new Date(START), defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' } }, crowdCsv(PEOPLE));
    } finally {
      db.$client.close();
    }
    let run = 0;
    const env = () => ({ ...wecomEnv(fake!), DATABASE_PATH: path, FAULT_NOW: new Date(START + run++ * 180_000).toISOString(), ADMIN_PASSWORD: 'fault-suite-password' });

    // Everyone is asked (the opening card, which carries question 1), undisturbed: one card each before the kills.
    const prompting = startWecomProcess({ ...env(), FAULT_PROMPT: '1' });
    expect(await prompting.ended).toBe('done');
    const prompted = await fake.summary();
    expect(prompted.inboxCounts).toEqual({ '1': PEOPLE });
    const promptSends = prompted.sends.length;

    const callbacks = Array.from({ length: PEOPLE }, (_, i) => callbackOf(i));
    const answered = new Set<number>(); // got their 200: never posted again
    const statuses: number[] = [];
    /** Callbacks not answered 200 yet, among the first `upTo` people (those whose turn has come). */
    const waiting = (upTo: number) => callbacks.slice(0, upTo).filter((cb) => !answered.has(cb.person));
    /** Each kill that landed: during the posting or not, what it left to the next process, and how many sends the fake had then. */
    const kills: { posting: boolean; unprocessed: number; pendingReplies: number; sendsBefore: number }[] = [];
    let landed = 0;

    for (let k = 0; k < KILLS; k++) {
      // This process gets what the last one left unanswered, then the next slice of people.
      const upTo = Math.round((PEOPLE * (k + 1)) / (KILLS + 1));
      const p = startWecomProcess(env());
      const url = await p.url;
      let gone = false;
      void p.ended.then(() => (gone = true));
      let postingOver = false;
      let postingWhenKilled = false;
      let killing = false;
      const killNow = () => {
        postingWhenKilled = !postingOver;
        p.child.kill('SIGKILL');
      };
      /** The one kill of this process: at once, or `ms` from now. */
      const kill = (ms: number) => {
        if (killing) return;
        killing = true;
        if (ms === 0) killNow();
        else setTimeout(killNow, ms);
      };
      const slice = waiting(upTo);
      // At most the slice less one round of callbacks in flight, so that some are still to be posted at the kill (the
      // 200s come in bursts, one per group commit: a kill aimed at the last burst would land after the posting).
      const aim = k % 2 === 0 || Math.random() < 0.5 ? 1 + randomDelay(Math.max(1, slice.length - CONCURRENCY)) : undefined;
      const posting = postAll(url, slice, () => gone, (n) => aim !== undefined && n >= aim && kill(0)).finally(() => (postingOver = true));
      await posting;
      kill(randomDelay(TAIL_MS)); // not killed during the posting (or no 200 came): in the tail
      const how = await p.ended;
      if (how === 'failed') throw new Error(`the app process failed before kill ${k + 1} (its stderr is above)`);
      const got = await posting;
      for (const person of got.ok) answered.add(person);
      statuses.push(...got.statuses);
      if (how !== 'killed') continue;
      landed++;
      kills.push({
        posting: postingWhenKilled,
        unprocessed: count(`select count(*) as n from wecom_inbound where processed_at is null`),
        pendingReplies: count(`select count(*) as n from deliveries where status = 'pending'`),
        sendsBefore: (await fake.summary()).sends.length,
      });
    }

    // The last process is not killed: it gets everything still unanswered (retried until answered, bounded), then
    // finishes the processing and the replies.
    const last = startWecomProcess(env());
    const url = await last.url;
    for (let attempt = 0; attempt < 5 && waiting(PEOPLE).length > 0; attempt++) {
      const got = await postAll(url, waiting(PEOPLE), () => false);
      for (const person of got.ok) answered.add(person);
      statuses.push(...got.statuses);
    }
    expect(waiting(PEOPLE).map((cb) => userid(cb.person))).toEqual([]);
    last.go();
    expect(await last.ended).toBe('done');

    // The database: one answer to question 1 per person, none to a later question (a callback processed twice
    // would have answered question 2 with it), every callback recorded once and handled.
    const answers = read<{ userid: string; q1: number; later: number }>(
      `select i.external_id as userid,
              (select count(*) from standup_answers a where a.request_id = r.id and a.question_index = 0) as q1,
              (select count(*) from standup_answers a where a.request_id = r.id and a.question_index > 0) as later
       from standup_requests r join identities i on i.person_id = r.person_id and i.platform = 'wecom'`,
    );
    expect(answers.length).toBe(PEOPLE);
    const inbound = read<{ outcome: string | null; n: number; keys: number }>(`select outcome, count(*) as n, count(distinct dedupe_key) as keys from wecom_inbound group by outcome`);
    expect(inbound).toEqual([{ outcome: 'handled', n: PEOPLE, keys: PEOPLE }]);
    expect(read(`select status, count(*) as n from deliveries group by status`)).toEqual([{ status: 'sent', n: 2 * PEOPLE }]);

    // The fake qyapi: after the prompts, question 2's cards only, and how many each person got.
    const summary = await fake.summary();
    expect(summary.dropped).toBe(0);
    type Send = { touser: string; msgtype: string; template_card?: { task_id?: string; main_title?: { title?: string } } };
    const replies = (summary.sends as Send[]).slice(promptSends);
    expect(replies.filter((s) => s.msgtype !== 'template_card')).toEqual([]);
    const cards = new Map<string, number[]>(); // userid → the indexes of the sends that reached them
    replies.forEach((s, i) => {
      for (const to of s.touser.split('|')) cards.set(to, [...(cards.get(to) ?? []), promptSends + i]);
    });
    const byUser = new Map(answers.map((a) => [a.userid, a]));
    const lostUsers = [...byUser.values()].filter((a) => a.q1 === 0 || !cards.has(a.userid)).map((a) => a.userid);
    const doubledUsers = [...byUser.values()].filter((a) => a.q1 > 1 || a.later > 0 || (cards.get(a.userid)?.length ?? 0) > 1).map((a) => a.userid);

    // The evidence for anyone lost or doubled: their answers, their reply's outbox row, the sends that reached them,
    // and which kill fell between two sends of the same reply (the fake's count of sends at each kill places them).
    const killBetween = (u: string) => {
      const [first, second] = cards.get(u) ?? [];
      const k = second === undefined ? -1 : kills.findIndex((kill) => first < kill.sendsBefore && second >= kill.sendsBefore);
      return k < 0 ? undefined : k + 1;
    };
    const sendOf = (i: number) => {
      const s = summary.sends[i] as Send;
      return { index: i, taskId: s.template_card?.task_id, title: s.template_card?.main_title?.title, recipients: s.touser.split('|').length };
    };
    const evidence = [...lostUsers, ...doubledUsers].slice(0, 5).map((u) => ({
      userid: u,
      answers: byUser.get(u),
      sends: (cards.get(u) ?? []).map(sendOf),
      resentAfterKill: killBetween(u),
      deliveries: read(
        `select d.id, d.dedupe_key, d.status, d.attempts, d.claimed_by, d.sent_at, d.created_at, d.last_error from deliveries d
         join identities i on i.person_id = d.person_id and i.platform = 'wecom' where i.external_id = '${u}' order by d.id`,
      ),
      inbound: read(`select id, dedupe_key, received_at, processed_at, outcome, attempts from wecom_inbound where dedupe_key = 'msg:${800_000_000 + Number(u.slice(2))}'`),
    }));
    const acrossKills = doubledUsers.filter((u) => killBetween(u) !== undefined);
    const showEvidence = () => {
      console.error(
        JSON.stringify({ kills, promptSends, evidence }, null, 2),
        `\nlost: ${lostUsers.join(' ')}` +
          `\ndoubled (their cards' send indexes, the kill between them): ${doubledUsers.map((u) => `${u} [${(cards.get(u) ?? []).join(',')}] kill ${killBetween(u) ?? '-'}`).join('; ')}`,
      );
    };
    console.info(
      `WeCom answers under kill -9: ${PEOPLE} people, ${landed} kills (${kills.filter((k) => k.posting).length} while posting, ` +
        `${kills.filter((k) => !k.posting && k.unprocessed + k.pendingReplies > 0).length} while processing or sending after the last 200), ` +
        `left at the kills: ${kills.map((k) => `${k.unprocessed} unprocessed / ${k.pendingReplies} replies pending`).join(', ')}; ` +
        `${replies.length} reply sends; doubled ${doubledUsers.length}, of whom ${acrossKills.length} got the same reply before and after a kill`,
    );

    const lost = lostUsers.length;
    const doubled = doubledUsers.length;
    recordFault({ scenario: 'kill -9 while WeCom answers are processed (doubled: see below)', scale: `${PEOPLE} people`, runs: landed, lost, doubled });
    expect(statuses).toEqual([]);
    // What the outbox guarantees a network platform across a kill -9: at least once. A message/send that reached
    // WeCom before its "sent" mark was committed is sent again by the next process (nothing tells it the call went
    // through: qyapi takes no idempotency key), and a WeCom batch carries up to 1,000 people. So a double is allowed
    // only as that: the person's answer stored once, exactly two copies of question 2, and a kill between them.
    // Anything else doubled (an answer processed twice, a copy not straddling a kill, a third copy) fails.
    const notInFlight = doubledUsers.filter((u) => {
      const a = byUser.get(u)!;
      return a.q1 !== 1 || a.later !== 0 || cards.get(u)!.length !== 2 || killBetween(u) === undefined;
    });
    if (lost > 0 || notInFlight.length > 0) showEvidence();
    expect(lost).toBe(0);
    expect(notInFlight).toEqual([]);
    expect(landed).toBeGreaterThan(0);
    expect(kills.filter((k) => k.posting).length).toBeGreaterThan(0);
  }, 600_000);
});
