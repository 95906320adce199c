import { expect } from 'vitest';
import type { TestApp } from './harness';

/**
 * A cycle planned, opened, graded and released through the API, for tests of what follows a release (appeals, the
 * pulse, the reports). `grades` maps e-mail → grade; everyone else in the cycle gets B. No calibration session.
 */
export async function releasedCycle(t: TestApp, opts: { name: string; periodStart: string; periodEnd: string; pulse?: boolean; appealDays?: number; grades?: Record<string, string> }): Promise<number> {
  await t.login(); // tests move the clock by months: start from a fresh admin session
  const created = await t.request('POST', '/api/review-cycles', { name: opts.name, kind: 'monthly', periodStart: opts.periodStart, periodEnd: opts.periodEnd, pulse: opts.pulse ?? false, ...(opts.appealDays === undefined ? {} : { appealDays: opts.appealDays }) });
  expect(created.status).toBe(201);
  const id = ((await created.json()) as { id: number }).id;
  expect((await t.request('POST', `/api/review-cycles/${id}/open`)).status).toBe(200);
  t.sql(`update reviews set status = 'submitted', grade = 'B', feedback = '稳定输出' where cycle_id = ?`, id);
  for (const [email, grade] of Object.entries(opts.grades ?? {})) t.sql(`update reviews set grade = ? where cycle_id = ? and person_id = (select id from people where email = ?)`, grade, id, email);
  const released = await t.request('POST', `/api/review-cycles/${id}/release`);
  expect(released.status).toBe(200);
  return id;
}
