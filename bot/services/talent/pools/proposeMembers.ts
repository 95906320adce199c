import { inTransaction } from '../../../../db/client';
import type { PoolMemberStatus } from '../../../../db/schema/talentPools';
import { compilePoolRule, evaluatePoolRule, type CompiledPoolRule } from '../../../domain/poolRules';
import { explainPoolRuleBoth } from '../../../domain/poolRuleText';
import type { ScaleGrade } from '../../../domain/ratingScale';
import type { TalentProfile } from '../../../domain/talentProfile';
import { AppError } from '../../../errors';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';
import { currentScale } from '../../reviews/currentScale';
import { talentProfiles } from '../talentProfiles';
import { latestReleasedCycle, loadPool } from './poolContext';

export interface ProposeResult {
  poolId: number;
  /** Active people whose profile was read. */
  evaluated: number;
  /** New proposals (including people proposed again after their decision lapsed). */
  proposed: number;
  /** Pending proposals whose reason was brought up to date. */
  refreshed: number;
  /** Pending proposals the rule no longer supports. */
  withdrawn: number;
  /** People the rule could not decide (a figure missing): not proposed. */
  undecided: number;
  /** Qualifying people left alone: already members, or declined/removed with the decision still standing. */
  standing: number;
}

interface Live {
  id: number;
  personId: number;
  status: PoolMemberStatus;
  reason: string;
  decidedAt: string | null;
}

/**
 * The system proposes members for one pool: the pool's rule over the talent profile of every active person, each
 * proposal stored with its reason (the rule explained with their figures). One live row per pool and person, so
 * proposing again never duplicates: a pending proposal gets its reason refreshed (or is withdrawn when the rule now
 * says no); accepted members are left alone; a decline or removal stands until a review cycle is released after it,
 * then the person may be proposed again. Undecided people (a figure missing) are not proposed. One transaction;
 * every proposal and withdrawal is an event of the cycle it falls in; one audit row per run.
 */
export function proposeMembers(deps: ServiceDeps, input: { poolId: number; actor: string }): ProposeResult {
  const pool = loadPool(deps.db, input.poolId);
  if (!pool.active) throw new AppError('pool_inactive', 'This pool is inactive: activate it to propose members.', { status: 409 });
  const { rule } = compilePoolRule(pool.rule);
  if (!rule) throw new AppError('invalid_rule', 'The pool’s rule is not valid any more: correct it first.', { status: 409 });
  return inTransaction(deps.db, () => propose(deps, pool.id, rule, everyone(deps), input.actor));
}

/** The active people and their talent profiles (one batched computation, shared by every pool of a run). */
function everyone(deps: ServiceDeps): { ids: number[]; profiles: Map<number, TalentProfile>; scale: ScaleGrade[] } {
  const ids = deps.db.$client.prepare<[], { id: number }>(`select id from people where active = 1 order by id`).all().map((r) => r.id);
  return { ids, profiles: talentProfiles(deps, ids), scale: currentScale(deps.db) };
}

function propose(deps: ServiceDeps, poolId: number, rule: CompiledPoolRule, { ids, profiles, scale }: ReturnType<typeof everyone>, actor: string): ProposeResult {
  const c = deps.db.$client;
  const cycle = latestReleasedCycle(deps.db);
  const at = deps.now().toISOString();
  const live = new Map(
    c
      .prepare<[number], Live>(`select id, person_id as personId, status, reason, decided_at as decidedAt from talent_pool_members where pool_id = ?`)
      .all(poolId)
      .map((m) => [m.personId, m]),
  );
  const insert = c.prepare<[number, number, string, number | null, string, string], { id: number }>(
    `insert into talent_pool_members (pool_id, person_id, status, reason, cycle_id, proposed_at, updated_at) values (?, ?, 'proposed', ?, ?, ?, ?) returning id`,
  );
  const repropose = c.prepare(
    `update talent_pool_members set status = 'proposed', reason = ?, cycle_id = ?, proposed_at = ?, decided_by = null, decision_reason = null, decided_at = null, decided_cycle_id = null, updated_at = ? where id = ?`,
  );
  const refresh = c.prepare(`update talent_pool_members set reason = ?, cycle_id = ?, updated_at = ? where id = ?`);
  const withdraw = c.prepare(`update talent_pool_members set status = 'withdrawn', reason = ?, updated_at = ? where id = ?`);
  const event = c.prepare(`insert into talent_pool_events (pool_id, person_id, member_id, event, cycle_id, actor, reason, at) values (?, ?, ?, ?, ?, ?, ?, ?)`);
  const result: ProposeResult = { poolId, evaluated: 0, proposed: 0, refreshed: 0, withdrawn: 0, undecided: 0, standing: 0 };
  const cycleId = cycle?.id ?? null;
  for (const personId of ids) {
    const profile = profiles.get(personId);
    if (!profile) continue;
    result.evaluated++;
    const outcome = evaluatePoolRule(rule, profile);
    const row = live.get(personId);
    if (outcome.applies === null) {
      result.undecided++;
      continue;
    }
    const explained = explainPoolRuleBoth(rule, outcome, scale);
    const reason = JSON.stringify(explained);
    if (outcome.applies === false) {
      if (row?.status === 'proposed') {
        withdraw.run(reason, at, row.id);
        event.run(poolId, personId, row.id, 'withdrawn', cycleId, actor, explained.en, at);
        result.withdrawn++;
      }
      continue;
    }
    if (!row) {
      const { id } = insert.get(poolId, personId, reason, cycleId, at, at)!;
      event.run(poolId, personId, id, 'proposed', cycleId, actor, explained.en, at);
      result.proposed++;
    } else if (row.status === 'proposed') {
      if (row.reason !== reason) (refresh.run(reason, cycleId, at, row.id), result.refreshed++);
    } else if (row.status === 'withdrawn' || ((row.status === 'declined' || row.status === 'removed') && lapsed(row.decidedAt, cycle))) {
      repropose.run(reason, cycleId, at, at, row.id);
      event.run(poolId, personId, row.id, 'proposed', cycleId, actor, explained.en, at);
      result.proposed++;
    } else {
      result.standing++;
    }
  }
  appendAudit(deps.db, { actor, action: 'talent_pool.propose', entity: 'talent_pool', entityId: poolId, after: { ...result, cycleId } }, deps.now());
  return result;
}

/** A decline or removal stands until a review cycle is released after it. */
const lapsed = (decidedAt: string | null, cycle: { releasedAt: string } | null) => !!decidedAt && !!cycle && cycle.releasedAt > decidedAt;

/** Every active pool, e.g. after a cycle's release: the profiles computed once, one transaction, no chat messages. */
export function proposeAllPools(deps: ServiceDeps, actor: string): ProposeResult[] {
  const pools = deps.db.$client.prepare<[], { id: number; rule: string }>(`select id, rule from talent_pools where active = 1 order by id`).all();
  if (pools.length === 0) return [];
  return inTransaction(deps.db, () => {
    const people = everyone(deps);
    return pools.flatMap(({ id, rule }) => {
      const compiled = compilePoolRule(rule).rule;
      // a pool whose rule no longer compiles must not stop the others (nor the release that called us)
      if (!compiled) {
        deps.log.warn({ poolId: id }, 'talent pool rule does not compile: nobody proposed');
        return [];
      }
      return [propose(deps, id, compiled, people, actor)];
    });
  });
}
