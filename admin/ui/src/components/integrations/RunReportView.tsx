import { formatNumber } from '../../format';
import { t } from '../../i18n';
import type { RunReport } from '../../store/integrations';

/** What a run (or a dry run) wrote or would write: counts, the changed values, and what was quarantined. */
export function RunReportView({ report }: { report: RunReport }) {
  return (
    <div class="card panel" data-testid="integration-report" data-status={report.status}>
      <p role="status">
        {t(`integrations.status.${report.status}`)} · {t('integrations.counts', { read: report.rowsRead, written: report.rowsWritten, quarantined: report.quarantined })}
      </p>
      {report.error && <p class="error">{report.error}</p>}
      {report.changes.length > 0 && (
        <table class="audit-table" data-testid="integration-changes">
          <thead>
            <tr>
              <th>{t('integrations.col.person')}</th>
              <th>{t('integrations.col.metric')}</th>
              <th>{t('integrations.col.period')}</th>
              <th>{t('integrations.col.change')}</th>
              <th>{t('integrations.col.ref')}</th>
            </tr>
          </thead>
          <tbody>
            {report.changes.map((c) => (
              <tr key={`${c.email}:${c.metric}:${c.period}`}>
                <td>{c.email}</td>
                <td>{c.metric}</td>
                <td>{c.period}</td>
                <td>
                  {c.before === null ? '—' : formatNumber(c.before, 4)} → {formatNumber(c.after, 4)}
                </td>
                <td class="muted small">{c.ref}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.quarantine && report.quarantine.length > 0 && (
        <ul class="plain-list" data-testid="integration-report-quarantine">
          {report.quarantine.map((q) => (
            <li key={q.ref} class="plain-item">
              <span class="plain-main">{q.ref}</span>
              <span class="cell-sub">{q.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
