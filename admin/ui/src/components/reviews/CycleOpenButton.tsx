import { useSignal } from '@preact/signals';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { openCycle } from '../../store/reviews';

/** HR and admin open a planned cycle: one review per person in scope (`no_template` when a function has none). */
export function CycleOpenButton({ cycleId }: { cycleId: number }) {
  const busy = useSignal(false);
  const error = useSignal<unknown>(null);
  async function onOpen() {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      await openCycle(cycleId);
    } catch (err) {
      error.value = err;
    } finally {
      busy.value = false;
    }
  }
  return (
    <div class="row-actions">
      <button type="button" class="small" data-testid="cycle-open-reviews" disabled={busy.value} onClick={onOpen}>
        {t('reviews.openCycle')}
      </button>
      {error.value ? (
        <p class="error small" role="alert" data-testid="cycle-open-error" data-code={errorCode(error.value)}>
          {errorText(error.value)}
        </p>
      ) : null}
    </div>
  );
}
