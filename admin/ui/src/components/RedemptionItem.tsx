import { useSignal } from '@preact/signals';
import { formatDateTime, kindLabel, localName } from '../format';
import { t } from '../i18n';
import { decide, deciding, type Decision } from '../store/redemptions';
import type { Redemption } from '../types';

export function RedemptionItem({ item }: { item: Redemption }) {
  const note = useSignal('');
  const busy = deciding.value !== null;

  function onDecide(decision: Decision) {
    if (!busy) void decide(item, decision, note.value);
  }

  return (
    <li class="card redemption-item" data-testid="redemption-item" data-id={item.id} data-status={item.status} data-email={item.email}>
      <div class="redemption-head">
        <div class="redemption-who">
          <strong data-testid="redemption-name">{item.name}</strong>
          <span class="cell-sub">{item.email}</span>
        </div>
        <span class={`badge status-${item.status}`} data-testid="redemption-status">
          {t(`redemptions.status.${item.status}`)}
        </span>
      </div>
      <div class="redemption-what">
        <span class="reward-name-inline">{localName(item.rewardZh, item.rewardEn)}</span>
        <span class="badge">{kindLabel(item.kind, item.hours)}</span>
        <span class="muted">{t('points.value', { points: item.cost })}</span>
      </div>
      <div class="cell-sub">
        {t('redemptions.requestedAt', { time: formatDateTime(item.requestedAt) })}
        {item.decidedAt && ` · ${t('redemptions.decidedAt', { time: formatDateTime(item.decidedAt) })}`}
      </div>
      {item.decisionNote && <div class="redemption-note">{t('redemptions.noteShown', { note: item.decisionNote })}</div>}
      {item.status === 'pending' && !item.canDecide && (
        // Only one's own request is undecidable for HR/admin (own_redemption): say who must decide it instead of buttons.
        <p class="muted small" data-testid="redemption-own">
          {t('redemptions.ownRequest')}
        </p>
      )}
      {item.status === 'pending' && item.canDecide && (
        <div class="redemption-actions">
          <input
            data-testid="redemption-note"
            maxLength={500}
            placeholder={t('redemptions.notePlaceholder')}
            aria-label={t('redemptions.notePlaceholder')}
            value={note.value}
            onInput={(e) => (note.value = e.currentTarget.value)}
          />
          <button type="button" class="primary" data-testid="redemption-approve" disabled={busy} onClick={() => onDecide('approve')}>
            {deciding.value === item.id ? t('form.saving') : t('redemptions.approve')}
          </button>
          <button type="button" class="danger" data-testid="redemption-reject" disabled={busy} onClick={() => onDecide('reject')}>
            {t('redemptions.reject')}
          </button>
        </div>
      )}
    </li>
  );
}
