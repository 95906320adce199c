import type { Locale } from '../../i18n';
import type { ServiceDeps } from '../context';
import { formatMoment } from './standupMessages';
import { standupPrefills } from './standupPrefill';
import { firstUnanswered, latestRequestId, loadRequestState } from './standupState';

/** What a form with all the standup questions shows a person (Slack's modal): their latest round, prefilled. */
export type StandupForm =
  | {
      kind: 'open';
      locale: Locale;
      requestId: number;
      periodKey: string;
      /** The round has closed: only unanswered questions can still be answered, as late. */
      late: boolean;
      closesAt: string;
      questions: string[];
      /** Current answers by question; null when unanswered or skipped. */
      answers: (string | null)[];
      /** What the connected systems recorded this week, offered for question 1 while it is unanswered. */
      prefill: string | null;
    }
  | { kind: 'closed'; locale: Locale; periodKey: string }
  | { kind: 'none'; locale: Locale };

export function standupFormFor(deps: ServiceDeps, personId: number, fallbackLocale: Locale): StandupForm {
  const requestId = latestRequestId(deps, personId);
  const state = requestId !== undefined ? loadRequestState(deps, requestId) : undefined;
  if (!state) return { kind: 'none', locale: fallbackLocale };
  const { locale, timezone } = state.person;
  if (!state.open && firstUnanswered(state) === undefined) return { kind: 'closed', locale, periodKey: state.round.periodKey };
  const questions = state.round.questions;
  return {
    kind: 'open',
    locale,
    requestId: state.request.id,
    periodKey: state.round.periodKey,
    late: !state.open,
    closesAt: formatMoment(state.round.closesAt, locale, timezone),
    questions: questions.map((q) => q[locale]),
    answers: questions.map((_, i) => {
      const a = state.answers.find((x) => x.questionIndex === i);
      return a && !a.skipped ? a.answer : null;
    }),
    prefill: state.answers.some((a) => a.questionIndex === 0) ? null : (standupPrefills(deps.db, state.round.periodKey, [{ id: personId, locale }]).get(personId) ?? null),
  };
}
