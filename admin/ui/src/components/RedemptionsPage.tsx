import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { loadRedemptions, redemptions, redemptionsError, redemptionsLoading, statusFilter } from '../store/redemptions';
import { DecisionOutcome } from './DecisionOutcome';
import { PointsAdjustForm } from './PointsAdjustForm';
import { RedemptionFilter } from './RedemptionFilter';
import { RedemptionItem } from './RedemptionItem';

/** HR's queue of reward redemptions, plus manual points corrections (admin/HR). */
export function RedemptionsPage() {
  useEffect(() => {
    void loadRedemptions();
  }, []);

  const list = redemptions.value;
  return (
    <div class="page redemptions-page" data-testid="redemptions-page">
      <div class="page-head">
        <h2>{t('redemptions.title')}</h2>
        <RedemptionFilter />
      </div>
      <div class="redemptions-layout">
        <section class="redemption-queue" aria-label={t(`redemptions.status.${statusFilter.value}`)}>
          <DecisionOutcome />
          {redemptionsError.value ? (
            <p class="error" role="alert">
              {errorText(redemptionsError.value)}
            </p>
          ) : null}
          {list.length === 0 ? (
            <p class="muted empty card" data-testid="redemptions-empty">
              {redemptionsLoading.value ? t('app.loading') : t(`redemptions.empty.${statusFilter.value}`)}
            </p>
          ) : (
            <ul class="redemption-list" data-testid="redemption-list" data-status={statusFilter.value}>
              {list.map((r) => (
                <RedemptionItem key={r.id} item={r} />
              ))}
            </ul>
          )}
        </section>
        <PointsAdjustForm />
      </div>
    </div>
  );
}
