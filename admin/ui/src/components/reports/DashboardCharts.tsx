import { EChart } from '../charts/EChart';
import { ChartCard } from '../charts/ChartCard';
import { t } from '../../i18n';
import { reportData, reportQuery } from '../../store/reports';
import * as opt from './chartOptions';

/** Every dashboard chart of the data loaded, each with its PNG and CSV exports. */
export function DashboardCharts() {
  const d = reportData.value;
  if (!d) return null;
  const range = reportQuery('range', 'csv');
  const total = d.participation.weeks.reduce((s, w) => s + w.asked, 0);
  return (
    <div class="dash-grid">
      <ChartCard id="participation" title={t('dash.participation.weeks')} csvHref={`/api/reports/participation?${range}`} note={t('dash.participation.note', { asked: total })}>
        {(onChart) => <EChart testid="echart-participation" label={t('dash.participation.weeks')} option={opt.participationWeeks(d.participation)} onChart={onChart} />}
      </ChartCard>
      <ChartCard id="departments" title={t('dash.participation.departments')} csvHref={`/api/reports/participation?${range}`}>
        {(onChart) => (
          <EChart testid="echart-departments" label={t('dash.participation.departments')} height={Math.max(200, 40 + d.participation.departments.length * 26)} option={opt.participationDepartments(d.participation)} onChart={onChart} />
        )}
      </ChartCard>
      <ChartCard id="blockers" title={t('dash.blockers.title')} csvHref={`/api/reports/blockers?${range}`} note={t('dash.blockers.note')}>
        {(onChart) => <EChart testid="echart-blockers" label={t('dash.blockers.title')} option={opt.blockers(d.blockers)} onChart={onChart} />}
      </ChartCard>
      <ChartCard id="update-rate" title={t('rate.chartTitle')} csvHref={`/api/reports/update-rate?${range}`}>
        {(onChart) => <EChart testid="echart-update-rate" label={t('rate.chartTitle')} option={opt.updateRate(opt.companyRates(d.updateRate))} onChart={onChart} />}
      </ChartCard>
      <ChartCard id="overdue" title={t('dash.overdue.title')} csvHref={`/api/reports/overdue?${range}`} note={t('dash.overdue.note')}>
        {(onChart) => <EChart testid="echart-overdue" label={t('dash.overdue.title')} option={opt.overdue(d.overdue)} onChart={onChart} />}
      </ChartCard>
      <ChartCard id="points" title={t('dash.points.title', { month: d.points.month })} csvHref={`/api/reports/points?${reportQuery('month', 'csv')}`} note={t('dash.points.note', { people: d.points.people, mean: d.points.mean, median: d.points.median, max: d.points.max })}>
        {(onChart) => <EChart testid="echart-points" label={t('dash.points.title', { month: d.points.month })} option={opt.points(d.points)} onChart={onChart} />}
      </ChartCard>
      <ChartCard id="completion" title={t('dash.completion.title')} csvHref={`/api/reports/review-completion?${reportQuery('none', 'csv')}`}>
        {(onChart) =>
          d.completion.length === 0 ? (
            <p class="muted" data-testid="completion-empty">{t('dash.completion.none')}</p>
          ) : (
            <EChart testid="echart-completion" label={t('dash.completion.title')} height={Math.max(180, 60 + d.completion.length * 34)} option={opt.completion(d.completion)} onChart={onChart} />
          )
        }
      </ChartCard>
    </div>
  );
}
