/**
 * The role dashboards (the source case's 可视化仪表盘): which stored metrics each job function's dashboard shows, and
 * the figures derived from them. Pure: the service reads the metric store and hands the values in.
 * - sales: signed amount, customers, and the average deal size (signed amount ÷ customers) with its swing — the
 *   change against the month before, as a share;
 * - R&D: task completion, code review pass rate, incidents;
 * - support: response time and satisfaction.
 */
export const ROLE_FUNCTIONS = ['sales', 'rnd', 'support'] as const;
export type RoleFunction = (typeof ROLE_FUNCTIONS)[number];

export const ROLE_METRICS: Record<RoleFunction, readonly string[]> = {
  sales: ['signed_amount', 'customers'],
  rnd: ['task_completion_rate', 'code_review_pass_rate', 'major_incidents'],
  support: ['response_time_hours', 'satisfaction'],
};

/** How a team's figure is made from its members' values: sums add up, rates and means are averaged. */
export function teamValue(values: number[], aggregation: 'sum' | 'mean' | 'last' | 'ratio'): number | null {
  if (values.length === 0) return null;
  const total = values.reduce((s, v) => s + v, 0);
  return aggregation === 'sum' ? total : total / values.length;
}

/** Average deal size: signed amount ÷ customers (null without customers). */
export function averageDealSize(signed: number | null, customers: number | null): number | null {
  return signed === null || customers === null || customers <= 0 ? null : signed / customers;
}

/** Swing of a series: each value's change against the one before, as a share (null for the first or after a gap). */
export function swing(series: (number | null)[]): (number | null)[] {
  return series.map((v, i) => {
    const prev = i > 0 ? series[i - 1] : null;
    return v === null || prev === null || prev === 0 ? null : (v - prev) / Math.abs(prev);
  });
}

/** The months from `from` to `to` (YYYY-MM, both included), at most `limit`, oldest first. */
export function monthsBetween(from: string, to: string, limit = 24): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const end = to;
  while (out.length < limit) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The first and last day of a month key. */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}
