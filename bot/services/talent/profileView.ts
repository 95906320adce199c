import { AppError } from '../../errors';
import { t, type Locale } from '../../i18n';
import { nineBoxLevel, type NineBoxLevel } from '../../domain/nineBox';
import { explainProfile, gradeOfPoints, type TalentProfile } from '../../domain/talentProfile';
import type { Access } from '../auth/policy';
import type { ServiceDeps } from '../context';
import { currentScale } from '../reviews/currentScale';
import { profileWindow, talentProfiles } from './talentProfiles';

export interface ProfileView {
  person: { id: number; name: string; email: string; department: string | null; jobFunction: string; active: boolean };
  profile: TalentProfile;
  /** Each released result's 9-box (performance × potential on that cycle's scale), oldest first; null when unrated. */
  boxes: { cycleId: number; cycleName: string; performance: NineBoxLevel | null; potential: NineBoxLevel | null }[];
  /** The scale the points read on (the current one), best first. */
  scale: { key: string; points: number }[];
  window: { from: string; to: string };
  explanation: string[];
}

/** GET /api/talent/people/:id/profile: one person's profile, its 9-box per cycle, and the item-by-item explanation. */
export function profileView(deps: ServiceDeps, access: Access, personId: number, locale: Locale): ProfileView {
  const c = deps.db.$client;
  const person = c
    .prepare<[number], { id: number; name: string; email: string; department: string | null; jobFunction: string; active: number }>(
      `select p.id, p.name, p.email, d.path as department, p.job_function as jobFunction, p.active from people p left join departments d on d.id = p.department_id where p.id = ?`,
    )
    .get(personId);
  if (!person) throw new AppError('not_found', 'No such person.', { status: 404 });
  access.requireReadTalentProfile(personId, deps.settings.talent?.profileVisibleToSelf ?? false);
  const profile = talentProfiles(deps, [personId]).get(personId)!;
  const scale = currentScale(deps.db);
  const cycleScales = new Map(
    c
      .prepare<[string], { id: number; scale: string | null }>(`select id, scale from review_cycles where id in (select value from json_each(?))`)
      .all(JSON.stringify(profile.results.map((r) => r.cycleId)))
      .map((r) => [r.id, r.scale ? (JSON.parse(r.scale) as typeof scale) : scale]),
  );
  const boxes = profile.results.map((r) => {
    const s = cycleScales.get(r.cycleId) ?? scale;
    return { cycleId: r.cycleId, cycleName: r.cycleName, performance: nineBoxLevel(s, r.grade), potential: nineBoxLevel(s, gradeOfPoints(s, r.potential)) };
  });
  return {
    person: { ...person, active: person.active === 1 },
    profile,
    boxes,
    scale: scale.map((g, i) => ({ key: g.key, points: scale.length - i })),
    window: profileWindow(deps),
    explanation: explainProfile(profile, scale, locale, t),
  };
}
