import { t } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { ask, firstUnanswered, latestRequestId, loadRequestState, summary } from './standupState';

/** "standup": continue the latest round where the person left off, or show their answers. */
export function resumeStandup(deps: ServiceDeps, personId: number, locale: 'zh-CN' | 'en'): OutboundMessage[] {
  const requestId = latestRequestId(deps, personId);
  const state = requestId !== undefined ? loadRequestState(deps, requestId) : undefined;
  if (!state) return [{ text: t(locale, 'standup.nothingOpen') }];
  const next = firstUnanswered(state);
  if (next !== undefined) return [ask(deps, state, next, 'standup')];
  if (state.open) return [summary(state, '')];
  return [{ text: t(locale, 'standup.nothingOpen') }];
}

/** "edit N": ask question N again, showing the current answer, while the round is open. */
export function startStandupEdit(deps: ServiceDeps, personId: number, locale: 'zh-CN' | 'en', questionNumber: number): OutboundMessage[] {
  const requestId = latestRequestId(deps, personId);
  const state = requestId !== undefined ? loadRequestState(deps, requestId) : undefined;
  if (!state) return [{ text: t(locale, 'standup.nothingOpen') }];
  const total = state.round.questions.length;
  if (!Number.isInteger(questionNumber) || questionNumber < 1 || questionNumber > total) {
    return [{ text: t(locale, 'standup.noSuchQuestion', { n: questionNumber, total }) }];
  }
  const answered = state.answers.some((a) => a.questionIndex === questionNumber - 1);
  if (!state.open && answered) return [{ text: t(locale, 'standup.closed', { week: state.round.periodKey }) }];
  return [ask(deps, state, questionNumber - 1, answered ? 'standup-edit' : 'standup')];
}
