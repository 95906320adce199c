import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { connectors, integrationRuns, loadIntegrations, quarantineItems, uploadHelpdesk } from '../../store/integrations';
import { currentUser } from '../../store/session';
import { CsvImportForm } from '../CsvImportForm';
import { ConnectorCard } from './ConnectorCard';

const ZENDESK_COLUMNS = 'Id,Assignee,Created at,Satisfaction Score,First reply time in minutes,Full resolution time in minutes';

/** Admin (HR reads): the connectors, their last runs and error log, the quarantine, and the helpdesk upload. */
export function IntegrationsPage() {
  const dryUpload = useSignal(false);
  useEffect(() => {
    void loadIntegrations();
  }, []);
  const admin = currentUser.value?.role === 'admin';
  const list = connectors.data.value ?? [];
  return (
    <div class="page integrations-page" data-testid="integrations-page">
      <div class="page-head">
        <h2>{t('integrations.title')}</h2>
      </div>
      {connectors.error.value ? (
        <p class="error" role="alert">
          {errorText(connectors.error.value)}
        </p>
      ) : null}
      {list.map((c) => (
        <ConnectorCard key={c.key} connector={c} admin={admin} />
      ))}
      {admin && (
        <section class="card panel" data-testid="helpdesk-upload">
          <h3>{t('integrations.helpdeskUpload')}</h3>
          <label class="checkbox">
            <input type="checkbox" data-testid="helpdesk-dry-run" checked={dryUpload.value} onChange={(e) => (dryUpload.value = e.currentTarget.checked)} />
            <span>{t('integrations.helpdeskDryRun')}</span>
          </label>
          <CsvImportForm
            testId="helpdesk-import"
            header={ZENDESK_COLUMNS}
            keys={{ hint: 'integrations.helpdeskHint', done: dryUpload.value ? 'integrations.helpdeskDryDone' : 'integrations.helpdeskDone', refused: 'integrations.helpdeskRefused' }}
            submit={async (csv) => {
              const r = await uploadHelpdesk(csv, dryUpload.value);
              if (!r.dryRun) void loadIntegrations();
              return { total: r.rows, created: r.metrics, updated: r.people };
            }}
          />
        </section>
      )}
      <section class="card panel" data-testid="integration-runs">
        <h3>{t('integrations.runs')}</h3>
        {(integrationRuns.data.value ?? []).length === 0 ? (
          <p class="muted small">{t('integrations.noRuns')}</p>
        ) : (
          <table class="audit-table">
            <tbody>
              {(integrationRuns.data.value ?? []).map((r) => (
                <tr key={r.id} data-testid="integration-run-row" data-status={r.status}>
                  <td>{formatDateTime(r.startedAt)}</td>
                  <td>{t(`integrations.name.${r.connector}`)}</td>
                  <td>{t(`integrations.trigger.${r.trigger}`)}</td>
                  <td>{t(`integrations.status.${r.status}`)}</td>
                  <td>{t('integrations.counts', { read: r.rowsRead, written: r.rowsWritten, quarantined: r.quarantined })}</td>
                  <td class="error small">{r.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card panel" data-testid="integration-quarantine">
        <h3>{t('integrations.quarantine')}</h3>
        {(quarantineItems.data.value ?? []).length === 0 ? (
          <p class="muted small">{t('integrations.noQuarantine')}</p>
        ) : (
          <ul class="plain-list">
            {(quarantineItems.data.value ?? []).map((q) => (
              <li key={q.id} class="plain-item" data-testid="quarantine-item">
                <span class="plain-main">
                  {t(`integrations.name.${q.connector}`)} · {q.ref}
                </span>
                <span class="cell-sub">
                  {q.reason} · {formatDateTime(q.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
