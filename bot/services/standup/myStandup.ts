import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import type { Locale } from '../../i18n';
import type { ServiceDeps } from '../context';
import { latestRequestId, loadRequestState } from './standupState';
import { submitStandupForm } from './submitStandupForm';

export interface MyStandup {
  periodKey: string;
  open: boolean;
  closesAt: string;
  completed: boolean;
  late: boolean;
  excused: boolean;
  questions: { text: string; blocker: boolean }[];
  /** One per question: null when not answered yet. */
  answers: ({ text: string | null; skipped: boolean; late: boolean; enteredBy: string | null } | null)[];
}

/** The person's latest standup (this week's, once asked) with their answers, for My page. */
export function myStandup(deps: ServiceDeps, personId: number, locale: Locale): MyStandup | null {
  const requestId = latestRequestId(deps, personId);
  const state = requestId === undefined ? undefined : loadRequestState(deps, requestId);
  if (!state) return null;
  return {
    periodKey: state.round.periodKey,
    open: state.open,
    closesAt: state.round.closesAt,
    completed: state.request.completedAt !== null,
    late: state.request.late,
    excused: state.request.excusedAt !== null,
    questions: state.round.questions.map((q) => ({ text: q[locale], blocker: Boolean(q.blocker) })),
    answers: state.round.questions.map((_, i) => {
      const a = state.answers.find((x) => x.questionIndex === i);
      return a ? { text: a.answer, skipped: a.skipped, late: a.late, enteredBy: a.enteredBy } : null;
    }),
  };
}

/**
 * Answers or edits the latest standup from My page: the same rules as in chat (late after close, one point on
 * time, blocker alerts, no edits after close), through the same form use case as Slack's modal.
 */
export function answerMyStandup(deps: ServiceDeps, personId: number, locale: Locale, answers: (string | null)[]): MyStandup {
  const requestId = latestRequestId(deps, personId);
  if (requestId === undefined) throw new AppError('no_standup', 'You have not been asked a standup yet.', { status: 404 });
  const outcome = submitStandupForm(deps, { platform: 'console', eventKey: randomUUID(), personId, requestId, answers });
  if (outcome.kind === 'invalid') {
    const details = Object.entries(outcome.errors).map(([i, why]) => ({ field: `answers.${i}`, message: why === 'empty' ? 'answer at least one question' : 'too long' }));
    throw new AppError('invalid_request', 'The answers are not valid.', { status: 400, details });
  }
  if (outcome.kind === 'refused' && outcome.reason === 'closed') {
    throw new AppError('standup_closed', `The ${outcome.periodKey} standup has closed; answers can no longer be changed.`, { status: 409 });
  }
  if (outcome.kind === 'refused') throw new AppError('no_standup', 'You have not been asked a standup yet.', { status: 404 });
  return myStandup(deps, personId, locale)!;
}
