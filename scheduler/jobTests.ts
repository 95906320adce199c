import { eq } from 'drizzle-orm';
import { people } from '../db/schema';
import { AppError } from '../bot/errors';
import { asLocale, t } from '../bot/i18n';
import { enqueue } from '../bot/outbox/enqueue';
import type { ServiceDeps } from '../bot/services/context';
import { sendStandupTest, TESTABLE_JOBS as STANDUP_TESTS, type TestableJob } from '../bot/services/standup/sendStandupTest';
import { wouldSendTo } from './jobs';

/** Jobs whose test shows the caller what a run now would send them (their check-ins, their reports, their review). */
const RUN_TESTS = ['checkin-reminder', 'overdue-escalation', 'review-open', 'mentoring-checkin'] as const;
export const TESTABLE_JOBS: readonly string[] = [...STANDUP_TESTS, ...RUN_TESTS];

/**
 * "Send a test to me only" (POST /api/jobs/{name}/run {"testOnly":true}): only the caller is messaged, marked as a
 * test, without buttons; nothing else happens. The standup jobs show the caller's standup as it would be asked;
 * the others what a run now would send the caller (the job runs in a rolled-back transaction), or that it would
 * send them nothing.
 */
export function sendJobTest(deps: ServiceDeps, name: string, personId: number | null): { sent: number } {
  if (!TESTABLE_JOBS.includes(name)) throw new AppError('test_unavailable', `Job "${name}" has no test message; try ${TESTABLE_JOBS.join(', ')}.`, { status: 400 });
  if (personId == null) throw new AppError('no_person', 'Your account is no person in the directory, so there is nobody to send a test to.', { status: 409 });
  if ((STANDUP_TESTS as readonly string[]).includes(name)) return sendStandupTest(deps, name as TestableJob, personId);
  const person = deps.db.select({ locale: people.locale }).from(people).where(eq(people.id, personId)).get();
  if (!person) throw new AppError('no_person', 'Your account is no person in the directory, so there is nobody to send a test to.', { status: 409 });
  const locale = asLocale(person.locale, deps.settings.defaultLocale);
  const messages = wouldSendTo(deps, name, personId);
  const texts = messages.length ? messages.map((m) => m.text) : [t(locale, 'job.test.nothing', { job: name })];
  const at = deps.now().getTime();
  return {
    sent: enqueue(
      deps,
      texts.map((text, i) => ({
        dedupeKey: `test:${name}:${personId}:${at}:${i}`,
        target: { kind: 'person' as const, personId },
        message: { text: `${t(locale, 'job.test.head')}\n${text}`, fields: messages[i]?.fields },
      })),
    ),
  };
}
