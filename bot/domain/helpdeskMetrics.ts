/**
 * Support figures per agent and period from helpdesk tickets: the median first reply time and the median full
 * resolution time (hours; tickets without one are left out), and the mean satisfaction score of the rated tickets.
 */
export interface Ticket {
  ref: string;
  personId: number;
  period: string;
  firstReplyMinutes: number | null;
  resolutionMinutes: number | null;
  satisfaction: number | null;
}

export interface TicketFigure {
  personId: number;
  period: string;
  metric: 'response_time_hours' | 'resolution_time_hours' | 'satisfaction';
  value: number;
  refs: string[];
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function ticketFigures(tickets: readonly Ticket[]): TicketFigure[] {
  const groups = new Map<string, Ticket[]>();
  for (const t of tickets) {
    const key = `${t.personId}|${t.period}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const out: TicketFigure[] = [];
  for (const [key, ts] of groups) {
    const [person, period] = key.split('|');
    const personId = Number(person);
    const replied = ts.filter((t) => t.firstReplyMinutes !== null);
    const resolved = ts.filter((t) => t.resolutionMinutes !== null);
    const rated = ts.filter((t) => t.satisfaction !== null);
    if (replied.length) out.push({ personId, period, metric: 'response_time_hours', value: round(median(replied.map((t) => t.firstReplyMinutes!)) / 60), refs: replied.map((t) => t.ref) });
    if (resolved.length) out.push({ personId, period, metric: 'resolution_time_hours', value: round(median(resolved.map((t) => t.resolutionMinutes!)) / 60), refs: resolved.map((t) => t.ref) });
    if (rated.length) out.push({ personId, period, metric: 'satisfaction', value: round(rated.reduce((s, t) => s + t.satisfaction!, 0) / rated.length), refs: rated.map((t) => t.ref) });
  }
  return out;
}
