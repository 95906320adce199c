import { inArray, sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { standupRequests } from '../../../db/schema';
import { t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { ask, firstUnanswered, loadRequestState } from './standupState';
import { pilotAudience } from '../settings/audiences';

/**
 * Sends the one reminder to people who have not finished this round's standup once their reminder
 * time has passed (within the grace window); `manual` reminds every unfinished request of open rounds now.
 */
export function remindStandup(deps: ServiceDeps, opts: { manual: boolean }): { reminded: number } {
  const now = deps.now();
  const nowIso = now.toISOString();
  const earliest = opts.manual ? '' : new Date(now.getTime() - deps.settings.graceMinutes * 60_000).toISOString();
  const due = deps.db.all<{ id: number }>(sql`
    select r.id from standup_requests r join standup_rounds d on d.id = r.round_id join people p on p.id = r.person_id
    where ${pilotAudience(deps).sql(sql`p.department_id`)} and r.completed_at is null and r.reminded_at is null and r.excused_at is null
      and (${opts.manual ? 1 : 0} = 1 or (r.remind_at <= ${nowIso} and r.remind_at > ${earliest}))
      and d.closed_at is null and d.closes_at > ${nowIso}
    order by r.id`);
  let reminded = 0;
  for (let i = 0; i < due.length; i += 200) {
    const ids = due.slice(i, i + 200).map((r) => r.id);
    reminded += inTransaction(deps.db, () => {
      // Claim first: only requests still unreminded are ours, so two runs never both remind.
      const claimed = deps.db
        .update(standupRequests)
        .set({ remindedAt: nowIso })
        .where(sql`${inArray(standupRequests.id, ids)} and ${standupRequests.remindedAt} is null`)
        .returning({ id: standupRequests.id })
        .all();
      for (const { id } of claimed) {
        const state = loadRequestState(deps, id)!;
        const next = firstUnanswered(state) ?? 0;
        const lead = t(state.person.locale, 'standup.reminder', { week: state.round.periodKey });
        enqueue(deps, [{ dedupeKey: `standup-reminder:${id}`, target: { kind: 'person', personId: state.person.id }, message: ask(deps, state, next, 'standup', lead) }]);
      }
      return claimed.length;
    });
  }
  return { reminded };
}
