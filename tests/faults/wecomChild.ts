/**
 * One app process with WeCom on, for the fault suite's WeCom scenario: starts on DATABASE_PATH at the business time
 * FAULT_NOW, with the WECOM_* settings the parent passes (its fake qyapi outlives every app process). The parent may
 * kill -9 it at any moment.
 *
 * With FAULT_PROMPT set it asks everyone the standup (the opening card), sends the cards, prints "done" and exits 0.
 * Otherwise it prints "ready <url>" (the parent posts the callbacks there) and serves: each callback is recorded
 * before its 200 and processed after it by the app on its own. A line on stdin asks it to finish: once every recorded
 * callback is processed and the outbox is empty it prints "done" and exits 0.
 */
import { pendingCount } from '../../bot/outbox/enqueue';
import { startFaultApp } from './faultApp';
import { promptStandup } from '../../bot/services/standup/promptStandup';

const app = await startFaultApp();

/** Callbacks recorded and not processed yet (one that failed five times counts as processed: it is given up). */
const unprocessed = () => (app.db.$client.prepare(`select count(*) as n from wecom_inbound where processed_at is null`).get() as { n: number }).n;

/** Drains until nothing is left to process or send, at most `maxMs`; true when it got there. */
async function settle(maxMs: number): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  for (let i = 0; i < 100_000 && Date.now() < deadline; i++) {
    await app.dispatcher.drain();
    if (unprocessed() === 0 && pendingCount(app.db) === 0) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function finish(settled: boolean): Promise<never> {
  if (settled) process.stdout.write('done\n');
  else process.stderr.write(`not settled within the bound: ${unprocessed()} callbacks unprocessed, ${pendingCount(app.db)} deliveries pending\n`);
  await app.close();
  process.exit(settled ? 0 : 1);
}

if (process.env.FAULT_PROMPT) {
  promptStandup(app.deps, { manual: true });
  await finish(await settle(60_000));
}

process.stdout.write(`ready ${app.url}\n`);
await new Promise((resolve) => process.stdin.once('data', resolve));
// The processing of what was recorded last (and of rows a killed process left, read back at start) may still run;
// the sweep of the table runs every 30 s, so a minute and a half covers a row the memory path missed.
await finish(await settle(90_000));
