import { ApiError } from '../api';
import { errorText } from '../errors';
import { localName } from '../format';
import { t } from '../i18n';
import { lastDecision } from '../store/redemptions';

/** What happened to the last approve/reject click: done, or why not (409: someone decided first). */
export function DecisionOutcome() {
  const outcome = lastDecision.value;
  if (!outcome) return null;
  const params = { name: outcome.item.name, reward: localName(outcome.item.rewardZh, outcome.item.rewardEn) };
  const err = outcome.error;
  if (err) {
    const text =
      err instanceof ApiError && err.status === 409
        ? t('redemptions.alreadyDecided', params)
        : t('redemptions.decisionFailed', { ...params, error: errorText(err) });
    return (
      <p class="notice notice-error" role="alert" data-testid="redemption-error" data-id={outcome.item.id}>
        {text}
      </p>
    );
  }
  return (
    <p class="notice notice-ok" role="status" data-testid="redemption-done" data-id={outcome.item.id} data-decision={outcome.decision}>
      {t(outcome.decision === 'approve' ? 'redemptions.approvedDone' : 'redemptions.rejectedDone', params)}
    </p>
  );
}
