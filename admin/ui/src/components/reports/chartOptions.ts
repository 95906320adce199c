import { COLORS } from '../charts/colors';
import type { ChartOption } from '../charts/echarts';
import { formatRate } from '../../format';
import { t } from '../../i18n';
import type { BlockerWeek, CycleCompletion, OverdueWeek, Participation, PointsDistribution, WeekRate } from '../../store/reports';

/** A week key's short label on an axis: "2026-W48" → "W48". */
const short = (week: string) => week.slice(5);
const grid = { left: 8, right: 12, top: 36, bottom: 8, containLabel: true };
const legend = { top: 0, type: 'scroll' as const };

/** Standup participation per week: on time, late, not answered and excused, stacked. */
export function participationWeeks(p: Participation): ChartOption {
  const weeks = p.weeks.map((w) => short(w.week));
  const bar = (key: 'onTime' | 'late' | 'missing' | 'excused', color: string) => ({
    name: t(`dash.status.${key}`), type: 'bar', stack: 'all', color, data: p.weeks.map((w) => w[key]),
  });
  return {
    grid, legend, xAxis: { type: 'category', data: weeks }, yAxis: { type: 'value', minInterval: 1 },
    series: [bar('onTime', COLORS.ok), bar('late', COLORS.late), bar('missing', COLORS.missing), bar('excused', COLORS.muted)],
  };
}

/** The same per department over the whole range, as horizontal bars (long department names fit on a phone). */
export function participationDepartments(p: Participation): ChartOption {
  const depts = p.departments.map((d) => d.department || t('dash.noDepartment'));
  const bar = (key: 'onTime' | 'late' | 'missing' | 'excused', color: string) => ({
    name: t(`dash.status.${key}`), type: 'bar', stack: 'all', color, data: p.departments.map((d) => d[key]),
  });
  return {
    grid, legend, yAxis: { type: 'category', data: depts, inverse: true, axisLabel: { width: 110, overflow: 'truncate' } }, xAxis: { type: 'value', minInterval: 1 },
    series: [bar('onTime', COLORS.ok), bar('late', COLORS.late), bar('missing', COLORS.missing), bar('excused', COLORS.muted)],
  };
}

/** Blockers raised each week (bars) and still open (a line). */
export function blockers(weeks: BlockerWeek[]): ChartOption {
  return {
    grid, legend, xAxis: { type: 'category', data: weeks.map((w) => short(w.week)) }, yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('dash.blockers.raised'), type: 'bar', color: COLORS.late, data: weeks.map((w) => w.raised) },
      { name: t('dash.blockers.open'), type: 'line', color: COLORS.missing, data: weeks.map((w) => w.open) },
    ],
  };
}

/**
 * The check-in update rate of the company per week (a share, drawn as a percentage; a gap where nothing was due). The
 * categories are the full week keys (a click names the week), shown short; the selected week stands out.
 */
export function updateRate(weeks: { week: string; rate: number | null }[], selected = ''): ChartOption {
  return {
    grid, xAxis: { type: 'category', data: weeks.map((w) => w.week), axisLabel: { formatter: short } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    tooltip: { renderMode: 'richText', trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatRate(v / 100) : '—') },
    series: [
      {
        name: t('rate.rate'), type: 'bar', barMaxWidth: 36, label: { show: true, position: 'top', formatter: '{c}%' },
        data: weeks.map((w) => ({ value: w.rate === null ? null : Math.round(w.rate * 1000) / 10, itemStyle: { color: selected && w.week !== selected ? '#93c5fd' : COLORS.accent } })),
      },
    ],
  };
}

/** Overdue check-ins at each week's end, and whose they were. */
export function overdue(weeks: OverdueWeek[]): ChartOption {
  return {
    grid, legend, xAxis: { type: 'category', data: weeks.map((w) => short(w.week)) }, yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('dash.overdue.checkins'), type: 'line', color: COLORS.missing, areaStyle: { opacity: 0.12 }, data: weeks.map((w) => w.overdue) },
      { name: t('dash.overdue.people'), type: 'line', color: COLORS.purple, data: weeks.map((w) => w.people) },
    ],
  };
}

/** How many people scored in each band of points this month. */
export function points(d: PointsDistribution): ChartOption {
  return {
    grid, xAxis: { type: 'category', name: t('dash.points.axis'), nameLocation: 'middle', nameGap: 28, data: d.buckets.map((b) => (b.from === b.to ? String(b.from) : `${b.from}–${b.to}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('dash.points.people'), type: 'bar', color: COLORS.late, data: d.buckets.map((b) => b.count), label: { show: true, position: 'top' } }],
  };
}

/** Review completion per cycle: waiting for the self-review, for the manager, submitted. */
export function completion(cycles: CycleCompletion[]): ChartOption {
  const bar = (key: 'selfReview' | 'managerReview' | 'submitted', color: string) => ({
    name: t(`dash.completion.${key}`), type: 'bar', stack: 'all', color, data: cycles.map((c) => c[key]),
  });
  return {
    grid, legend, yAxis: { type: 'category', inverse: true, data: cycles.map((c) => c.name), axisLabel: { width: 110, overflow: 'truncate' } }, xAxis: { type: 'value', minInterval: 1 },
    series: [bar('selfReview', COLORS.muted), bar('managerReview', COLORS.late), bar('submitted', COLORS.ok)],
  };
}

export const companyRates = (weeks: WeekRate[]) => weeks.map((w) => ({ week: w.week, rate: w.company.rate }));
