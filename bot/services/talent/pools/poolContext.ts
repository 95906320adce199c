import type { Db } from '../../../../db/client';
import { compilePoolRule, type CompiledPoolRule } from '../../../domain/poolRules';
import { AppError } from '../../../errors';

/** What every pool use case reads: the skills review templates rate, the latest released cycle, a pool. */

/** Skills any review template version rates (rating questions tagged with a skill): what `skill("…")` may name. */
export function knownSkills(db: Db): Set<string> {
  const rows = db.$client
    .prepare<[], { skill: string }>(
      `select distinct json_extract(i.value, '$.skill') as skill
       from review_template_versions v, json_each(v.body, '$.sections') s, json_each(s.value, '$.items') i
       where json_extract(i.value, '$.skill') is not null`,
    )
    .all();
  return new Set(rows.map((r) => r.skill));
}

/** The newest released review cycle (by release time), the one a proposal or decision falls in; null before any. */
export function latestReleasedCycle(db: Db): { id: number; name: string; releasedAt: string } | null {
  return (
    db.$client
      .prepare<[], { id: number; name: string; releasedAt: string }>(
        `select id, name, released_at as releasedAt from review_cycles where status = 'released' and released_at is not null order by released_at desc, id desc limit 1`,
      )
      .get() ?? null
  );
}

export interface PoolRow {
  id: number;
  name: string;
  description: string;
  rule: string;
  active: boolean;
}

export function loadPool(db: Db, poolId: number): PoolRow {
  const row = db.$client
    .prepare<[number], Omit<PoolRow, 'active'> & { active: number }>(`select id, name, description, rule, active from talent_pools where id = ?`)
    .get(poolId);
  if (!row) throw new AppError('not_found', 'No such talent pool.', { status: 404 });
  return { ...row, active: row.active === 1 };
}

/** Compiles a rule a pool is saved with, or refuses with every problem (400 invalid_rule, details: field problems). */
export function compileOrRefuse(db: Db, rule: string, field = 'rule'): CompiledPoolRule {
  const { rule: compiled, problems } = compilePoolRule(rule, { skills: knownSkills(db), field });
  if (!compiled) throw new AppError('invalid_rule', 'The rule is not valid: please correct the problems listed.', { status: 400, details: problems });
  return compiled;
}
