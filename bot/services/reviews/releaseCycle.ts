import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { reviewCycles } from '../../../db/schema';
import { DEFAULT_SCALE, type ScaleGrade } from '../../domain/ratingScale';
import { AppError } from '../../errors';
import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { askPulse } from '../pulse/askPulse';
import { proposeAllPools } from '../talent/pools/proposeMembers';

/**
 * HR releases a cycle's results: every review must be submitted and every calibration session of the cycle locked.
 * Each person is told in chat — their grade, their manager's feedback, a link to the review on My page — and each
 * manager gets one summary of their team. Through the outbox with a key per message, in one transaction: releasing
 * twice, or again after a crash, tells nobody twice. Audited. With the cycle's pulse on, everyone released is then
 * asked the fairness and clarity pulse (once per person and cycle). The appeal window opens with the release, and
 * every active talent pool proposes the people its rule now admits (proposeAllPools: stored for HR, nobody messaged).
 */
export function releaseCycle(deps: ServiceDeps, cycleId: number, actor: string): { reviews: number; told: number } {
  return inTransaction(deps.db, () => {
    const cycle = deps.db.select().from(reviewCycles).where(eq(reviewCycles.id, cycleId)).get();
    if (!cycle) throw new AppError('not_found', 'No such review cycle.', { status: 404 });
    if (cycle.status === 'planned') throw new AppError('cycle_not_open', 'The cycle has not opened yet.', { status: 409 });
    if (cycle.status === 'open' && cycle.draftingDoneAt === null) throw new AppError('cycle_drafting', 'The cycle is still opening: its reviews are being created and drafted.', { status: 409 });
    const c = deps.db.$client;
    const pending = c.prepare<[number], { n: number }>(`select count(*) as n from reviews where cycle_id = ? and status != 'submitted'`).get(cycleId)!.n;
    if (pending > 0) throw new AppError('not_all_submitted', `${pending} review(s) of this cycle are not submitted yet.`, { status: 409, details: { pending } });
    const unlocked = c.prepare<[number], { n: number }>(`select count(*) as n from calibration_sessions where cycle_id = ? and locked_at is null`).get(cycleId)!.n;
    if (unlocked > 0) throw new AppError('calibration_open', 'Lock every calibration session of this cycle before releasing it.', { status: 409 });

    const scale = (cycle.scale ?? DEFAULT_SCALE) as ScaleGrade[];
    const rows = c
      .prepare<[number], { id: number; personId: number; managerId: number | null; grade: string; feedback: string | null; locale: string; name: string }>(
        `select r.id, r.person_id as personId, r.manager_id as managerId, r.grade, r.feedback, p.locale, p.name
         from reviews r join people p on p.id = r.person_id where r.cycle_id = ? and p.active = 1 order by r.id`,
      )
      .all(cycleId);
    const label = (grade: string, locale: 'zh-CN' | 'en') => {
      const g = scale.find((x) => x.key === grade);
      if (!g) return grade;
      return locale === 'zh-CN' ? `${g.key}（${g.label['zh-CN']}）` : `${g.key} (${g.label.en})`;
    };
    const items: OutboxItem[] = [];
    const teams = new Map<number, string[]>();
    for (const r of rows) {
      const locale = asLocale(r.locale, deps.settings.defaultLocale);
      const url = `${deps.settings.publicUrl}/#/reviews/review/${r.id}`;
      const text = t(locale, r.feedback ? 'review.release.person' : 'review.release.personNoFeedback', { cycle: cycle.name, grade: label(r.grade, locale), feedback: r.feedback ?? '', url, days: cycle.appealDays });
      items.push({ dedupeKey: `review-release:${r.id}`, target: { kind: 'person', personId: r.personId }, message: { text } });
      if (r.managerId !== null) teams.set(r.managerId, [...(teams.get(r.managerId) ?? []), r.grade]);
    }
    const managerLocale = c.prepare<[number], { locale: string }>(`select locale from people where id = ?`);
    for (const [managerId, grades] of teams) {
      const locale = asLocale(managerLocale.get(managerId)?.locale, deps.settings.defaultLocale);
      const counts = scale.map((g) => `${g.key} ${grades.filter((x) => x === g.key).length}`).join(' · ');
      items.push({ dedupeKey: `review-release-summary:${cycleId}:${managerId}`, target: { kind: 'person', personId: managerId }, message: { text: t(locale, 'review.release.manager', { cycle: cycle.name, n: grades.length, counts }) } });
    }
    if (cycle.pulse) items.push(...askPulse(deps, cycleId, cycle.name, rows));
    const told = enqueue(deps, items);
    if (cycle.status !== 'released') {
      const at = deps.now().toISOString();
      deps.db.update(reviewCycles).set({ status: 'released', releasedAt: at }).where(eq(reviewCycles.id, cycleId)).run();
      appendAudit(deps.db, { actor, action: 'review_cycle.release', entity: 'review_cycle', entityId: cycleId, after: { reviews: rows.length } }, deps.now());
      // the new results may qualify people for talent pools: proposals for HR, no chat messages
      proposeAllPools(deps, actor);
    }
    return { reviews: rows.length, told };
  });
}
