/**
 * `npm run bench`: prompt fan-out through the outbox, and answer submissions through the local chat API,
 * each next to a baseline measured in the same run on this machine. Prints the environment and one table.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tuneHeap } from '../../bot/heapTuning';
import type { CompiledBench } from './compiled';
import { environmentLines } from './envInfo';
import { processPeakRss } from './rss';
import { mb, ms, numRow, renderTable, withScenarioStall, type Row } from './table';
import { describeTurn, idleStall, LONG_TURN_MS, progress, stallMonitor, takeMeasuredTurns, tmpDir, type LongTurn } from './util';

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
/**
 * The answers' warm-up (app and bare Express alike): 300 people, 900 posts. After 150 posts the app's code was still
 * being optimized (--trace-opt: TurboFan still finishing answer-path functions 2,700 posts later), and in rounds of 900
 * posts in one process the first round cost 25-40 % more CPU per answer than the third, in every run: the measured
 * 3,000 paid the JIT's ramp, which bare Express's few functions do not have. A server at its Friday peak is warm.
 */
const ANSWERS_WARMUP_PEOPLE = 300;
/** The load scenario: 50 clients for BENCH_LOAD_SECONDS (default 30) against the app, then the same against bare Express. */
const LOAD_CLIENTS = 50;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
/** BENCH_DEADLINE_MINUTES: a busy shared machine needs longer than the default. */
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MINUTES ?? 20) * 60_000;

type Outcome = { rows: Row[]; notes: string[] };

type Scenario = (dir: string) => Promise<Outcome>;

/**
 * The scenarios, by name; answers and load run on the fan-out's app, so they come with it. Each loads its own
 * modules (its fakes and clients) when chosen, so a scenario's process holds no other scenario's code.
 */
const SCENARIOS: Record<string, () => Promise<Scenario>> = {
  fanout: async () => {
    const [{ runFanout }, { runAnswers }, { runLoad }] = await Promise.all([import('./fanout'), wanted('answers') ? import('./answers') : { runAnswers: undefined }, wanted('load') ? import('./load') : { runLoad: undefined }]);
    return async (dir) => {
      const fan = await runFanout(dir, PEOPLE);
      const out: Outcome = { rows: [...fan.rows], notes: [...fan.notes] };
      try {
        if (runAnswers) {
          const ans = await runAnswers(fan.app, fan.people, { requests: ANSWER_REQUESTS, concurrency: CONCURRENCY, warmupPeople: ANSWERS_WARMUP_PEOPLE });
          out.rows.push(...ans.rows);
          out.notes.push(...ans.notes);
        }
        if (runLoad) {
          const load = await runLoad(fan.app, { clients: LOAD_CLIENTS, seconds: LOAD_SECONDS });
          out.rows.push(...load.rows);
          out.notes.push(...load.notes);
        }
      } finally {
        await fan.app.close();
      }
      return out;
    };
  },
  leaderboard: async () => {
    const { runLeaderboard } = await import('./leaderboard');
    return (dir) => runLeaderboard(dir, PEOPLE, Number(process.env.BENCH_LEDGER_ROWS ?? PEOPLE * 100));
  },
  goals: async () => {
    const { runGoalsPass } = await import('./goals');
    return (dir) => runGoalsPass(dir, PEOPLE);
  },
  reviews: async () => {
    const { runReviewOpen } = await import('./reviews');
    return (dir) => runReviewOpen(dir, PEOPLE);
  },
  wecom: async () => {
    const { runWecom } = await import('./wecom');
    return (dir) => runWecom(dir, { people: PEOPLE, callbacks: ANSWER_REQUESTS, warmup: WARMUP_PEOPLE, concurrency: CONCURRENCY });
  },
  // Slack: a high workspace budget for the fan-out (the outbox is the limit), a low one for 1k (the budget is).
  slack: async () => {
    const { runSlack } = await import('./slack');
    return (dir) => runSlack(dir, { people: PEOPLE, allowedPerSecond: 1000, smallPeople: 1000, smallAllowedPerSecond: 100, submissions: ANSWER_REQUESTS, concurrency: CONCURRENCY });
  },
  jira: async () => {
    const { runJiraWebhooks } = await import('./integrations');
    return (dir) => runJiraWebhooks(dir, { webhooks: 5_000, people: 200, issues: 1_000, concurrency: CONCURRENCY, warmup: WARMUP_PEOPLE });
  },
};
const chosen = () => Object.keys(SCENARIOS).filter((name) => wanted(name) || (name === 'fanout' && (wanted('answers') || wanted('load'))));

/** The long turns while the scenario's rows were measured, longest first (at most five, and how many more). */
function longTurnNotes(label: string, turns: LongTurn[]): string[] {
  if (turns.length === 0) return [];
  const top = [...turns].sort((a, b) => b.ms - a.ms);
  const more = top.length > 5 ? `; ${top.length - 5} more` : '';
  return [`${label}: turns over ${LONG_TURN_MS} ms while rows were measured (baselines that block on purpose left out): ${top.slice(0, 5).map(describeTurn).join('; ')}${more}`];
}

/**
 * One scenario in this process, with its longest stall (rows that measure none of their own show it, marked "*")
 * and the peak RSS of the process (setup included) against the RSS it started from (modules loaded).
 */
async function runOne(name: string, dir: string): Promise<Outcome> {
  const scenario = await SCENARIOS[name]();
  const startRss = process.memoryUsage.rss();
  const stall = await stallMonitor({ record: false });
  const out = await scenario(dir);
  const stallMs = await stall.stop();
  const long = takeMeasuredTurns();
  const peak = processPeakRss();
  const label = out.rows[0]?.scenario ?? name;
  return {
    rows: [...withScenarioStall(out.rows, stallMs), { ...numRow(label, 'peak RSS of the scenario (own process, setup included)', peak, startRss, mb), stall: `${ms(stallMs)}*` }],
    notes: [...out.notes, ...longTurnNotes(label, long)],
  };
}

/**
 * Every scenario runs in a process of its own (BENCH_ISOLATE=0: all in this one), so each peak RSS is that scenario's
 * alone and no scenario inherits another's heap. With a compiled bench (the default), that process is plain node on
 * the bundle with the start script's flags, as `npm start` runs the server (compiled.ts).
 */
async function runIsolated(name: string, dir: string, compiled: CompiledBench | undefined): Promise<Outcome> {
  const file = join(dir, `${name}.result.json`);
  const args = compiled ? [...compiled.nodeFlags, compiled.runEntry] : [...process.execArgv, process.argv[1]];
  const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], {
    env: { ...(compiled?.env ?? {}), ...process.env, BENCH_CHILD: name, BENCH_RESULT_FILE: file, BENCH_DIR: dir, ...(compiled ? { BENCH_BUNDLE_DIR: compiled.dir } : {}) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bench scenario ${name} failed (exit ${code})`);
  return JSON.parse(readFileSync(file, 'utf8')) as Outcome;
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    process.stderr.write(`bench: still running after ${DEADLINE_MS / 60_000} minutes; giving up\n`);
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();

  const child = process.env.BENCH_CHILD;
  if (child) {
    tuneHeap(); // as bot/main.ts does for `npm start`
    const out = await runOne(child, process.env.BENCH_DIR!);
    writeFileSync(process.env.BENCH_RESULT_FILE!, JSON.stringify(out));
    return;
  }
  const dir = tmpDir('perf-bench-');
  const rows: Row[] = [];
  const notes: string[] = [];
  const isolated = process.env.BENCH_ISOLATE !== '0';
  // loaded here only (esbuild's API): a scenario process holds none of it
  const { buildBench, compiledWanted, howTheAppRan } = await import('./compiled');
  const compiled = isolated && compiledWanted() ? await buildBench() : undefined;
  try {
    for (const name of chosen()) {
      const out = isolated ? await runIsolated(name, dir, compiled) : await runOne(name, dir);
      rows.push(...out.rows);
      notes.push(...out.notes);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    compiled?.remove();
  }
  const floor = await idleStall(2000);

  console.log([...environmentLines(), howTheAppRan(compiled !== undefined)].join('\n'));
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
  console.log('           server CPU per request = the main thread\'s CPU (/proc) while the requests ran; the clients are processes of their own.');
  console.log('           jira webhooks = bare Express 5 with express.raw() answering {"status":"stored"}, the same signed deliveries.');
  console.log('longest stall = the longest time the main thread\'s event loop could not run a timer while the row was measured');
  console.log(`           (perf_hooks monitorEventLoopDelay, 5 ms resolution); "*" = over the whole scenario, setup included. An idle`);
  console.log(`           loop on this machine right now stalls up to ${ms(floor)} over 2 s: the floor under every stall figure.`);
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
