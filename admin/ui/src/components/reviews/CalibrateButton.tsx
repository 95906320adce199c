import { useSignal } from '@preact/signals';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { startCalibration } from '../../store/calibration';
import { calibrationHref } from '../../store/route';

/** HR and admin start a calibration session over an open cycle and go to it. */
export function CalibrateButton({ cycleId }: { cycleId: number }) {
  const busy = useSignal(false);
  const error = useSignal<unknown>(null);
  async function onStart() {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      location.hash = calibrationHref(await startCalibration(cycleId));
    } catch (err) {
      error.value = err;
    } finally {
      busy.value = false;
    }
  }
  return (
    <div class="row-actions">
      <button type="button" class="small" data-testid="cycle-calibrate" disabled={busy.value} onClick={onStart}>
        {t('calibration.start')}
      </button>
      {error.value ? (
        <p class="error small" role="alert" data-testid="cycle-calibrate-error" data-code={errorCode(error.value)}>
          {errorText(error.value)}
        </p>
      ) : null}
    </div>
  );
}
