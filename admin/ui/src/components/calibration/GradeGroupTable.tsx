import type { GradeGroup } from '../../appealShapes';
import { t } from '../../i18n';

/** Counts per grade before calibration → final, one row per group (department or manager) and the total. */
export function GradeGroupTable({ title, label, groups, total, grades, testId }: { title: string; label: string; groups: GradeGroup[]; total: GradeGroup; grades: string[]; testId: string }) {
  return (
    <section class="card panel" data-testid={testId}>
      <h3>{title}</h3>
      <div class="table-scroll">
        <table class="data-table">
          <thead>
            <tr>
              <th>{label}</th>
              <th class="num">{t('report.people')}</th>
              {grades.map((g) => (
                <th key={g} class="num" title={t('report.beforeAfter')}>
                  {g}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...groups, { ...total, name: t('report.total') }].map((g) => (
              <tr key={g.name} data-testid="grade-group" data-name={g.name}>
                <td>{g.name}</td>
                <td class="num">{g.n}</td>
                {grades.map((k) => (
                  <td key={k} class={g.before[k] !== g.after[k] ? 'num row-highlight' : 'num'} data-grade={k}>
                    {g.before[k] === g.after[k] ? g.after[k] : `${g.before[k]} → ${g.after[k]}`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">{t('report.beforeAfter')}</p>
    </section>
  );
}
