import { t, type Locale } from '../../i18n';
import type { WeekRate } from '../goals/updateRate';
import type { CellValue } from '../exports/xlsxWorkbook';
import type { BlockerWeek } from './blockerTrend';
import type { OverdueWeek } from './overdueTrend';
import type { PointsDistribution } from './pointsDistribution';
import type { CycleCompletion } from './reviewCompletion';
import type { RoleDashboard } from './roleDashboard';
import type { Participation } from './standupParticipation';

export interface Table {
  header: string[];
  rows: CellValue[][];
}

const col = (locale: Locale, key: string) => t(locale, `report.col.${key}`);

/**
 * Each dashboard chart's data as a table (the CSV export of the chart), headers in the reader's language. The same
 * numbers the chart draws, one row per bar or point.
 */
export const reportTables = {
  participation(p: Participation, locale: Locale): Table {
    const h = (k: string) => col(locale, k);
    return {
      header: [h('week'), h('department'), h('asked'), h('onTime'), h('late'), h('missing'), h('excused')],
      rows: [
        ...p.weeks.map((w) => [w.week, '', w.asked, w.onTime, w.late, w.missing, w.excused]),
        ...p.departments.map((d) => ['', d.department, d.asked, d.onTime, d.late, d.missing, d.excused]),
      ],
    };
  },
  blockers(weeks: BlockerWeek[], locale: Locale): Table {
    return { header: [col(locale, 'week'), col(locale, 'raised'), col(locale, 'open')], rows: weeks.map((w) => [w.week, w.raised, w.open]) };
  },
  overdue(weeks: OverdueWeek[], locale: Locale): Table {
    return { header: [col(locale, 'week'), col(locale, 'asOf'), col(locale, 'overdue'), col(locale, 'people')], rows: weeks.map((w) => [w.week, w.asOf, w.overdue, w.people]) };
  },
  points(d: PointsDistribution, locale: Locale): Table {
    return { header: [col(locale, 'month'), col(locale, 'from'), col(locale, 'to'), col(locale, 'people')], rows: d.buckets.map((b) => [d.month, b.from, b.to, b.count]) };
  },
  reviewCompletion(cycles: CycleCompletion[], locale: Locale): Table {
    const h = (k: string) => col(locale, k);
    return {
      header: [h('cycle'), h('period'), h('total'), h('selfReview'), h('managerReview'), h('submitted')],
      rows: cycles.map((c) => [c.name, `${c.periodStart} – ${c.periodEnd}`, c.total, c.selfReview, c.managerReview, c.submitted]),
    };
  },
  updateRate(weeks: WeekRate[], locale: Locale): Table {
    const h = (k: string) => col(locale, k);
    return {
      header: [h('week'), h('department'), h('due'), h('onTimeCheckins'), h('rate')],
      rows: weeks.flatMap((w) => [[w.week, '', w.company.due, w.company.onTime, w.company.rate], ...w.departments.map((d) => [w.week, d.department, d.due, d.onTime, d.rate])]),
    };
  },
  roles(d: RoleDashboard, locale: Locale): Table {
    return {
      header: [col(locale, 'metric'), col(locale, 'unit'), ...d.months],
      rows: d.series.map((s) => [s.label[locale], s.unit, ...s.values]),
    };
  },
};
