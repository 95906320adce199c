import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { cycleReport, cycleReportFile } from '../../store/appeals';
import { hrefOf } from '../../store/route';
import { GradeGroupTable } from './GradeGroupTable';

/**
 * A cycle's report (`#/reviews/report/:id`): the distribution per department and per manager before calibration and
 * final, the change list (calibration and appeals) with reasons, and the exports — all limited to what the caller may see.
 */
export function CycleReportView({ cycleId }: { cycleId: number }) {
  const report = cycleReport.of(cycleId);
  useEffect(() => {
    void report.load();
  }, [cycleId]);
  const r = report.data.value;
  if (report.error.value && !r) return <p class="error" role="alert">{errorText(report.error.value)}</p>;
  if (!r) return <p class="muted">{t('app.loading')}</p>;
  return (
    <div class="stack" data-testid="cycle-report" data-id={r.cycle.id}>
      <div class="panel-head">
        <h3>{t('report.title', { name: r.cycle.name })}</h3>
        <span class="row-actions">
          <a class="button small" href={cycleReportFile(cycleId, 'csv')} download data-testid="report-csv">
            CSV
          </a>
          <a class="button small" href={cycleReportFile(cycleId, 'xlsx')} download data-testid="report-xlsx">
            XLSX
          </a>
          <a class="small" href={hrefOf('reviews', `cycles/${cycleId}`)}>
            {t('reviews.backTo', { name: r.cycle.name })}
          </a>
        </span>
      </div>
      <GradeGroupTable title={t('report.byDepartment')} label={t('calibration.department')} groups={r.byDepartment} total={r.total} grades={r.grades} testId="report-departments" />
      <GradeGroupTable title={t('report.byManager')} label={t('calibration.manager')} groups={r.byManager} total={r.total} grades={r.grades} testId="report-managers" />
      <section class="card panel" data-testid="report-changes">
        <h3>{t('report.changes', { count: r.changes.length })}</h3>
        {r.changes.length === 0 ? (
          <p class="muted">{t('calibration.noChanges')}</p>
        ) : (
          <ul class="plain-list">
            {r.changes.map((c, i) => (
              <li key={i} class="plain-item" data-testid="report-change" data-source={c.source}>
                <span class="plain-main">{`${c.name} · ${c.before ?? '—'} → ${c.after ?? '—'}`}</span>
                <span class="badge">{t(`report.source.${c.source}`)}</span>
                <span class="cell-sub">{[c.department, c.actor, formatDateTime(c.at)].filter(Boolean).join(' · ')}</span>
                <p class="cell-sub small">{t('calibration.changeReason', { reason: c.reason })}</p>
                {c.overrideReason && <p class="cell-sub small">{t('calibration.changeOverride', { reason: c.overrideReason })}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
