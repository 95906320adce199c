/**
 * One app process for the fault suite: starts on DATABASE_PATH at the business time FAULT_NOW, runs one
 * scheduler pass and drains the outbox, then exits 0. The parent may kill -9 it at any moment in between.
 * Prints "ready" when the app is up and "done" when the pass and the drain finished.
 */
import { pendingCount } from '../../bot/outbox/enqueue';
import { startFaultApp } from './faultApp';

const app = await startFaultApp();
process.stdout.write('ready\n');
// With FAULT_WAIT_FOR_GO the parent starts several processes' work at the same moment ("go" on stdin).
if (process.env.FAULT_WAIT_FOR_GO) await new Promise((resolve) => process.stdin.once('data', resolve));
await app.tick();
// Another instance may be enqueueing or sending too: keep draining until the outbox has been empty for SETTLE_MS
// (bounded: at most a minute).
const SETTLE_MS = Number(process.env.FAULT_SETTLE_MS ?? 0);
let emptySince = Date.now();
for (let i = 0; i < 1200; i++) {
  await app.dispatcher.drain();
  if (pendingCount(app.db) > 0) emptySince = Date.now();
  else if (Date.now() - emptySince >= SETTLE_MS) break;
  await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write('done\n');
await app.close();
process.exit(0);
