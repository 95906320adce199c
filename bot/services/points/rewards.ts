import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../../db/client';
import { people, redemptions, rewards } from '../../../db/schema';
import { AppError } from '../../errors';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { appendAudit } from '../audit';
import { balanceOf, recordLedger } from './points';

export const rewardInput = z.strictObject({
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  cost: z.number().int().min(1).max(100_000),
  kind: z.enum(['gift', 'time_off']),
  hours: z.number().int().min(1).max(80).nullable().optional(),
  stock: z.number().int().min(0).nullable().optional(),
  active: z.boolean().optional(),
}).refine((r) => r.kind !== 'time_off' || r.hours, { message: 'time off needs hours', path: ['hours'] });

export type RewardInput = z.infer<typeof rewardInput>;
export type Reward = typeof rewards.$inferSelect;

export function listRewards(deps: ServiceDeps, opts: { activeOnly?: boolean } = {}): Reward[] {
  const q = deps.db.select().from(rewards);
  return (opts.activeOnly ? q.where(eq(rewards.active, true)) : q).orderBy(asc(rewards.cost), asc(rewards.id)).all();
}

export function saveReward(deps: ServiceDeps, actor: string, input: RewardInput, id?: number): Reward {
  return inTransaction(deps.db, () => {
    const before = id ? deps.db.select().from(rewards).where(eq(rewards.id, id)).get() : undefined;
    if (id && !before) throw new AppError('not_found', `No reward ${id}.`, { status: 404 });
    const values = { ...input, hours: input.kind === 'time_off' ? input.hours ?? null : null, stock: input.stock ?? null };
    const saved = id
      ? deps.db.update(rewards).set(values).where(eq(rewards.id, id)).returning().get()
      : deps.db.insert(rewards).values({ ...values, createdAt: deps.now().toISOString() }).returning().get();
    appendAudit(deps.db, { actor, action: id ? 'reward.update' : 'reward.create', entity: 'reward', entityId: saved.id, before, after: saved }, deps.now());
    return saved;
  });
}

/**
 * Redeems a reward: in one immediate transaction, checks stock and balance, debits the ledger and files the
 * request for HR. SQLite serialises these transactions, so two concurrent redemptions can never overdraw.
 */
export function redeemReward(deps: ServiceDeps, personId: number, rewardId: number, actor: string) {
  return inTransaction(deps.db, () => {
    const reward = deps.db.select().from(rewards).where(and(eq(rewards.id, rewardId), eq(rewards.active, true))).get();
    if (!reward) throw new AppError('reward_unavailable', 'This reward is not available.', { status: 404 });
    if (reward.stock !== null && reward.stock <= 0) throw new AppError('out_of_stock', 'This reward is out of stock.', { status: 409 });
    const balance = balanceOf(deps.db, personId);
    if (balance < reward.cost) {
      throw new AppError('insufficient_points', `Not enough points: balance ${balance}, cost ${reward.cost}.`, { status: 409, details: { balance, cost: reward.cost } });
    }
    if (reward.stock !== null) deps.db.update(rewards).set({ stock: sql`${rewards.stock} - 1` }).where(eq(rewards.id, reward.id)).run();
    const redemption = deps.db.insert(redemptions).values({ personId, rewardId, cost: reward.cost, requestedAt: deps.now().toISOString() }).returning().get();
    const tz = deps.db.select({ tz: people.timezone }).from(people).where(eq(people.id, personId)).get()!.tz;
    recordLedger(deps.db, { personId, amount: -reward.cost, kind: 'redemption', reason: `${reward.nameEn} / ${reward.nameZh}`, sourceKey: `redemption:${redemption.id}`, actor }, deps.now(), tz);
    return { redemption, reward, balance: balance - reward.cost };
  });
}

/** The person who asked for a redemption (undefined: no such redemption), for the policy's own-request rule. */
export function redemptionRequester(deps: ServiceDeps, id: number): number | undefined {
  return deps.db.select({ personId: redemptions.personId }).from(redemptions).where(eq(redemptions.id, id)).get()?.personId;
}

/** HR approves or rejects a pending redemption; a rejection refunds the points and the stock. The person is told in chat. */
export function decideRedemption(deps: ServiceDeps, id: number, decision: 'approved' | 'rejected', actor: string, note?: string) {
  return inTransaction(deps.db, () => {
    const row = deps.db
      .select({ r: redemptions, reward: rewards, person: people })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .innerJoin(people, eq(people.id, redemptions.personId))
      .where(eq(redemptions.id, id))
      .get();
    if (!row) throw new AppError('not_found', `No redemption ${id}.`, { status: 404 });
    if (row.r.status !== 'pending') throw new AppError('already_decided', `Redemption ${id} is already ${row.r.status}.`, { status: 409 });
    const now = deps.now();
    const updated = deps.db.update(redemptions).set({ status: decision, decidedAt: now.toISOString(), decidedBy: actor, decisionNote: note ?? null }).where(eq(redemptions.id, id)).returning().get();
    if (decision === 'rejected') {
      recordLedger(deps.db, { personId: row.person.id, amount: row.r.cost, kind: 'refund', reason: note ?? 'rejected', sourceKey: `refund:${id}`, actor }, now, row.person.timezone);
      if (row.reward.stock !== null) deps.db.update(rewards).set({ stock: sql`${rewards.stock} + 1` }).where(eq(rewards.id, row.reward.id)).run();
    }
    appendAudit(deps.db, { actor, action: `redemption.${decision}`, entity: 'redemption', entityId: id, before: row.r, after: updated, reason: note }, now);
    const locale = asLocale(row.person.locale, deps.settings.defaultLocale);
    const reward = locale === 'en' ? row.reward.nameEn : row.reward.nameZh;
    const text = t(locale, decision === 'approved' ? 'rewards.approved' : 'rewards.rejected', { reward, points: row.r.cost, note: note ?? '' }).trim();
    enqueue(deps, [{ dedupeKey: `redemption-${decision}:${id}`, target: { kind: 'person', personId: row.person.id }, message: { text } }]);
    return updated;
  });
}

export function redemptionQueue(deps: ServiceDeps, status?: 'pending' | 'approved' | 'rejected') {
  const q = deps.db
    .select({ id: redemptions.id, status: redemptions.status, cost: redemptions.cost, requestedAt: redemptions.requestedAt, decidedAt: redemptions.decidedAt, decisionNote: redemptions.decisionNote, personId: people.id, name: people.name, email: people.email, rewardId: rewards.id, rewardZh: rewards.nameZh, rewardEn: rewards.nameEn, kind: rewards.kind, hours: rewards.hours })
    .from(redemptions)
    .innerJoin(people, eq(people.id, redemptions.personId))
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId));
  return (status ? q.where(eq(redemptions.status, status)) : q).orderBy(asc(redemptions.requestedAt)).all();
}

/** One person's redemptions, newest first (My page). */
export function myRedemptions(deps: ServiceDeps, personId: number) {
  return deps.db
    .select({ id: redemptions.id, rewardZh: rewards.nameZh, rewardEn: rewards.nameEn, cost: redemptions.cost, status: redemptions.status, requestedAt: redemptions.requestedAt, decidedAt: redemptions.decidedAt, decisionNote: redemptions.decisionNote })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .where(eq(redemptions.personId, personId))
    .orderBy(desc(redemptions.requestedAt))
    .all();
}

/** Approved time off in hours per person, for requests made in [from, to). */
export function timeOffReport(deps: ServiceDeps, from: string, to: string) {
  return deps.db.all<{ personId: number; name: string; email: string; hours: number }>(sql`
    select p.id as personId, p.name, p.email, sum(w.hours) as hours
    from redemptions r join rewards w on w.id = r.reward_id join people p on p.id = r.person_id
    where r.status = 'approved' and w.kind = 'time_off' and r.requested_at >= ${from} and r.requested_at < ${to}
    group by p.id order by p.name`);
}
