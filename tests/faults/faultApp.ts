import { startApp, type RunningApp } from '../../bot/app';

/**
 * The app as every fault-suite child runs it: on DATABASE_PATH (and the rest of its environment), no scheduler, no
 * demo data, silent, on any free port, with business time starting at FAULT_NOW and running on with the wall clock.
 */
export async function startFaultApp(): Promise<RunningApp> {
  const at = new Date(process.env.FAULT_NOW ?? '');
  if (Number.isNaN(at.getTime())) throw new Error('FAULT_NOW must be an ISO time');
  const started = Date.now();
  return startApp({
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SCHEDULER: 'off', DEMO_DATA: 'off', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    now: () => new Date(at.getTime() + Date.now() - started),
  });
}
