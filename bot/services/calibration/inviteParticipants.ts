import { calibrationParticipants } from '../../../db/schema';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { loadSession, sessionReviews } from './calibrationScope';

/**
 * HR invites people to a calibration session: by default the heads (leaders) of the departments whose people it
 * calibrates. Each new participant is told in chat, once, with the session's address (they sign in the usual way);
 * they then read the session, change grades with a reason and write minutes — locking stays HR's. Runs inside the
 * caller's transaction. Returns the people newly invited.
 */
export function inviteParticipants(deps: ServiceDeps, sessionId: number, personIds: number[] | undefined, actor: string): number[] {
  const { session, cycle } = loadSession(deps.db, sessionId);
  const c = deps.db.$client;
  const ids = personIds ?? departmentHeads(deps, cycle.id, session.departments);
  const at = deps.now().toISOString();
  const invited = ids.filter((personId) => deps.db.insert(calibrationParticipants).values({ sessionId, personId, invitedBy: actor, invitedAt: at }).onConflictDoNothing().run().changes > 0);
  if (invited.length === 0) return [];
  const person = c.prepare<[number], { locale: string }>(`select locale from people where id = ?`);
  enqueue(
    deps,
    invited.map((personId) => {
      const locale = asLocale(person.get(personId)?.locale, deps.settings.defaultLocale);
      return {
        dedupeKey: `calibration-invite:${sessionId}:${personId}`,
        target: { kind: 'person', personId },
        message: { text: t(locale, 'calibration.invite', { cycle: cycle.name, url: `${deps.settings.publicUrl}/#/reviews/calibration/${sessionId}` }) },
      };
    }),
  );
  appendAudit(deps.db, { actor, action: 'calibration.invite', entity: 'calibration_session', entityId: sessionId, after: { invited } }, deps.now());
  return invited;
}

/** The active leaders of the departments the session's reviewees belong to. */
function departmentHeads(deps: ServiceDeps, cycleId: number, departments: number[] | null): number[] {
  const paths = [...new Set(sessionReviews(deps.db, cycleId, departments).map((r) => r.department).filter((d): d is string => d !== null))];
  if (paths.length === 0) return [];
  return deps.db.$client
    .prepare<[string], { id: number }>(
      `select distinct p.id from departments d join people p on p.id = d.leader_id where p.active = 1 and d.path in (select value from json_each(?)) order by p.id`,
    )
    .all(JSON.stringify(paths))
    .map((r) => r.id);
}
