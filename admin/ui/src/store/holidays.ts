import { computed, signal } from '@preact/signals';
import { api } from '../api';
import { todayLocal, yearOf } from '../dates';
import type { Holiday, HolidayKind } from '../types';
import { subRoute } from './route';

/** The years the server takes (GET /api/holidays?year=). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** This year where the browser is. */
export const thisYear = (): number => yearOf(todayLocal());

/** The year the Calendar page shows: `#/calendar/2027`, else this year. */
export const calendarYear = computed(() => {
  const year = /^\d{4}$/.test(subRoute.value) ? Number(subRoute.value) : NaN;
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : thisYear();
});

/** The company days of `holidaysYear`, by date. */
export const holidays = signal<Holiday[]>([]);
/** The year `holidays` belong to (null until loaded). */
export const holidaysYear = signal<number | null>(null);
export const holidaysLoading = signal(false);
export const holidaysError = signal<unknown>(null);
/** The date whose entry is being removed. */
export const removingHoliday = signal<string | null>(null);

export interface HolidayDraft {
  date: string;
  name: string;
  kind: HolidayKind;
}
/** What the form is filled with: a listed entry to change, or a day picked on the year grid; null for an empty form. */
export const holidayDraft = signal<(HolidayDraft & { seq: number }) | null>(null);

export type HolidayOutcome =
  | { action: 'saved'; holiday: Holiday; replaced: Holiday | undefined }
  | { action: 'removed'; holiday: Holiday }
  | { action: 'removeFailed'; holiday: Holiday; error: unknown };
/** What was done last on this page, for its confirmation line. */
export const holidayOutcome = signal<HolidayOutcome | null>(null);

let seq = 0;
let draftSeq = 0;

export async function loadHolidays(year: number): Promise<void> {
  const mine = ++seq;
  if (holidaysYear.value !== year) {
    holidays.value = [];
    holidaysYear.value = year;
  }
  holidaysLoading.value = true;
  try {
    const res = await api.get<{ holidays: Holiday[] }>(`/api/holidays?${new URLSearchParams({ year: String(year) })}`);
    if (mine !== seq) return;
    holidays.value = [...(res.holidays ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    holidaysError.value = null;
  } catch (err) {
    if (mine === seq) holidaysError.value = err;
  } finally {
    if (mine === seq) holidaysLoading.value = false;
  }
}

/** The listed entry on `date`, if any. */
export const holidayOn = (date: string): Holiday | undefined => holidays.value.find((h) => h.date === date);

/** Company days by date, for the year grid. */
export const holidaysByDate = computed(() => new Map(holidays.value.map((h) => [h.date, h])));

/** Fills the form (a listed entry to change, or a day to add). */
export function editHoliday(draft: HolidayDraft): void {
  holidayDraft.value = { ...draft, seq: ++draftSeq };
}

/** Adds or replaces the company entry of a date (PUT), then reloads the year. Throws the server's ApiError. */
export async function saveHoliday(draft: HolidayDraft): Promise<Holiday> {
  const replaced = holidayOn(draft.date);
  const saved = await api.put<Holiday>(`/api/holidays/${encodeURIComponent(draft.date)}`, { name: draft.name, kind: draft.kind });
  holidayOutcome.value = { action: 'saved', holiday: saved, replaced };
  holidayDraft.value = null;
  await loadHolidays(holidaysYear.value ?? yearOf(saved.date));
  return saved;
}

/** Removes a company entry (DELETE), then reloads the year; the outcome says how it went. */
export async function removeHoliday(holiday: Holiday): Promise<void> {
  removingHoliday.value = holiday.date;
  try {
    await api.delete(`/api/holidays/${encodeURIComponent(holiday.date)}`);
    holidayOutcome.value = { action: 'removed', holiday };
    if (holidayDraft.value?.date === holiday.date) holidayDraft.value = null;
  } catch (err) {
    holidayOutcome.value = { action: 'removeFailed', holiday, error: err };
  } finally {
    removingHoliday.value = null;
    await loadHolidays(holidaysYear.value ?? yearOf(holiday.date));
  }
}

/** Forget everything (on logout). */
export function resetHolidays(): void {
  seq++;
  holidays.value = [];
  holidaysYear.value = null;
  holidaysError.value = null;
  holidayDraft.value = null;
  holidayOutcome.value = null;
  removingHoliday.value = null;
}
