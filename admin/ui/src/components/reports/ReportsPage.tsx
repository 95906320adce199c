import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { isStaff } from '../../store/route';
import { loadReports, reportData, reportError, reportLoading } from '../../store/reports';
import { CycleReportCard } from './CycleReportCard';
import { DashboardCharts } from './DashboardCharts';
import { ReportFilters } from './ReportFilters';
import { RoleDashboards } from './RoleDashboards';
import '../charts/charts.css';

/**
 * Dashboards (看板): standup participation, blockers, the update rate, the overdue trend, points and review completion
 * for the people the reader may see (yourself; your subtree; everyone for HR), HR's cycle report, and the role
 * dashboards from the metric store.
 */
export function ReportsPage() {
  useEffect(() => {
    void loadReports();
  }, []);
  return (
    <div class="page reports-page" data-testid="reports-page">
      <div class="page-head">
        <h2>{t('dash.title')}</h2>
      </div>
      <p class="muted small">{t('dash.scope')}</p>
      <ReportFilters />
      {reportError.value ? (
        <p class="error" role="alert" data-testid="dash-error">
          {errorText(reportError.value)}
        </p>
      ) : null}
      {!reportData.value && reportLoading.value ? <p class="muted">{t('app.loading')}</p> : null}
      {isStaff.value ? <CycleReportCard /> : null}
      <DashboardCharts />
      <RoleDashboards />
    </div>
  );
}
