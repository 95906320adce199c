import { t } from '../i18n';
import { setStatusFilter, STATUS_FILTERS, statusFilter } from '../store/redemptions';

export function RedemptionFilter() {
  return (
    <div class="segmented" role="group" aria-label={t('redemptions.filter')}>
      {STATUS_FILTERS.map((s) => (
        <button
          key={s}
          type="button"
          data-testid="redemption-filter"
          data-status={s}
          aria-pressed={statusFilter.value === s}
          onClick={() => setStatusFilter(s)}
        >
          {t(`redemptions.status.${s}`)}
        </button>
      ))}
    </div>
  );
}
