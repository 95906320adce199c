import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { hasKey, t } from '../../i18n';
import { auditEntries, auditError, auditLoading, auditNext, chainCheck, chainChecking, chainError, loadAudit, verifyChain, type AuditEntry } from '../../store/audit';
import { AuditFilterForm } from './AuditFilterForm';

const compact = (value: unknown): string => (value === null || value === undefined ? '—' : JSON.stringify(value));

function AuditRow({ entry }: { entry: AuditEntry }) {
  const entity = hasKey(`audit.entityName.${entry.entity}`) ? t(`audit.entityName.${entry.entity}`) : entry.entity;
  return (
    <tr data-testid="audit-entry" data-id={entry.id} data-entity={entry.entity}>
      <td class="audit-at">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        <div class="muted">#{entry.id}</div>
      </td>
      <td class="audit-actor" data-testid="audit-actor-cell">
        {entry.actorEmail ?? entry.actor}
        {entry.actorEmail ? <div class="muted small">{entry.actor}</div> : null}
      </td>
      <td class="audit-what">
        <code>{entry.action}</code>
        <div class="muted">
          {entity} {entry.entityId}
        </div>
      </td>
      <td class="audit-change">
        <code data-testid="audit-before">{compact(entry.before)}</code>
        <span aria-hidden="true"> → </span>
        <code data-testid="audit-after">{compact(entry.after)}</code>
      </td>
      <td class="audit-reason">{entry.reason ?? ''}</td>
    </tr>
  );
}

function ChainVerdict() {
  if (chainError.value) return <span class="error" role="alert">{errorText(chainError.value)}</span>;
  const check = chainCheck.value;
  if (!check) return null;
  return check.ok ? (
    <span class="audit-chain ok" data-testid="audit-chain" data-ok="true" role="status">
      {t('audit.chain.intact', { rows: check.rows })}
    </span>
  ) : (
    <span class="audit-chain broken error" data-testid="audit-chain" data-ok="false" role="alert">
      {t('audit.chain.broken', { id: check.brokenAt ?? 0 })}
    </span>
  );
}

/** HR's and admins' view of the audit trail: filters, the entries newest first, and the hash-chain check. */
export function AuditPage() {
  useEffect(() => {
    void loadAudit();
  }, []);
  const list = auditEntries.value;
  return (
    <div class="page audit-page" data-testid="audit-page">
      <div class="page-head">
        <h2>{t('audit.title')}</h2>
        <div class="audit-verify">
          <button type="button" data-testid="audit-verify" disabled={chainChecking.value} onClick={() => void verifyChain()}>
            {chainChecking.value ? t('audit.chain.checking') : t('audit.chain.verify')}
          </button>
          <ChainVerdict />
        </div>
      </div>
      <AuditFilterForm />
      {auditError.value ? (
        <p class="error" role="alert">
          {errorText(auditError.value)}
        </p>
      ) : null}
      {list.length === 0 ? (
        <p class="muted empty card" data-testid="audit-empty">
          {auditLoading.value ? t('app.loading') : t('audit.empty')}
        </p>
      ) : (
        <div class="card audit-table-wrap">
          <table class="audit-table" data-testid="audit-list">
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.what')}</th>
                <th scope="col">{t('audit.col.change')}</th>
                <th scope="col">{t('audit.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <AuditRow key={e.id} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {auditNext.value ? (
        <button type="button" data-testid="audit-more" disabled={auditLoading.value} onClick={() => void loadAudit(true)}>
          {auditLoading.value ? t('app.loading') : t('audit.more')}
        </button>
      ) : null}
    </div>
  );
}
