import { eq } from 'drizzle-orm';
import { people } from '../../../db/schema';
import { AppError } from '../../errors';
import { t, type Locale } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { monthLeaderboard, rankOf } from './leaderboard';
import { balanceOf, monthOf, monthScore } from './points';
import { listRewards, redeemReward } from './rewards';

export const REWARD_ACTIONS = { redeem: 'rewards.redeem' } as const;

function personTz(deps: ServiceDeps, personId: number): string {
  return deps.db.select({ tz: people.timezone }).from(people).where(eq(people.id, personId)).get()?.tz ?? deps.settings.defaultTimezone;
}

/** "积分" / "points": balance, this month's score and rank. */
export function pointsReply(deps: ServiceDeps, personId: number, locale: Locale): OutboundMessage {
  const month = monthOf(deps.now(), personTz(deps, personId));
  const rank = rankOf(deps.db, personId, month);
  return {
    text: t(locale, 'points.summary', {
      balance: balanceOf(deps.db, personId),
      month,
      score: monthScore(deps.db, personId, month),
      rank: rank ? t(locale, 'points.rank', rank) : t(locale, 'points.unranked'),
    }),
  };
}

/** "排行" / "leaderboard": this month's top 10 so far. */
export function leaderboardReply(deps: ServiceDeps, personId: number, locale: Locale): OutboundMessage {
  const month = monthOf(deps.now(), personTz(deps, personId));
  const rows = monthLeaderboard(deps.db, month, { limit: 10 });
  if (rows.length === 0) return { text: t(locale, 'leaderboard.empty') };
  return { text: [t(locale, 'leaderboard.title', { month }), ...rows.map((r) => t(locale, 'leaderboard.row', { rank: r.rank, name: r.name, score: r.score }))].join('\n') };
}

/** "兑换" / "redeem": what the person can afford, one button each. */
export function redeemMenu(deps: ServiceDeps, personId: number, locale: Locale): OutboundMessage {
  const balance = balanceOf(deps.db, personId);
  const catalogue = listRewards(deps, { activeOnly: true }).filter((r) => r.stock === null || r.stock > 0);
  if (catalogue.length === 0) return { text: t(locale, 'rewards.catalogueEmpty') };
  const affordable = catalogue.filter((r) => r.cost <= balance);
  if (affordable.length === 0) return { text: t(locale, 'rewards.none', { balance, cheapest: catalogue[0].cost }) };
  const name = (r: (typeof catalogue)[number]) => (locale === 'en' ? r.nameEn : r.nameZh);
  return {
    text: t(locale, 'rewards.list', { balance }),
    buttons: affordable.slice(0, 6).map((r) => ({ actionId: REWARD_ACTIONS.redeem, label: t(locale, 'rewards.item', { name: name(r), cost: r.cost }), value: String(r.id) })),
  };
}

/** A click on a reward button. Refusals are answered in chat, not thrown. */
export function redeemFromChat(deps: ServiceDeps, personId: number, locale: Locale, rewardId: number): OutboundMessage {
  try {
    const { reward, balance } = redeemReward(deps, personId, rewardId, `person:${personId}`);
    return { text: t(locale, 'rewards.requested', { reward: locale === 'en' ? reward.nameEn : reward.nameZh, cost: reward.cost, balance }) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'insufficient_points') return { text: t(locale, 'rewards.insufficient', err.details as Record<string, number>) };
    if (err instanceof AppError) return { text: t(locale, 'rewards.unavailable') };
    throw err;
  }
}
