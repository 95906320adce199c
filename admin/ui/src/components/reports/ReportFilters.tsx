import { t } from '../../i18n';
import { reportData, reportFilters, setReportFilters } from '../../store/reports';

/** The dashboards' filters: a date range, a department (from those in the data) and the points month; applied at once. */
export function ReportFilters() {
  const f = reportFilters.value;
  const departments = reportData.value?.participation.departments.map((d) => d.department).filter(Boolean) ?? [];
  const badRange = !!f.from && !!f.to && f.from > f.to;
  return (
    <form class="filters" role="search" data-testid="dash-filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>{t('dash.from')}</span>
        <input type="date" required data-testid="dash-from" aria-invalid={badRange || undefined} value={f.from} onChange={(e) => setReportFilters({ from: e.currentTarget.value })} />
      </label>
      <label>
        <span>{t('dash.to')}</span>
        <input type="date" required data-testid="dash-to" aria-invalid={badRange || undefined} value={f.to} onChange={(e) => setReportFilters({ to: e.currentTarget.value })} />
      </label>
      <label>
        <span>{t('dash.department')}</span>
        <input type="text" list="dash-departments" data-testid="dash-department" placeholder={t('dash.allDepartments')} value={f.department} onChange={(e) => setReportFilters({ department: e.currentTarget.value })} />
        <datalist id="dash-departments">
          {departments.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
      </label>
      <label>
        <span>{t('dash.month')}</span>
        <input type="month" data-testid="dash-month" value={f.month} onChange={(e) => setReportFilters({ month: e.currentTarget.value })} />
      </label>
      {badRange ? (
        <p class="error" role="alert">
          {t('rate.badRange')}
        </p>
      ) : null}
    </form>
  );
}
