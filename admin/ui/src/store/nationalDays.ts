import { computed, signal } from '@preact/signals';
import { api } from '../api';
import type { NationalCalendar, NationalDay } from '../types';

/** China's national days of the calendar page's year (GET /api/holidays/national), null until loaded. */
export const nationalCalendar = signal<NationalCalendar | null>(null);
export const nationalError = signal<unknown>(null);

let seq = 0;

export async function loadNationalDays(year: number): Promise<void> {
  const mine = ++seq;
  if (nationalCalendar.value?.year !== year) nationalCalendar.value = null;
  try {
    const res = await api.get<NationalCalendar>(`/api/holidays/national?${new URLSearchParams({ year: String(year) })}`);
    if (mine !== seq) return;
    nationalCalendar.value = res;
    nationalError.value = null;
  } catch (err) {
    if (mine === seq) nationalError.value = err;
  }
}

/** National days by date, for the year grid. */
export const nationalByDate = computed(() => new Map((nationalCalendar.value?.days ?? []).map((d) => [d.date, d])));

/** Consecutive days of one name and kind as one run ("春节 5–8 Feb"), for the list. */
export interface NationalRun {
  from: string;
  to: string;
  days: number;
  name: NationalDay['name'];
  kind: NationalDay['kind'];
  provisional: boolean;
}

export const nationalRuns = computed((): NationalRun[] => {
  const runs: NationalRun[] = [];
  for (const d of nationalCalendar.value?.days ?? []) {
    const last = runs.at(-1);
    const next = last && new Date(Date.parse(`${last.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (last && next === d.date && last.kind === d.kind && last.name['zh-CN'] === d.name['zh-CN']) {
      last.to = d.date;
      last.days++;
    } else {
      runs.push({ from: d.date, to: d.date, days: 1, name: d.name, kind: d.kind, provisional: d.provisional });
    }
  }
  return runs;
});

export function resetNationalDays(): void {
  seq++;
  nationalCalendar.value = null;
  nationalError.value = null;
}
