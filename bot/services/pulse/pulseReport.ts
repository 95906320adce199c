import type { Db } from '../../../db/client';

/** No breakdown is shown for fewer answers than this: a group that small could be recognised. */
export const MIN_GROUP = 5;

export interface PulseFigures {
  responses: number;
  /** Mean of "我认可本次绩效结果", 0–10. */
  acceptance: number;
  /** Mean of "我对自己的工作目标清晰", 1–5, and the share answering agree or strongly agree. */
  clarity: number;
  clarityAgree: number;
}

export interface CyclePulse {
  cycleId: number;
  name: string;
  releasedAt: string | null;
  asked: number;
  /** The cycle's figures, or null when fewer than MIN_GROUP answered. */
  overall: PulseFigures | null;
  departments: ({ department: string } & PulseFigures)[];
  /** Departments not shown (too few answers, or hidden so that theirs cannot be worked out from the total). */
  hiddenGroups: number;
}

/**
 * The fairness and clarity pulse over the cycles that asked it: the two figures the source case reports, per cycle
 * (a trend), and per department. Anonymous by construction (answers carry no person); groups under MIN_GROUP are
 * hidden, and when the hidden ones together are still under MIN_GROUP the next smallest is hidden too, so that no
 * hidden group can be recovered by subtracting the shown ones from the total.
 */
export function pulseReport(db: Db): { minGroup: number; cycles: CyclePulse[]; change: { from: number; to: number } | null } {
  const cycles = db.$client
    .prepare<[], { cycleId: number; name: string; releasedAt: string | null; asked: number }>(
      `select c.id as cycleId, c.name, c.released_at as releasedAt, (select count(*) from pulse_requests q where q.cycle_id = c.id) as asked
       from review_cycles c where c.pulse = 1 and c.status = 'released' order by c.released_at, c.id`,
    )
    .all();
  const groups = db.$client.prepare<[number], { department: string | null } & PulseFigures>(
    `select d.path as department, count(*) as responses, avg(a.acceptance) as acceptance, avg(a.clarity) as clarity, avg(a.clarity >= 4) as clarityAgree
     from pulse_answers a left join departments d on d.id = a.department_id where a.cycle_id = ? group by d.path order by d.path`,
  );
  const list = cycles.map((c): CyclePulse => {
    const rows = groups.all(c.cycleId).map((g) => ({ ...g, department: g.department ?? '—' }));
    const responses = rows.reduce((n, g) => n + g.responses, 0);
    const overall = responses >= MIN_GROUP ? combine(rows, responses) : null;
    const shown = overall ? suppress(rows) : [];
    return { ...c, overall, departments: shown.map(round), hiddenGroups: rows.length - shown.length };
  });
  const shown = list.map((c) => ({ ...c, overall: c.overall && round(c.overall) }));
  const measured = shown.filter((c) => c.overall);
  const change = measured.length >= 2 ? { from: measured[0].overall!.acceptance, to: measured.at(-1)!.overall!.acceptance } : null;
  return { minGroup: MIN_GROUP, cycles: shown, change };
}

function combine(rows: PulseFigures[], responses: number): PulseFigures {
  const mean = (k: 'acceptance' | 'clarity' | 'clarityAgree') => rows.reduce((s, g) => s + g[k] * g.responses, 0) / responses;
  return { responses, acceptance: mean('acceptance'), clarity: mean('clarity'), clarityAgree: mean('clarityAgree') };
}

/** Groups under MIN_GROUP hidden, then the smallest shown ones until the hidden ones add up to MIN_GROUP or more. */
function suppress<T extends PulseFigures>(rows: T[]): T[] {
  const shown = rows.filter((g) => g.responses >= MIN_GROUP).sort((a, b) => a.responses - b.responses);
  let hidden = rows.filter((g) => g.responses < MIN_GROUP).reduce((n, g) => n + g.responses, 0);
  while (hidden > 0 && hidden < MIN_GROUP && shown.length > 0) hidden += shown.shift()!.responses;
  return rows.filter((g) => shown.includes(g));
}

const round = <T extends PulseFigures>(f: T): T => ({ ...f, acceptance: Math.round(f.acceptance * 10) / 10, clarity: Math.round(f.clarity * 10) / 10, clarityAgree: Math.round(f.clarityAgree * 1000) / 1000 });
