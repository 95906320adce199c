import { computed, signal } from '@preact/signals';
import { api } from '../api';
import { lastWeeks, todayLocal } from '../dates';
import type { RateCell, WeekRate } from '../types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The default range: the last 12 ISO weeks, up to today. */
export const DEFAULT_WEEKS = 12;

export const rateFrom = signal('');
export const rateTo = signal('');
export const rateWeeks = signal<WeekRate[]>([]);
export const rateLoading = signal(false);
export const rateError = signal<unknown>(null);
/** The week the department table shows; '' for the whole range. */
export const rateWeek = signal('');

let seq = 0;

export async function loadUpdateRate(): Promise<void> {
  if (!rateFrom.value || !rateTo.value) {
    const range = lastWeeks(todayLocal(), DEFAULT_WEEKS);
    rateFrom.value = range.from;
    rateTo.value = range.to;
  }
  const mine = ++seq;
  rateLoading.value = true;
  try {
    const params = new URLSearchParams({ from: rateFrom.value, to: rateTo.value });
    const res = await api.get<{ weeks: WeekRate[] }>(`/api/reports/update-rate?${params}`);
    if (mine !== seq) return;
    rateWeeks.value = res.weeks ?? [];
    rateError.value = null;
    if (rateWeek.value && !rateWeeks.value.some((w) => w.week === rateWeek.value)) rateWeek.value = '';
  } catch (err) {
    if (mine === seq) rateError.value = err;
  } finally {
    if (mine === seq) rateLoading.value = false;
  }
}

/** Changes one end of the range and reloads when the range is whole and in order. */
export function setRange(which: 'from' | 'to', value: string): void {
  (which === 'from' ? rateFrom : rateTo).value = value;
  if (DATE.test(rateFrom.value) && DATE.test(rateTo.value) && rateFrom.value <= rateTo.value) void loadUpdateRate();
}

export function resetRange(): void {
  rateFrom.value = '';
  rateTo.value = '';
  rateWeek.value = '';
  void loadUpdateRate();
}

const rateOf = (due: number, onTime: number): RateCell => ({ due, onTime, rate: due ? onTime / due : null });

/** The department table: totals per department (and for the company) over the chosen week or the whole range. */
export const rateTable = computed(() => {
  const weeks = rateWeek.value ? rateWeeks.value.filter((w) => w.week === rateWeek.value) : rateWeeks.value;
  const byDept = new Map<string, { due: number; onTime: number }>();
  let due = 0;
  let onTime = 0;
  for (const w of weeks) {
    due += w.company.due;
    onTime += w.company.onTime;
    for (const d of w.departments) {
      const acc = byDept.get(d.department) ?? { due: 0, onTime: 0 };
      acc.due += d.due;
      acc.onTime += d.onTime;
      byDept.set(d.department, acc);
    }
  }
  return {
    company: rateOf(due, onTime),
    departments: [...byDept.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([department, x]) => ({ department, ...rateOf(x.due, x.onTime) })),
  };
});

export function resetUpdateRate(): void {
  seq++;
  rateFrom.value = '';
  rateTo.value = '';
  rateWeek.value = '';
  rateWeeks.value = [];
  rateError.value = null;
}
