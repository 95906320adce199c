import { inTransaction } from '../../../db/client';
import { reviewAppeals } from '../../../db/schema';
import { addLocalDays, localDate, zonedInstant } from '../../domain/localTime';
import { AppError } from '../../errors';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { hrRecipients } from './hrRecipients';
import { releasedReviewsOf } from './appealWindow';

export interface AppealInput {
  personId: number;
  reason: string;
  channel: 'chat' | 'web';
  /** Which review; the newest one still open to appeal when absent (chat). */
  reviewId?: number;
}

/**
 * A person appeals (申诉) a released grade, within the cycle's appeal window, once per review. HR's deadline is
 * APPEAL_RESPONSE_DAYS working days later (end of that day, DEFAULT_TIMEZONE); every HR member (or admin, without HR) is told in chat.
 * Audited. Errors: no_appealable_review (404), appeal_window_closed / appeal_exists (409).
 */
export function startAppeal(deps: ServiceDeps, input: AppealInput): { id: number; reviewId: number; dueAt: string } {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'reason', message: 'a reason is required' }] });
  return inTransaction(deps.db, () => {
    const now = deps.now();
    const released = releasedReviewsOf(deps.db, input.personId);
    const review = input.reviewId === undefined ? released.find((r) => r.appealId === null && r.closesAt > now.toISOString()) ?? released[0] : released.find((r) => r.reviewId === input.reviewId);
    if (!review) throw new AppError('no_appealable_review', 'You have no released review to appeal.', { status: 404 });
    if (review.appealId !== null) throw new AppError('appeal_exists', 'This review has been appealed already.', { status: 409 });
    if (review.closesAt <= now.toISOString()) throw new AppError('appeal_window_closed', 'The appeal window of this review has closed.', { status: 409, details: { closedAt: review.closesAt } });
    const dueAt = responseDeadline(deps, now);
    const row = deps.db
      .insert(reviewAppeals)
      .values({ reviewId: review.reviewId, cycleId: review.cycleId, personId: input.personId, reason, channel: input.channel, dueAt, gradeBefore: review.grade, createdAt: now.toISOString() })
      .returning({ id: reviewAppeals.id })
      .get();
    appendAudit(deps.db, { actor: `person:${input.personId}`, action: 'appeal.create', entity: 'review', entityId: review.reviewId, after: { appeal: row.id, channel: input.channel }, reason }, now);
    const name = deps.db.$client.prepare<[number], { name: string }>(`select name from people where id = ?`).get(input.personId)?.name ?? '';
    const hr = hrRecipients(deps.db);
    enqueue(
      deps,
      hr.map((h) => {
        const locale = asLocale(h.locale, deps.settings.defaultLocale);
        return {
          dedupeKey: `appeal-new:${row.id}:${h.id}`,
          target: { kind: 'person', personId: h.id },
          message: { text: t(locale, 'appeal.hr.new', { name, cycle: review.cycle, grade: review.grade ?? '—', reason, due: localDate(new Date(dueAt), deps.settings.defaultTimezone), url: `${deps.settings.publicUrl}/#/appeals` }) },
        };
      }),
    );
    return { id: row.id, reviewId: review.reviewId, dueAt };
  });
}

/** The end of the APPEAL_RESPONSE_DAYS-th working day after today, in the company's time zone. */
function responseDeadline(deps: ServiceDeps, now: Date): string {
  const tz = deps.settings.defaultTimezone;
  const calendar = deps.calendar();
  let day = localDate(now, tz);
  for (let left = deps.settings.reviews.appealResponseDays; left > 0; left--) day = calendar.nextWorkday(addLocalDays(day, 1));
  return zonedInstant(day, '23:59', tz).toISOString();
}
