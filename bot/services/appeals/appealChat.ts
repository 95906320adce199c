import { eq } from 'drizzle-orm';
import { conversations } from '../../../db/schema';
import { localDate } from '../../domain/localTime';
import { AppError } from '../../errors';
import { t, type Locale } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { appealableNow, releasedReviewsOf } from './appealWindow';
import { startAppeal } from './startAppeal';

/** The conversation flow of an appeal in chat: "申诉" / "appeal", then the reason in the next message. */
export const APPEAL_FLOW = 'appeal';
const CANCEL = new Set(['取消', 'cancel']);

/**
 * "申诉" / "appeal" [reason]: with a reason it is filed at once; without, the bot names the review and asks for the
 * reason. When nothing can be appealed it says why (no released review, the window closed, appealed already).
 */
export function beginAppeal(deps: ServiceDeps, personId: number, locale: Locale, reason: string): OutboundMessage[] {
  if (reason.trim()) return fileAppeal(deps, personId, locale, reason);
  const review = appealableNow(deps.db, personId, deps.now());
  if (!review) return [{ text: whyNot(deps, personId, locale) }];
  const state = { flow: APPEAL_FLOW, step: 0, subjectId: review.reviewId, data: null, expiresAt: null, updatedAt: deps.now().toISOString() };
  deps.db.insert(conversations).values({ personId, ...state }).onConflictDoUpdate({ target: conversations.personId, set: state }).run();
  return [{ text: t(locale, 'appeal.askReason', { cycle: review.cycle, grade: review.grade ?? '—', closes: localDate(new Date(review.closesAt), deps.settings.defaultTimezone) }) }];
}

/** The message after "申诉": the reason (or "取消" / "cancel"). */
export function answerAppeal(deps: ServiceDeps, personId: number, locale: Locale, text: string, reviewId: number): OutboundMessage[] {
  deps.db.delete(conversations).where(eq(conversations.personId, personId)).run();
  if (CANCEL.has(text.trim().toLowerCase())) return [{ text: t(locale, 'appeal.cancelled') }];
  return fileAppeal(deps, personId, locale, text, reviewId);
}

function fileAppeal(deps: ServiceDeps, personId: number, locale: Locale, reason: string, reviewId?: number): OutboundMessage[] {
  try {
    const appeal = startAppeal(deps, { personId, reason, channel: 'chat', reviewId });
    return [{ text: t(locale, 'appeal.filed', { due: localDate(new Date(appeal.dueAt), deps.settings.defaultTimezone), url: `${deps.settings.publicUrl}/#/me` }) }];
  } catch (error) {
    if (error instanceof AppError && ['no_appealable_review', 'appeal_exists', 'appeal_window_closed'].includes(error.code)) return [{ text: whyNot(deps, personId, locale) }];
    throw error;
  }
}

function whyNot(deps: ServiceDeps, personId: number, locale: Locale): string {
  const newest = releasedReviewsOf(deps.db, personId)[0];
  if (!newest) return t(locale, 'appeal.none');
  if (newest.appealId !== null) return t(locale, 'appeal.exists', { cycle: newest.cycle, status: t(locale, `appeal.status.${newest.appealStatus}`) });
  return t(locale, 'appeal.closed', { cycle: newest.cycle, closed: localDate(new Date(newest.closesAt), deps.settings.defaultTimezone) });
}
