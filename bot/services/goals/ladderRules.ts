import { departments, escalationRules } from '../../../db/schema';
import type { Db } from '../../../db/client';
import { DEFAULT_LADDER, type LadderRule } from '../../domain/escalationLadder';

export type RuleWithTarget = LadderRule & { furtherTo: 'skip_level' | 'hr' };

/**
 * The ladder that applies to a department: its own override, else the nearest ancestor's, else the company
 * row, else the defaults of the source case (3 working days before, due day, manager after 1 working day).
 */
export function ladderResolver(db: Db): ((departmentId: number | null) => RuleWithTarget) & { maxRemindBeforeDays: number; maxManagerAfterDays: number; departmentIds: number[] } {
  const rules = db.select().from(escalationRules).all();
  const parent = new Map(db.select({ id: departments.id, parentId: departments.parentId }).from(departments).all().map((d) => [d.id, d.parentId]));
  const byDept = new Map(rules.filter((r) => r.departmentId != null).map((r) => [r.departmentId!, r]));
  const company = rules.find((r) => r.departmentId == null);
  const base: RuleWithTarget = company ? toRule(company) : { ...DEFAULT_LADDER, furtherTo: 'skip_level' };
  const cache = new Map<number | null, RuleWithTarget>();
  const all = [base, ...[...byDept.values()].map(toRule)];
  const resolve = (departmentId: number | null) => {
    if (cache.has(departmentId)) return cache.get(departmentId)!;
    let rule = base;
    for (let d = departmentId, i = 0; d != null && i < 50; d = parent.get(d) ?? null, i++) {
      const own = byDept.get(d);
      if (own) {
        rule = toRule(own);
        break;
      }
    }
    cache.set(departmentId, rule);
    return rule;
  };
  return Object.assign(resolve, {
    maxRemindBeforeDays: Math.max(...all.map((r) => r.remindBeforeDays)),
    maxManagerAfterDays: Math.max(...all.map((r) => r.managerAfterDays)),
    departmentIds: [...parent.keys()],
  });
}

function toRule(r: typeof escalationRules.$inferSelect): RuleWithTarget {
  return {
    remindBeforeDays: r.remindBeforeDays,
    remindOnDueDay: r.remindOnDueDay,
    managerAfterDays: r.managerAfterDays,
    furtherAfterDays: r.furtherAfterDays,
    furtherTo: r.furtherTo,
    workStart: r.workStart,
    workEnd: r.workEnd,
  };
}
