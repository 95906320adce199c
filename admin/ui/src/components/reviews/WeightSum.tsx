import { formatNumber } from '../../format';
import { t } from '../../i18n';

/** The running sum of weights; red when it is not 100. */
export function WeightSum({ sum, label, testId }: { sum: number; label: string; testId: string }) {
  const ok = Math.abs(sum - 100) < 1e-9;
  return (
    <span class={ok ? 'weight-sum' : 'weight-sum weight-off'} data-testid={testId} data-sum={sum} data-ok={ok ? 'yes' : 'no'}>
      {label} {formatNumber(sum)} / 100{ok ? '' : ` · ${t('reviews.editor.not100')}`}
    </span>
  );
}
