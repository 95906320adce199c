import { inTransaction } from '../../../../db/client';
import { AppError } from '../../../errors';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';
import { compileOrRefuse, loadPool, type PoolRow } from './poolContext';

export interface PoolInput {
  name: string;
  description?: string;
  rule: string;
  active?: boolean;
}

const nameTaken = (deps: ServiceDeps, name: string, except: number) =>
  deps.db.$client.prepare<[string, number], { id: number }>(`select id from talent_pools where name = ? and id != ?`).get(name, except);
const refuseTaken = (name: string) =>
  new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'name', code: 'pool_name_taken', message: `a pool named "${name}" exists already`, params: { name } }] });

/** A new pool; its rule must pass every check (400 invalid_rule listing them all). Audited. */
export function createPool(deps: ServiceDeps, input: PoolInput, actor: string): PoolRow {
  compileOrRefuse(deps.db, input.rule);
  return inTransaction(deps.db, () => {
    if (nameTaken(deps, input.name, 0)) throw refuseTaken(input.name);
    const at = deps.now().toISOString();
    const { id } = deps.db.$client
      .prepare<[string, string, string, number, string, string, string], { id: number }>(
        `insert into talent_pools (name, description, rule, active, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?) returning id`,
      )
      .get(input.name, input.description ?? '', input.rule, input.active === false ? 0 : 1, actor, at, at)!;
    const pool = loadPool(deps.db, id);
    appendAudit(deps.db, { actor, action: 'talent_pool.create', entity: 'talent_pool', entityId: id, after: pool }, deps.now());
    return pool;
  });
}

/** Changes a pool's name, description, rule or active flag (rule checked like on creation). Audited before/after. */
export function updatePool(deps: ServiceDeps, poolId: number, input: Partial<PoolInput>, actor: string): PoolRow {
  if (input.rule !== undefined) compileOrRefuse(deps.db, input.rule);
  return inTransaction(deps.db, () => {
    const before = loadPool(deps.db, poolId);
    if (input.name !== undefined && nameTaken(deps, input.name, poolId)) throw refuseTaken(input.name);
    const next = {
      name: input.name ?? before.name,
      description: input.description ?? before.description,
      rule: input.rule ?? before.rule,
      active: input.active ?? before.active,
    };
    deps.db.$client
      .prepare(`update talent_pools set name = ?, description = ?, rule = ?, active = ?, updated_at = ? where id = ?`)
      .run(next.name, next.description, next.rule, next.active ? 1 : 0, deps.now().toISOString(), poolId);
    const after = loadPool(deps.db, poolId);
    appendAudit(deps.db, { actor, action: 'talent_pool.update', entity: 'talent_pool', entityId: poolId, before, after }, deps.now());
    return after;
  });
}
