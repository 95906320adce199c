import type { HrOverview } from '../../apiShapes';
import { formatRate } from '../../format';
import { t } from '../../i18n';

/** Per department: asked and answered this week. */
export function DepartmentTable({ overview }: { overview: HrOverview }) {
  const rows = overview.departments;
  return (
    <section class="card panel" data-testid="hr-departments" aria-labelledby="hr-departments-title">
      <h3 id="hr-departments-title">{t('hr.departments')}</h3>
      {rows.length === 0 ? (
        <p class="muted small">{t('hr.noDepartments')}</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th>{t('rate.department')}</th>
              <th class="num">{t('hr.stat.asked')}</th>
              <th class="num">{t('hr.stat.answered')}</th>
              <th class="num">{t('hr.stat.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.path} data-testid="hr-department" data-path={d.path}>
                <td class="rate-dept">{d.path || t('rate.noDepartment')}</td>
                <td class="num">{d.asked}</td>
                <td class="num">{d.answered}</td>
                <td class="num">{formatRate(d.asked ? d.answered / d.asked : null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
