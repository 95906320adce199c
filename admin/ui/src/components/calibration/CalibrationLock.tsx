import { useSignal } from '@preact/signals';
import type { CalibrationSession } from '../../calibrationShapes';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { lockCalibration, reopenCalibration } from '../../store/calibration';
import { useSubmit } from '../../useSubmit';

/** Locks the session (no more changes or minutes); a locked one reopens only with a reason. */
export function CalibrationLock({ session: s }: { session: CalibrationSession }) {
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit();
  async function run(action: () => Promise<unknown>) {
    await submit(async () => {
      await action();
      reason.value = '';
    });
  }
  function onReopen(e: Event) {
    e.preventDefault();
    if (reason.value.trim()) void run(() => reopenCalibration(s.id, reason.value.trim()));
  }
  return (
    <section class="card panel calibration-form" data-testid="calibration-lock" data-locked={s.locked ? 'yes' : 'no'}>
      <h3>{s.locked ? t('calibration.lockedTitle') : t('calibration.lockTitle')}</h3>
      {s.locked ? (
        <form class="calibration-form" onSubmit={onReopen}>
          <label>
            <span>{t('calibration.reopenReason')}</span>
            <textarea rows={2} maxLength={2000} data-testid="calibration-reopen-reason" value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
          </label>
          <div class="form-actions">
            <button type="submit" data-testid="calibration-reopen" disabled={busy.value || !reason.value.trim()}>
              {t('calibration.reopen')}
            </button>
          </div>
        </form>
      ) : (
        <div class="form-actions">
          <p class="muted small">{t('calibration.lockHint')}</p>
          <button type="button" class="primary" data-testid="calibration-lock-submit" disabled={busy.value} onClick={() => void run(() => lockCalibration(s.id))}>
            {t('calibration.lock')}
          </button>
        </div>
      )}
      {error.value ? <p class="notice notice-error" role="alert" data-testid="calibration-lock-error" data-code={errorCode(error.value)}>{errorText(error.value)}</p> : null}
    </section>
  );
}
