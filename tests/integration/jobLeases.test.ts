import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';
import { JOB_LEASE_MS, releaseJobLease, takeJobLease } from '../../scheduler/jobLease';
import { runJob } from '../../scheduler/jobs';

/** Issue 14 #2: two instances on one database run each scheduled job one at a time. */
describe('job leases', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-leases-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one instance run a job while the other skips it (scheduled) or is told it is running (manual), until the lease is released or ends', async () => {
    const clock = new TestClock('2026-11-27T08:05:00Z');
    const first = await TestApp.start({ clock, dir });
    const second = await TestApp.start({ clock, dir });
    try {
      const one = first.app.deps;
      const two = second.app.deps;
      expect(one.instance).not.toBe(two.instance);

      expect(takeJobLease(one, 'standup-prompt')).toBe(true);
      expect(takeJobLease(one, 'standup-prompt')).toBe(true); // the holder may renew
      expect(runJob(two, 'standup-prompt', 'schedule')).toBeUndefined();
      const manual = await second.request('POST', '/api/jobs/standup-prompt/run');
      expect(manual.status).toBe(409);
      expect(await manual.json()).toMatchObject({ error: { code: 'job_running' } });

      releaseJobLease(one, 'standup-prompt');
      expect((await second.request('POST', '/api/jobs/standup-prompt/run')).status).toBe(200);
      expect(second.sql(`select count(*) as n from job_leases`)).toEqual([{ n: 0 }]); // given back after the run

      // A holder that crashed: its lease blocks the job until it ends, then the other instance takes over.
      expect(takeJobLease(one, 'standup-close')).toBe(true);
      expect(takeJobLease(two, 'standup-close')).toBe(false);
      clock.advance(JOB_LEASE_MS + 1000);
      expect(takeJobLease(two, 'standup-close')).toBe(true);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
