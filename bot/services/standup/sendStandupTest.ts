import { eq } from 'drizzle-orm';
import { departments, people } from '../../../db/schema';
import { localDate, weekKey } from '../../domain/localTime';
import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { planOfDepartment, standupPlans } from '../settings/audiences';
import { managerDigests } from './closeStandup';
import { latestRound } from './standupRounds';

export const TESTABLE_JOBS = ['standup-prompt', 'standup-reminder', 'standup-close'] as const;
export type TestableJob = (typeof TESTABLE_JOBS)[number];

/**
 * The console's "send a test to me only": the caller alone gets what the job would send them — the standup's
 * questions as their department's standup asks them now, the reminder, or their team's digest of the latest round
 * — marked as a test. Nothing else happens: no round is opened, nobody else is asked, nothing is recorded.
 */
export function sendStandupTest(deps: ServiceDeps, job: TestableJob, personId: number): { sent: number } {
  const person = deps.db
    .select({ id: people.id, name: people.name, locale: people.locale, timezone: people.timezone, departmentId: people.departmentId, path: departments.path })
    .from(people)
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .where(eq(people.id, personId))
    .get();
  if (!person) throw new AppError('no_person', 'Your account is no person in the directory, so there is nobody to send a test to.', { status: 409 });
  const locale = asLocale(person.locale, deps.settings.defaultLocale);
  // The caller's own standup (their department's, or the company's when they are outside the pilot).
  const plan = planOfDepartment(deps, person.departmentId) ?? standupPlans(deps)[0];
  const questions = plan.standup.questions;
  const week = weekKey(localDate(deps.now(), person.timezone));
  const head = t(locale, 'job.test.head');
  let text: string;
  if (job === 'standup-prompt') {
    text = [t(locale, 'standup.intro', { name: person.name, week, total: questions.length }), ...questions.map((q, i) => `${i + 1}. ${q[locale]}${q.blocker ? ` ${t(locale, 'standup.test.blocker')}` : ''}`)].join('\n');
  } else if (job === 'standup-reminder') {
    text = [t(locale, 'standup.reminder', { week }), `1. ${questions[0][locale]}`].join('\n');
  } else {
    const round = latestRound(deps);
    const mine = round ? managerDigests(deps, round).find((d) => d.target.kind === 'person' && d.target.personId === person.id) : undefined;
    text = mine?.message.text ?? t(locale, 'standup.test.noTeam', { week: round?.periodKey ?? week });
  }
  const item: OutboxItem = {
    dedupeKey: `test:${job}:${person.id}:${deps.now().getTime()}`,
    target: { kind: 'person', personId: person.id },
    message: { text: `${head}\n${text}` },
  };
  return { sent: enqueue(deps, [item]) };
}
