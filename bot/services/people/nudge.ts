import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { people } from '../../../db/schema';
import { localDate } from '../../domain/localTime';
import { AppError } from '../../errors';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { ask, firstUnanswered, latestRequestId, loadRequestState } from '../standup/standupState';

/**
 * A manager's nudge: one reminder through the outbox, at most once per person per day (the company's day; the
 * dedupe key says so, whoever nudges). With this week's standup open and unfinished it asks the next question.
 */
export function nudge(deps: ServiceDeps, personId: number, fromName: string): void {
  inTransaction(deps.db, () => {
    const person = deps.db
      .select({ id: people.id, locale: people.locale })
      .from(people)
      .where(and(eq(people.id, personId), eq(people.active, true)))
      .get();
    if (!person) throw new AppError('not_found', `No active person ${personId}.`, { status: 404 });
    const locale = asLocale(person.locale, deps.settings.defaultLocale);
    const lead = t(locale, 'team.nudge', { name: fromName });
    const requestId = latestRequestId(deps, personId);
    const state = requestId === undefined ? undefined : loadRequestState(deps, requestId);
    const next = state && state.open && !state.request.completedAt && !state.request.excusedAt ? firstUnanswered(state) : undefined;
    const message: OutboundMessage = next !== undefined ? ask(deps, state!, next, 'standup', lead) : { text: `${lead}\n${t(locale, 'team.nudgeGeneric')}` };
    const key = `nudge:${localDate(deps.now(), deps.settings.defaultTimezone)}:${personId}`;
    if (enqueue(deps, [{ dedupeKey: key, target: { kind: 'person', personId }, message }]) === 0) {
      throw new AppError('already_nudged', 'This person has already been nudged today.', { status: 409 });
    }
  });
}
