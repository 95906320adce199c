import { useSignal } from '@preact/signals';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { loadIntegrations, runConnector, type ConnectorView, type RunReport } from '../../store/integrations';
import { ConnectorForm } from './ConnectorForm';
import { RunReportView } from './RunReportView';
import { useSubmit } from '../../useSubmit';

/** One connector: its state, last run and webhook traffic; for admins run now, dry run and the settings form. */
export function ConnectorCard({ connector: c, admin }: { connector: ConnectorView; admin: boolean }) {
  const report = useSignal<RunReport | null>(null);
  const { busy, error, submit } = useSubmit();
  const editing = useSignal(false);

  async function run(dryRun: boolean) {
    report.value = null;
    await submit(async () => {
      report.value = await runConnector(c.key, dryRun);
      if (!dryRun) await loadIntegrations();
    });
  }

  const last = c.lastRun;
  return (
    <section class="card panel" data-testid="integration-connector" data-key={c.key} data-enabled={String(c.enabled)}>
      <div class="page-head">
        <h3>{t(`integrations.name.${c.key}`)}</h3>
        <span class={c.enabled && c.configured ? 'badge ok' : 'badge muted'}>
          {c.enabled ? (c.configured ? t('integrations.ready') : t('integrations.notConfigured')) : t('integrations.disabled')}
        </span>
      </div>
      <p class="muted small">
        {c.schedule ? t('integrations.scheduled', { cron: c.schedule }) : t('integrations.noSchedule')}
        {c.webhook && <> · {t('integrations.webhook', { path: c.webhook.path, received: c.webhook.received, at: c.webhook.lastReceivedAt ? formatDateTime(c.webhook.lastReceivedAt) : '—' })}</>}
      </p>
      <p class="small" data-testid="integration-last-run">
        {last
          ? `${t('integrations.lastRun', { at: formatDateTime(last.startedAt) })} · ${t(`integrations.status.${last.status}`)} · ${t('integrations.counts', { read: last.rowsRead, written: last.rowsWritten, quarantined: last.quarantined })}`
          : t('integrations.neverRan')}
      </p>
      {last?.error && <p class="error small">{last.error}</p>}
      {admin && (
        <div class="form-actions">
          <button type="button" disabled={busy.value || !c.configured} onClick={() => void run(false)} data-testid="integration-run">
            {t('integrations.runNow')}
          </button>
          <button type="button" disabled={busy.value || !c.configured || c.key === 'helpdesk'} onClick={() => void run(true)} data-testid="integration-dry-run">
            {t('integrations.dryRun')}
          </button>
          <button type="button" onClick={() => (editing.value = !editing.value)} data-testid="integration-edit">
            {editing.value ? t('integrations.closeSettings') : t('integrations.openSettings')}
          </button>
        </div>
      )}
      {error.value ? (
        <p class="error" role="alert">
          {errorText(error.value)}
        </p>
      ) : null}
      {report.value && <RunReportView report={report.value} />}
      {admin && editing.value && <ConnectorForm connector={c} />}
    </section>
  );
}
