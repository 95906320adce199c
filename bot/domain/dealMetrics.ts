/**
 * Sales figures per owner and month from won deals: signed amount (sum), customers (distinct accounts), average deal
 * size (mean) and its swing (coefficient of variation: population standard deviation / mean; 0 for one deal), and
 * the collection rate (回款完成率: collected / signed, when the source gives collected amounts).
 */
export interface Deal {
  ref: string;
  personId: number;
  /** The local close date "YYYY-MM-DD". */
  closeDate: string;
  amount: number;
  customer: string | null;
  collected: number | null;
}

export interface DealFigure {
  personId: number;
  period: string;
  metric: 'signed_amount' | 'customers' | 'avg_deal_size' | 'deal_size_swing' | 'collection_rate';
  value: number;
  refs: string[];
}

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

export function dealFigures(deals: readonly Deal[]): DealFigure[] {
  const groups = new Map<string, Deal[]>();
  for (const d of deals) {
    const key = `${d.personId}|${d.closeDate.slice(0, 7)}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const out: DealFigure[] = [];
  for (const [key, ds] of groups) {
    const [person, period] = key.split('|');
    const personId = Number(person);
    const refs = ds.map((d) => d.ref);
    const total = ds.reduce((s, d) => s + d.amount, 0);
    const mean = total / ds.length;
    const sd = Math.sqrt(ds.reduce((s, d) => s + (d.amount - mean) ** 2, 0) / ds.length);
    const base = { personId, period, refs };
    out.push({ ...base, metric: 'signed_amount', value: round(total, 2) });
    out.push({ ...base, metric: 'customers', value: new Set(ds.map((d) => d.customer ?? d.ref)).size });
    out.push({ ...base, metric: 'avg_deal_size', value: round(mean, 2) });
    out.push({ ...base, metric: 'deal_size_swing', value: mean > 0 ? round(sd / mean) : 0 });
    const withCollected = ds.filter((d) => d.collected !== null);
    const signed = withCollected.reduce((s, d) => s + d.amount, 0);
    if (withCollected.length && signed > 0) out.push({ ...base, metric: 'collection_rate', value: round(withCollected.reduce((s, d) => s + d.collected!, 0) / signed) });
  }
  return out;
}
