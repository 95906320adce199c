import { signal } from '@preact/signals';
import { api } from '../api';
import { lastWeeks, todayLocal } from '../dates';
import { locale } from '../i18n';
import type { BlockerWeek } from '../../../../bot/services/reports/blockerTrend';
import type { OverdueWeek } from '../../../../bot/services/reports/overdueTrend';
import type { PointsDistribution } from '../../../../bot/services/reports/pointsDistribution';
import type { CycleCompletion } from '../../../../bot/services/reports/reviewCompletion';
import type { RoleDashboard } from '../../../../bot/services/reports/roleDashboard';
import type { Participation } from '../../../../bot/services/reports/standupParticipation';
import type { WeekRate } from '../types';

export type { BlockerWeek, CycleCompletion, OverdueWeek, Participation, PointsDistribution, RoleDashboard, WeekRate };

/** The dashboards' filters: a date range, one department (with its sub-departments) or all, and the points month. */
export interface ReportFilters {
  from: string;
  to: string;
  department: string;
  month: string;
}

export interface ReportData {
  participation: Participation;
  blockers: BlockerWeek[];
  overdue: OverdueWeek[];
  updateRate: WeekRate[];
  points: PointsDistribution;
  completion: CycleCompletion[];
}

const defaults = (): ReportFilters => ({ ...lastWeeks(todayLocal(), 12), department: '', month: todayLocal().slice(0, 7) });

export const reportFilters = signal<ReportFilters>(defaults());
export const reportData = signal<ReportData | null>(null);
export const reportLoading = signal(false);
export const reportError = signal<unknown>(null);

/** The query of a report with the current filters (and, for a CSV link, the format and the console's language). */
export function reportQuery(kind: 'range' | 'month' | 'none', format?: 'csv'): string {
  const f = reportFilters.value;
  const q = new URLSearchParams(kind === 'range' ? { from: f.from, to: f.to } : kind === 'month' ? { month: f.month } : {});
  if (f.department.trim()) q.set('department', f.department.trim());
  if (format) {
    q.set('format', format);
    q.set('locale', locale.value);
  }
  return q.toString();
}

let seq = 0;

/** Loads every chart's data at once (six small grouped queries on the server). */
export async function loadReports(): Promise<void> {
  const mine = ++seq;
  reportLoading.value = true;
  try {
    const range = reportQuery('range');
    const [participation, blockers, overdue, updateRate, points, completion] = await Promise.all([
      api.get<Participation>(`/api/reports/participation?${range}`),
      api.get<{ weeks: BlockerWeek[] }>(`/api/reports/blockers?${range}`),
      api.get<{ weeks: OverdueWeek[] }>(`/api/reports/overdue?${range}`),
      api.get<{ weeks: WeekRate[] }>(`/api/reports/update-rate?${range}`),
      api.get<PointsDistribution>(`/api/reports/points?${reportQuery('month')}`),
      api.get<{ cycles: CycleCompletion[] }>(`/api/reports/review-completion?${reportQuery('none')}`),
    ]);
    if (mine !== seq) return;
    reportData.value = { participation, blockers: blockers.weeks, overdue: overdue.weeks, updateRate: updateRate.weeks, points, completion: completion.cycles };
    reportError.value = null;
  } catch (err) {
    if (mine === seq) reportError.value = err;
  } finally {
    if (mine === seq) reportLoading.value = false;
  }
}

export function setReportFilters(next: Partial<ReportFilters>): void {
  reportFilters.value = { ...reportFilters.value, ...next };
  const f = reportFilters.value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.from) && /^\d{4}-\d{2}-\d{2}$/.test(f.to) && f.from <= f.to && /^\d{4}-\d{2}$/.test(f.month)) void loadReports();
}

/** Role dashboards: a job function, a month range, and one person (e-mail) or the team in scope. */
export interface RoleFilters {
  fn: 'sales' | 'rnd' | 'support';
  from: string;
  to: string;
  email: string;
  /** One department (and its sub-departments) of the team, or '' for all. */
  department: string;
}

const monthsBack = (n: number) => {
  const d = new Date();
  d.setMonth(d.getMonth() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

export const roleFilters = signal<RoleFilters>({ fn: 'sales', from: monthsBack(5), to: monthsBack(0), email: '', department: '' });
export const roleData = signal<RoleDashboard | null>(null);
export const roleError = signal<unknown>(null);
export const roleLoading = signal(false);
let roleSeq = 0;

export function roleQuery(format?: 'csv'): string {
  const f = roleFilters.value;
  const q = new URLSearchParams({ function: f.fn, from: f.from, to: f.to });
  if (f.email.trim()) q.set('email', f.email.trim());
  else if (f.department.trim()) q.set('department', f.department.trim());
  if (format) {
    q.set('format', format);
    q.set('locale', locale.value);
  }
  return q.toString();
}

export async function loadRoles(): Promise<void> {
  const mine = ++roleSeq;
  roleLoading.value = true;
  try {
    const data = await api.get<RoleDashboard>(`/api/reports/roles?${roleQuery()}`);
    if (mine !== roleSeq) return;
    roleData.value = data;
    roleError.value = null;
  } catch (err) {
    if (mine === roleSeq) roleError.value = err;
  } finally {
    if (mine === roleSeq) roleLoading.value = false;
  }
}

export function setRoleFilters(next: Partial<RoleFilters>): void {
  roleFilters.value = { ...roleFilters.value, ...next };
  const f = roleFilters.value;
  if (/^\d{4}-\d{2}$/.test(f.from) && /^\d{4}-\d{2}$/.test(f.to) && f.from <= f.to) void loadRoles();
}

export function resetReports(): void {
  seq++;
  roleSeq++;
  reportFilters.value = defaults();
  reportData.value = null;
  roleData.value = null;
}
