import { useSignal } from '@preact/signals';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { clearFlag } from '../../store/reviews';
import { useSubmit } from '../../useSubmit';

/** HR clears a flag, saying why. */
export function ClearFlagForm({ reviewId, flag }: { reviewId: number; flag: string }) {
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit();
  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!reason.value.trim()) return;
    await submit(async () => {
      await clearFlag(reviewId, flag, reason.value.trim());
    });
  }
  return (
    <details class="clear-flag">
      <summary data-testid="flag-clear-open">{t('reviews.clearFlag')}</summary>
      <form onSubmit={onSubmit} class="stack">
        <label>
          <span>{t('reviews.clearReason')}</span>
          <input data-testid="flag-clear-reason" required maxLength={500} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
        </label>
        {error.value ? <p class="error small" role="alert">{errorText(error.value)}</p> : null}
        <button type="submit" data-testid="flag-clear-submit" disabled={busy.value || !reason.value.trim()}>
          {t('reviews.clearFlag')}
        </button>
      </form>
    </details>
  );
}
