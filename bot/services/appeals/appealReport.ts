import type { Db } from '../../../db/client';

export interface AppealCount {
  reviews: number;
  appeals: number;
  /** appeals ÷ reviews, 0–1. */
  rate: number;
}

export interface CycleAppeals extends AppealCount {
  cycleId: number;
  name: string;
  releasedAt: string;
  open: number;
  upheld: number;
  changed: number;
  departments: ({ department: string } & AppealCount)[];
}

/**
 * Appeals per released cycle and per department, and how the count moved from the first cycle to the last (the
 * source case reports "appeals fell by 73%"). Two grouped queries over the released cycles.
 */
export function appealReport(db: Db): { cycles: CycleAppeals[]; change: number | null } {
  const rows = db.$client
    .prepare<[], { cycleId: number; name: string; releasedAt: string; department: string | null; reviews: number; appeals: number; open: number; upheld: number; changed: number }>(
      `select c.id as cycleId, c.name, c.released_at as releasedAt, d.path as department, count(r.id) as reviews, count(a.id) as appeals,
              sum(a.status = 'open') as open, sum(a.status = 'upheld') as upheld, sum(a.status = 'changed') as changed
       from review_cycles c join reviews r on r.cycle_id = c.id join people p on p.id = r.person_id
       left join departments d on d.id = p.department_id left join review_appeals a on a.review_id = r.id
       where c.status = 'released' group by c.id, d.path order by c.released_at, c.id, d.path`,
    )
    .all();
  const cycles = new Map<number, CycleAppeals>();
  for (const row of rows) {
    const cycle = cycles.get(row.cycleId) ?? { cycleId: row.cycleId, name: row.name, releasedAt: row.releasedAt, reviews: 0, appeals: 0, rate: 0, open: 0, upheld: 0, changed: 0, departments: [] };
    cycle.reviews += row.reviews;
    cycle.appeals += row.appeals;
    cycle.open += row.open ?? 0;
    cycle.upheld += row.upheld ?? 0;
    cycle.changed += row.changed ?? 0;
    cycle.departments.push({ department: row.department ?? '—', reviews: row.reviews, appeals: row.appeals, rate: ratio(row.appeals, row.reviews) });
    cycles.set(row.cycleId, cycle);
  }
  const list = [...cycles.values()].map((c) => ({ ...c, rate: ratio(c.appeals, c.reviews) }));
  const first = list[0];
  const last = list.at(-1);
  return { cycles: list, change: first && last && first !== last && first.appeals > 0 ? (last.appeals - first.appeals) / first.appeals : null };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
