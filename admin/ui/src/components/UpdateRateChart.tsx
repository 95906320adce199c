import { weeksBetween } from '../dates';
import { formatDate, formatRate } from '../format';
import { t } from '../i18n';
import { rateFrom, rateLoading, rateTo, rateWeek, rateWeeks } from '../store/updateRate';
import type { Chart } from './charts/echarts';
import { EChart } from './charts/EChart';
import { updateRate } from './reports/chartOptions';

/**
 * The company's update rate per ISO week of the range, as ECharts bars (a gap where nothing was due); clicking a bar
 * picks the week the department table shows. The same figures are in a table for screen readers (the canvas has no
 * text of its own).
 */
export function UpdateRateChart({ onChart }: { onChart?: (chart: Chart | null) => void }) {
  const slots = weeksBetween(rateFrom.value, rateTo.value);
  const byWeek = new Map(rateWeeks.value.map((w) => [w.week, w]));
  const weeks = slots.map((s) => ({ ...s, cell: byWeek.get(s.week)?.company }));
  const anyData = weeks.some((w) => w.cell?.rate != null);
  const label = t('rate.chartLabel', { from: formatDate(rateFrom.value), to: formatDate(rateTo.value) });
  return (
    <div class="rate-chart" data-testid="rate-chart" data-weeks={slots.length}>
      {anyData && (
        <EChart
          testid="echart-rate"
          label={label}
          height={220}
          option={updateRate(weeks.map((w) => ({ week: w.week, rate: w.cell?.rate ?? null })), rateWeek.value)}
          onChart={onChart}
          onPick={(week) => {
            if (byWeek.get(week)?.company.rate != null) rateWeek.value = rateWeek.value === week ? '' : week;
          }}
        />
      )}
      <table class="sr-only">
        <caption>{label}</caption>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week} data-testid="rate-week" data-week={w.week} data-rate={w.cell?.rate ?? ''} data-due={w.cell?.due ?? 0} data-on-time={w.cell?.onTime ?? 0}>
              <th scope="row">
                {w.cell?.rate == null
                  ? t('rate.barEmpty', { week: w.week, monday: formatDate(w.monday) })
                  : t('rate.barTitle', { week: w.week, monday: formatDate(w.monday), rate: formatRate(w.cell.rate), onTime: w.cell.onTime, due: w.cell.due })}
              </th>
              <td class="rate-value">{formatRate(w.cell?.rate ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {anyData && slots.length > 0 && <p class="muted small rate-note">{t('rate.legendNone')}</p>}
      {!anyData && (
        <p class="muted small rate-empty" data-testid="rate-empty">
          {rateLoading.value ? t('app.loading') : t('rate.empty')}
        </p>
      )}
    </div>
  );
}
