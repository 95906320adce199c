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
import { runReviewOpen } from './reviews';
import { runSlack } from './slack';
import { renderTable, type Row } from './table';
import { runWecom } from './wecom';
import { progress, tmpDir } from './util';

const PEOPLE = 10_000;
const ANSWER_REQUESTS = 3_000;
const CONCURRENCY = 16;
const WARMUP_PEOPLE = 50;
const DEADLINE_MS = 5 * 60_000;

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
    const fan = await runFanout(dir, PEOPLE);
    rows.push(...fan.rows);
    notes.push(...fan.notes);
    try {
      const ans = await runAnswers(fan.app, fan.people, { requests: ANSWER_REQUESTS, concurrency: CONCURRENCY, warmupPeople: WARMUP_PEOPLE });
      rows.push(...ans.rows);
      notes.push(...ans.notes);
    } finally {
      await fan.app.close();
    }
    const board = await runLeaderboard(dir);
    rows.push(...board.rows);
    notes.push(...board.notes);
    const ladder = await runGoalsPass(dir);
    rows.push(...ladder.rows);
    notes.push(...ladder.notes);
    const review = await runReviewOpen(dir);
    rows.push(...review.rows);
    notes.push(...review.notes);
    const jira = await runJiraWebhooks(dir, { webhooks: 5_000, people: 200, issues: 1_000, concurrency: CONCURRENCY, warmup: WARMUP_PEOPLE });
    rows.push(...jira.rows);
    notes.push(...jira.notes);
    const wecom = await runWecom(dir, { people: PEOPLE, callbacks: ANSWER_REQUESTS, warmup: WARMUP_PEOPLE, concurrency: CONCURRENCY });
    rows.push(...wecom.rows);
    notes.push(...wecom.notes);
    // Slack: a high workspace budget for the 10k fan-out (the outbox is the limit), a low one for 1k (the budget is).
    const slack = await runSlack(dir, { people: PEOPLE, allowedPerSecond: 1000, smallPeople: 1000, smallAllowedPerSecond: 100, submissions: ANSWER_REQUESTS, concurrency: CONCURRENCY });
    rows.push(...slack.rows);
    notes.push(...slack.notes);
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
