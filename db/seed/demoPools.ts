/**
 * The demo's talent pools (issue 16), made after the talent history (demoTalent) by the same use cases HR uses:
 * each pool is created with its rule, then the system proposes its members with the reason. The source case:
 * 吴蕾鹏 (A three years running, 系统设计 high) is proposed for 架构师储备池. Deterministic: the proposals follow from
 * the seeded history alone.
 */
import type { ServiceDeps } from '../../bot/services/context';
import { proposeMembers } from '../../bot/services/talent/pools/proposeMembers';
import { createPool } from '../../bot/services/talent/pools/savePool';

const ACTOR = 'system:demo';

export const DEMO_POOLS = [
  {
    name: '架构师储备池',
    description: '近 3 年年度绩效均在 A 及以上、系统设计能力突出（≥ 4）的工程师，培养为架构师。 / Engineers rated A or above three years running with system design ≥ 4: future architects.',
    rule: 'min_annual(3) >= 4 and skill("系统设计") >= 4',
  },
  {
    name: '管理储备',
    description: '连续两年 A 及以上、潜力高并有跨部门协作的人，储备为管理者。 / A or above two years running, high potential and cross-team work: future managers.',
    rule: 'min_annual(2) >= 4 and potential >= 4 and shared_goals >= 1',
  },
  {
    name: '销售精英',
    description: '近两年年度绩效均值不低于 A、客户沟通能力强的销售。 / Sales people averaging A over two years with strong customer communication.',
    rule: 'mean_annual(2) >= 4 and skill("客户沟通") >= 4',
  },
] as const;

export function seedDemoPools(deps: ServiceDeps): { pools: number; proposed: number } {
  let proposed = 0;
  for (const input of DEMO_POOLS) {
    const pool = createPool(deps, input, ACTOR);
    proposed += proposeMembers(deps, { poolId: pool.id, actor: ACTOR }).proposed;
  }
  return { pools: DEMO_POOLS.length, proposed };
}
