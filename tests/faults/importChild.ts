/**
 * The app process of the people-import fault scenario: starts on DATABASE_PATH at the business time FAULT_NOW
 * (whose start-up resumes an import a killed process left), uploads FAULT_IMPORT_CSV through the upload's service
 * unless an import of it was already accepted, waits until the import is finished and its stored file dropped (a
 * killed process's leftovers go at the next start), then exits 0. Prints "ready"
 * when the app is up and "done" at the end; the parent may kill -9 it at any moment in between.
 */
import { readFileSync } from 'node:fs';
import { startApp } from '../../bot/app';
import { AppError } from '../../bot/errors';
import { importPeopleInSlices } from '../../bot/services/people/importPeople';

const at = new Date(process.env.FAULT_NOW ?? '');
if (Number.isNaN(at.getTime())) throw new Error('FAULT_NOW must be an ISO time');
const csv = readFileSync(process.env.FAULT_IMPORT_CSV ?? '', 'utf8');

const started = Date.now();
const app = await startApp({
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SCHEDULER: 'off', DEMO_DATA: 'off', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  now: () => new Date(at.getTime() + Date.now() - started),
});
process.stdout.write('ready\n');
const c = app.db.$client;
const one = (sql: string) => c.prepare(sql).get() !== undefined;
const deps = { db: app.db, now: app.deps.now, instance: app.deps.instance, defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' as const } };
for (let i = 0; i < 6000; i++) {
  // finished: nothing unfinished, and the finished import's stored file dropped (the applier's last step)
  if (!one(`select 1 from people_imports where status != 'done'`) && one(`select 1 from people_imports where status = 'done'`) && !one('select 1 from people_import_rows')) break;
  if (!one(`select 1 from people_imports`)) {
    try {
      await importPeopleInSlices(deps, csv, { deactivateMissing: true, actor: 'admin@example.com' });
      continue;
    } catch (err) {
      // a staged import of a killed process that the start-up sweep is still discarding
      if (!(err instanceof AppError && err.code === 'import_running')) throw err;
    }
  }
  await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write('done\n');
await app.close();
process.exit(0);
