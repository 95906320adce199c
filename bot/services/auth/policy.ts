import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError } from '../../errors';
import type { Role, SessionUser } from './sessionUser';

/**
 * The one access policy. Every route and every list asks it, never the role directly:
 * - employee: their own data;
 * - manager (anyone with reports, whatever their role): reads the whole reporting subtree at every depth and
 *   edits goals owned inside it (not their own);
 * - hr: reads everyone and does HR actions; admin: everything, plus configuration.
 * Company goals are changed by admin/HR; department and team goals also by the leader of that department or of
 * one above it. Private notes (check-in notes) are read by their owner, the owner's manager chain, HR and admins.
 * Nobody adjusts their own points or decides their own redemption (own_points, own_redemption), nor answers their own
 * appeal (own_appeal): a second person does. Department heads HR invites take part in that calibration session.
 * A talent profile is read by HR and admins, by everyone above the person in the reporting tree (not only the direct
 * manager), and by the person only when the company setting allows it; the 9-box over time by HR/admins (everyone)
 * and managers (their subtree).
 */

/** Actions given by role alone; everything about a particular person goes through Access below. */
const CAPABILITIES = {
  'people.import': ['admin', 'hr'],
  'people.listAll': ['admin', 'hr'],
  /** Editing, deactivating and reactivating people (an admin's record only by an admin: updatePerson). */
  'people.edit': ['admin', 'hr'],
  'jobs.run': ['admin'],
  /** The company settings (standups, points, leaderboard, review defaults, the pilot scope): admins configure. */
  'settings.manage': ['admin'],
  'calendar.edit': ['admin', 'hr'],
  'goals.import': ['admin', 'hr'],
  'goals.delete': ['admin', 'hr'],
  'escalation.read': ['admin', 'hr'],
  'escalation.edit': ['admin'],
  'rewards.edit': ['admin', 'hr'],
  'redemptions.read': ['admin', 'hr'],
  'redemptions.decide': ['admin', 'hr'],
  'points.adjust': ['admin', 'hr'],
  'reports.timeOff': ['admin', 'hr'],
  /** HR's one-click cycle report (XLSX): every person of a review cycle, so HR and admins only. */
  'reports.cycle': ['admin', 'hr'],
  /** The audit trail: HR audits (calibration, corrections, point adjustments), so HR reads it and checks the chain. */
  'audit.read': ['admin', 'hr'],
  'audit.verify': ['admin', 'hr'],
  'hr.overview': ['admin', 'hr'],
  'setup.read': ['admin'],
  'password.set': ['admin', 'hr'],
  /** Typing in the chat simulator for someone on the local chat (a pilot without Slack/WeCom). */
  'chat.typeForOthers': ['admin', 'hr'],
  /** Reading secrets (sign-in links) in someone else's local chat transcript. */
  'chat.readSecrets': ['admin'],
  /** Operational warnings (holiday data missing…): the admin acts on them (the console banner). */
  'system.warnings': ['admin'],
  /** Reviews (issue 10): the metric catalogue, metric imports and corrections, the rating scale, templates, cycles. */
  'metrics.define': ['admin', 'hr'],
  'metrics.import': ['admin', 'hr'],
  'metrics.correct': ['admin', 'hr'],
  'scale.edit': ['admin', 'hr'],
  'templates.manage': ['admin', 'hr'],
  'cycles.manage': ['admin', 'hr'],
  'reviews.clearFlags': ['admin', 'hr'],
  /** Calibration sessions (issue 11): HR runs them. */
  'calibration.run': ['admin', 'hr'],
  /** Integrations (issue 12): admins configure and run the connectors and upload helpdesk files; HR reads them. */
  'integrations.read': ['admin', 'hr'],
  'integrations.configure': ['admin'],
  /** Appeals: HR answers them (nobody their own), and reads the appeal and pulse reports. */
  'appeals.resolve': ['admin', 'hr'],
  'reviews.report': ['admin', 'hr'],
  /** Talent pools (issue 16): HR defines pools, decides proposals, removes members and reads the pool report. */
  'talent.pools.manage': ['admin', 'hr'],
  /** Development paths and mentors (issue 16): HR and admins keep templates, assign paths, pair mentors, read the reports. */
  'talent.paths.manage': ['admin', 'hr'],
  /** Talent (issue 16): HR and admins read every talent profile and the whole 9-box; managers only their subtree (Access). */
  'talent.view': ['admin', 'hr'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function hasCapability(user: SessionUser, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(user.role);
}

export const forbidden = (message = 'You may not do this.') => new AppError('forbidden', message, { status: 403 });

export interface GoalFacts {
  level: string;
  ownerId: number;
  departmentId: number | null;
}

/** What one signed-in user may see and change; made once per request, answers from two small indexed queries. */
export class Access {
  private subtreeIds?: Set<number>;
  private ledDepartments?: Set<number>;

  constructor(
    private readonly db: Db,
    readonly user: SessionUser,
  ) {}

  can(capability: Capability): boolean {
    return hasCapability(this.user, capability);
  }

  require(capability: Capability): void {
    if (!this.can(capability)) throw forbidden('Your role may not do this.');
  }

  /** HR and admins read everyone. */
  get readsEveryone(): boolean {
    return this.user.role === 'admin' || this.user.role === 'hr';
  }

  /** Review templates: HR and admins manage them; managers (anyone with reports) read what they grade by. */
  canReadTemplates(): boolean {
    return this.can('templates.manage') || this.user.isManager;
  }

  /** People below this user in the reporting tree, at every depth (active or not: their history stays readable). */
  subtree(): Set<number> {
    this.subtreeIds ??= this.idsFor((me) => sql`
      with recursive below(id) as (
        select id from people where manager_id = ${me}
        union select p.id from people p join below b on p.manager_id = b.id)
      select id from below where id != ${me}`);
    return this.subtreeIds;
  }

  /** The people whose data this user reads: everyone (null) or themselves and their subtree. */
  visiblePeople(): number[] | null {
    if (this.readsEveryone) return null;
    const own = this.user.personId == null ? [] : [this.user.personId];
    return [...own, ...this.subtree()];
  }

  canReadPerson(personId: number): boolean {
    return this.readsEveryone || personId === this.user.personId || this.subtree().has(personId);
  }

  /** Private notes: the owner, their manager chain, HR and admins; the same people who read the owner's data. */
  canReadPrivate(ownerId: number): boolean {
    return this.canReadPerson(ownerId);
  }

  /** Acting on someone as their manager (nudging, editing their goals): strictly below, or HR/admin. */
  canManage(personId: number): boolean {
    return this.readsEveryone || this.subtree().has(personId);
  }

  requireRead(personId: number): void {
    if (!this.canReadPerson(personId)) throw forbidden('You may only see your own data and your reports’.');
  }

  canReadGoal(goal: GoalFacts): boolean {
    return goal.level !== 'individual' || this.canReadPerson(goal.ownerId);
  }

  /**
   * Nobody awards themselves: a manual adjustment of one's own points needs a second HR member or an admin. An
   * account that is no person (the first admin before the directory knows it) has nothing of its own.
   */
  canAdjustPointsOf(personId: number): boolean {
    return this.can('points.adjust') && !this.isSelf(personId);
  }

  requireAdjustPointsOf(personId: number): void {
    this.require('points.adjust');
    if (!this.canAdjustPointsOf(personId)) throw new AppError('own_points', 'You may not adjust your own points: another HR member or an admin must do it.', { status: 403 });
  }

  /** Nobody approves (or rejects) their own redemption: the same four-eyes rule as adjustments. */
  canDecideRedemptionOf(personId: number): boolean {
    return this.can('redemptions.decide') && !this.isSelf(personId);
  }

  requireDecideRedemptionOf(personId: number): void {
    this.require('redemptions.decide');
    if (!this.canDecideRedemptionOf(personId)) throw new AppError('own_redemption', 'You may not decide your own redemption: another HR member or an admin must do it.', { status: 403 });
  }

  /** Nobody answers their own appeal: the four-eyes rule again. */
  requireResolveAppealOf(personId: number): void {
    this.require('appeals.resolve');
    if (this.isSelf(personId)) throw new AppError('own_appeal', 'You may not answer your own appeal: another HR member or an admin must do it.', { status: 403 });
  }

  /**
   * A calibration session: HR and admins run it; the people HR invited (department heads) read it, change grades
   * with a reason and write minutes, but do not lock, reopen or release.
   */
  takesPartIn(sessionId: number): boolean {
    if (this.can('calibration.run')) return true;
    const me = this.user.personId;
    return me != null && this.db.all(sql`select 1 from calibration_participants where session_id = ${sessionId} and person_id = ${me}`).length > 0;
  }

  requireTakePartIn(sessionId: number): void {
    if (!this.takesPartIn(sessionId)) throw forbidden('Only HR and the people invited take part in this calibration session.');
  }

  private isSelf(personId: number): boolean {
    return this.user.personId != null && this.user.personId === personId;
  }

  /** A talent profile: HR/admin, the person's whole manager chain, and the person when `selfVisible` (a company setting). */
  canReadTalentProfile(personId: number, selfVisible: boolean): boolean {
    return this.can('talent.view') || this.subtree().has(personId) || (selfVisible && this.isSelf(personId));
  }

  requireReadTalentProfile(personId: number, selfVisible: boolean): void {
    if (!this.canReadTalentProfile(personId, selfVisible)) throw forbidden('Only HR, the person’s managers and (if the company allows it) the person see a talent profile.');
  }

  /** Whom the 9-box over time counts: everyone (null) for HR/admin, a manager's subtree; nobody else may look. */
  talentScope(): Set<number> | null {
    if (this.can('talent.view')) return null;
    if (!this.user.isManager) throw forbidden('The 9-box is for HR and managers.');
    return this.subtree();
  }

  canEditGoal(goal: GoalFacts): boolean {
    if (this.readsEveryone) return true;
    if (goal.level === 'individual') return this.subtree().has(goal.ownerId);
    if (goal.level === 'company') return false;
    return goal.departmentId != null && this.leads(goal.departmentId);
  }

  /** Whether this user leads the department or one above it. */
  leads(departmentId: number): boolean {
    this.ledDepartments ??= this.idsFor((me) => sql`
      with recursive led(id) as (
        select id from departments where leader_id = ${me}
        union select d.id from departments d join led l on d.parent_id = l.id)
      select id from led`);
    return this.ledDepartments.has(departmentId);
  }

  /** The ids a query about this user's person returns; none for an account that is no person (the first admin). */
  private idsFor(query: (personId: number) => SQL): Set<number> {
    const me = this.user.personId;
    return new Set(me == null ? [] : this.db.all<{ id: number }>(query(me)).map((r) => r.id));
  }
}
