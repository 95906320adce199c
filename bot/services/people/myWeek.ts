import { localDate } from '../../domain/localTime';
import type { Locale } from '../../i18n';
import type { MessageField } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { goalTree } from '../goals/goalQueries';
import { rankOf } from '../points/leaderboard';
import { balanceOf, monthOf, monthScore } from '../points/points';
import { answerFields, formatMoment } from '../standup/standupMessages';
import { latestRequestId, loadRequestState } from '../standup/standupState';

export interface MyWeek {
  standup?: {
    periodKey: string;
    open: boolean;
    closesAt: string;
    answered: number;
    total: number;
    completed: boolean;
    late: boolean;
    fields: MessageField[];
  };
  points: { balance: number; month: string; score: number; rank: { rank: number; of: number } | null };
  goals: { id: number; title: string; current: number; target: number; unit: string; progress: number; status: string; nextCheckpoint: string | null }[];
}

/** A person's own page (Slack App Home): this round's standup and answers, points and rank this month so far, goals. */
export function myWeek(deps: ServiceDeps, personId: number, locale: Locale, timezone: string): MyWeek {
  const requestId = latestRequestId(deps, personId);
  const state = requestId !== undefined ? loadRequestState(deps, requestId) : undefined;
  const month = monthOf(deps.now(), timezone);
  const points = { balance: balanceOf(deps.db, personId), month, score: monthScore(deps.db, personId, month), rank: rankOf(deps.db, personId, month) };
  const goals = goalTree(deps.db, localDate(deps.now(), timezone), { ownerId: personId, period: 'current' }).map((g) => ({
    id: g.id, title: g.title, current: g.currentValue, target: g.targetValue, unit: g.unit, progress: Math.round(g.progress), status: g.status, nextCheckpoint: g.nextCheckpoint,
  }));
  if (!state) return { points, goals };
  const questions = state.round.questions;
  return {
    standup: {
      periodKey: state.round.periodKey,
      open: state.open,
      closesAt: formatMoment(state.round.closesAt, locale, timezone),
      answered: state.answers.length,
      total: questions.length,
      completed: state.request.completedAt !== null,
      late: state.request.late,
      fields: answerFields(locale, questions, state.answers),
    },
    points,
    goals,
  };
}

