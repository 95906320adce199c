import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { pathReport, reportFile } from '../../../store/development';

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);

/** Path completion per template and per department (departments under 5 people hidden), with its exports. */
export function PathReportCard() {
  const r = pathReport.data.value;
  if (pathReport.error.value && !r) return <p class="error" role="alert">{errorText(pathReport.error.value)}</p>;
  if (!r) return null;
  const rows = [...r.paths.map((p) => ({ key: `p${p.pathId}`, label: p.name, f: p })), ...r.departments.map((d) => ({ key: `d${d.department}`, label: `${d.department} (${d.people})`, f: d }))];
  return (
    <section class="card panel" data-testid="path-report" aria-labelledby="path-report-title">
      <div class="page-head">
        <h3 id="path-report-title">{t('talent.paths.report')}</h3>
        <span class="small">
          <a href={reportFile('paths', 'csv')} download>CSV</a> · <a href={reportFile('paths', 'xlsx')} download>XLSX</a>
        </span>
      </div>
      <div class="table-scroll">
        <table class="data-table stack-table">
          <thead>
            <tr>
              <th>{t('talent.paths.path')}</th>
              <th class="num">{t('talent.paths.col.assigned')}</th>
              <th class="num">{t('talent.paths.col.completed')}</th>
              <th class="num">{t('talent.paths.col.overdue')}</th>
              <th class="num">{t('talent.paths.col.completion')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, label, f }) => (
              <tr key={key} data-testid="path-report-row">
                <td>{label}</td>
                <td class="num">{f.assigned}</td>
                <td class="num">{f.completed}</td>
                <td class="num">{f.overdueMilestones}</td>
                <td class="num">{pct(f.completion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.hiddenGroups > 0 ? <p class="small muted">{t('talent.paths.hidden', { count: r.hiddenGroups, min: r.minGroup })}</p> : null}
    </section>
  );
}
