import { COLORS } from '../charts/colors';
import type { ChartOption } from '../charts/echarts';
import { t } from '../../i18n';
import type { ProfileView } from '../../store/talent';

const palette = [COLORS.purple, COLORS.ok, COLORS.late, COLORS.missing, COLORS.muted];

/**
 * Grades over time as points (best grade = the scale's length … lowest = 1), the axis labelled with the grades; one
 * line for the final grade and one per skill, on the released cycles oldest first.
 */
export function gradesOverTime(v: ProfileView): ChartOption {
  const cycles = v.profile.results;
  const gradeOf = new Map(v.scale.map((g) => [g.points, g.key]));
  const top = v.scale.length;
  const line = (name: string, color: string, data: (number | null)[]) => ({ name, type: 'line', color, data, connectNulls: true, symbolSize: 8 });
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: cycles.map((c) => c.cycleName), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 1, max: top, interval: 1, axisLabel: { formatter: (p: number) => gradeOf.get(p) ?? '' } },
    series: [
      line(t('talent.profile.grade'), COLORS.accent, cycles.map((c) => c.points)),
      ...v.profile.skills.map((s, i) => line(s.skill, palette[i % palette.length], cycles.map((c) => s.scores.find((x) => x.cycleId === c.cycleId)?.points ?? null))),
    ],
  };
}
