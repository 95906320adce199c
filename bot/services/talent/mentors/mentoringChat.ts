import { enterFlow } from '../../chat/enterFlow';
import { eq } from 'drizzle-orm';
import { conversations } from '../../../../db/schema';
import { t, type Locale } from '../../../i18n';
import type { OutboundMessage } from '../../../platform/port';
import type { ServiceDeps } from '../../context';

/**
 * The monthly mentoring check-in in chat: the next message after the question is the answer, kept with the check-in
 * (for HR, on #/talent/mentors). "导师" / "mentoring" asks the newest unanswered one again; "取消" / "cancel" leaves it.
 */
export const MENTORING_FLOW = 'mentoring';
const CANCEL = new Set(['取消', 'cancel']);

/** Sets the flow at a check-in; `unlessBusy`: a flow touched in the last two hours (a standup…) is left alone. */
export function enterMentoringFlow(deps: ServiceDeps, personId: number, checkinId: number, unlessBusy: boolean): void {
  enterFlow(deps, personId, MENTORING_FLOW, checkinId, unlessBusy);
}

/** "导师" / "mentoring": the newest unanswered check-in of this person, asked again. */
export function resumeMentoring(deps: ServiceDeps, personId: number, locale: Locale): OutboundMessage[] {
  const open = deps.db.$client
    .prepare<[number], { id: number; month: string; other: string }>(
      `select c.id, c.month, case when m.mentor_id = c.person_id then b.name else a.name end as other
       from mentoring_checkins c join mentorships m on m.id = c.mentorship_id join people a on a.id = m.mentor_id join people b on b.id = m.mentee_id
       where c.person_id = ? and c.answered_at is null and m.status = 'active' order by c.month desc, c.id desc limit 1`,
    )
    .get(personId);
  if (!open) return [{ text: t(locale, 'mentoring.none') }];
  enterMentoringFlow(deps, personId, open.id, false);
  return [{ text: t(locale, 'mentoring.again', { name: open.other, month: open.month }) }];
}

/** A message while the flow is on: the answer (once; a second reply is thanked and not stored over the first). */
export function answerMentoring(deps: ServiceDeps, personId: number, locale: Locale, text: string, checkinId: number): OutboundMessage[] {
  const answer = text.trim();
  if (answer === '') return [];
  deps.db.delete(conversations).where(eq(conversations.personId, personId)).run();
  if (CANCEL.has(answer.toLowerCase())) return [{ text: t(locale, 'mentoring.later') }];
  deps.db.$client
    .prepare(`update mentoring_checkins set answer = ?, answered_at = ? where id = ? and person_id = ? and answered_at is null`)
    .run(answer.slice(0, 4000), deps.now().toISOString(), checkinId, personId);
  return [{ text: t(locale, 'mentoring.thanks') }];
}
