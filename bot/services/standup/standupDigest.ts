import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { standupAnswers, standupRequests } from '../../../db/schema';
import { t, type Locale } from '../../i18n';
import { answerFields, type AnswerView } from './standupMessages';
import type { Round } from './standupRounds';

/** Every answer of a round, by request: one query for a whole digest. */
export function roundAnswers(db: Db, roundId: number): Map<number, AnswerView[]> {
  const rows = db
    .select({ requestId: standupAnswers.requestId, questionIndex: standupAnswers.questionIndex, answer: standupAnswers.answer, skipped: standupAnswers.skipped })
    .from(standupAnswers)
    .innerJoin(standupRequests, eq(standupRequests.id, standupAnswers.requestId))
    .where(eq(standupRequests.roundId, roundId))
    .all();
  const byRequest = new Map<number, AnswerView[]>();
  for (const a of rows) {
    const list = byRequest.get(a.requestId);
    if (list) list.push(a);
    else byRequest.set(a.requestId, [a]);
  }
  return byRequest;
}

/** One person's part of a digest: "■ name (late)" and each question with the answer. */
export function personSection(locale: Locale, round: Round, person: { name: string; late: boolean }, answers: AnswerView[]): string {
  const heading = t(locale, person.late ? 'standup.digest.personLate' : 'standup.digest.person', { name: person.name });
  const lines = answerFields(locale, round.questions, answers).map((f) => `  ${f.label} ${f.value}`);
  return [`■ ${heading}`, ...lines].join('\n');
}
