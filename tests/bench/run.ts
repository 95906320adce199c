/**
 * `npm run bench`: prompt fan-out through the outbox, and answer submissions through the local chat API,
 * each next to a baseline measured in the same run on this machine. Prints the environment and one table.
 */
import { rmSync } from 'node:fs';
import { runAnswers } from './answers';
import { environmentLines } from './envInfo';
import { runFanout } from './fanout';
import { runJiraWebhooks } from './integrations';
import { runGoalsPass } from './goals';
import { runLeaderboard } from './leaderboard';
import { runLoad } from './load';
import { runReviewOpen } from './reviews';
import { runSlack } from './slack';
import { renderTable, type Row } from './table';
import { runWecom } from './wecom';
import { progress, tmpDir } from './util';

/** BENCH_SCALE=100000 runs every scenario at that many people (the default run stays at 10,000). */
const PEOPLE = Number(process.env.BENCH_SCALE ?? 10_000);
/**
 * `npm run bench -- fanout goals`: only the named scenarios (fanout, answers, load, leaderboard, goals, reviews,
 * wecom, slack, jira); answers and load run on the fan-out's app, so they bring it along. No names: all of them.
 */
const ONLY = new Set(process.argv.slice(2).map((a) => a.toLowerCase()));
const wanted = (name: string) => ONLY.size === 0 || ONLY.has(name);
const ANSWER_REQUESTS = 3_000;
const CONCURRENCY = 16;
const WARMUP_PEOPLE = 50;
/** The load scenario: 50 clients for BENCH_LOAD_SECONDS (default 30) against the app, then the same against bare Express. */
const LOAD_CLIENTS = 50;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
/** BENCH_DEADLINE_MINUTES: a busy shared machine needs longer than the default. */
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MINUTES ?? 20) * 60_000;

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    process.stderr.write(`bench: still running after ${DEADLINE_MS / 60_000} minutes; giving up\n`);
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();

  const dir = tmpDir('perf-bench-');
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    if (wanted('fanout') || wanted('answers') || wanted('load')) {
      const fan = await runFanout(dir, PEOPLE);
      rows.push(...fan.rows);
      notes.push(...fan.notes);
      try {
        if (wanted('answers')) {
          const ans = await runAnswers(fan.app, fan.people, { requests: ANSWER_REQUESTS, concurrency: CONCURRENCY, warmupPeople: WARMUP_PEOPLE });
          rows.push(...ans.rows);
          notes.push(...ans.notes);
        }
        if (wanted('load')) {
          const load = await runLoad(fan.app, { clients: LOAD_CLIENTS, seconds: LOAD_SECONDS });
          rows.push(...load.rows);
          notes.push(...load.notes);
        }
      } finally {
        await fan.app.close();
      }
    }
    if (wanted('leaderboard')) {
      const board = await runLeaderboard(dir, PEOPLE, Number(process.env.BENCH_LEDGER_ROWS ?? PEOPLE * 100));
      rows.push(...board.rows);
      notes.push(...board.notes);
    }
    if (wanted('goals')) {
      const ladder = await runGoalsPass(dir, PEOPLE);
      rows.push(...ladder.rows);
      notes.push(...ladder.notes);
    }
    if (wanted('reviews')) {
      const review = await runReviewOpen(dir, PEOPLE);
      rows.push(...review.rows);
      notes.push(...review.notes);
    }
    if (wanted('wecom')) {
      const wecom = await runWecom(dir, { people: PEOPLE, callbacks: ANSWER_REQUESTS, warmup: WARMUP_PEOPLE, concurrency: CONCURRENCY });
      rows.push(...wecom.rows);
      notes.push(...wecom.notes);
    }
    if (wanted('slack')) {
      // Slack: a high workspace budget for the fan-out (the outbox is the limit), a low one for 1k (the budget is).
      const slack = await runSlack(dir, { people: PEOPLE, allowedPerSecond: 1000, smallPeople: 1000, smallAllowedPerSecond: 100, submissions: ANSWER_REQUESTS, concurrency: CONCURRENCY });
      rows.push(...slack.rows);
      notes.push(...slack.notes);
    }
    if (wanted('jira')) {
      const jira = await runJiraWebhooks(dir, { webhooks: 5_000, people: 200, issues: 1_000, concurrency: CONCURRENCY, warmup: WARMUP_PEOPLE });
      rows.push(...jira.rows);
      notes.push(...jira.notes);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(environmentLines().join('\n'));
  console.log('');
  console.log(renderTable(rows));
  console.log('');
  console.log('ratio = result / baseline (times, memory: >1 is worse; throughput: <1 is worse).');
  console.log('baselines: fan-out = 10,000 rows with the same payloads into a plain table, one prepared better-sqlite3 statement');
  console.log('           in one transaction, separate tmp db (WAL, synchronous=NORMAL); time = median of 3 runs, RSS from the first;');
  console.log(`           answers = bare Express 5 with one express.json() POST answering {ok:true}, same client, same N and concurrency.`);
  console.log('           wecom fan-out = the same message/send bodies posted straight to a fresh fake qyapi; wecom callbacks = bare');
  console.log('           Express 5 with express.text() answering an empty 200, same encrypted requests, same client and concurrency.');
  console.log('           slack fan-out = what the fake Slack (own process) allows: (N - one second of burst) / allowed rate, and one');
  console.log('           conversations.open + chat.postMessage per person; slack view_submission = bare Express 5 with express.urlencoded()');
  console.log('           answering an empty 200, the same Slack-signed bodies, same client and concurrency.');
  console.log('           load = the same client with 50 in flight for the same time against bare Express 5 + express.json(); lost = sent - stored.');
  console.log('           jira webhooks = bare Express 5 with express.raw() answering {"status":"stored"}, the same signed deliveries.');
  for (const n of notes) console.log(`note: ${n}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    progress('FAILED');
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
