import { useSignal } from '@preact/signals';
import type { CalibrationSession } from '../../calibrationShapes';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { saveCalibrationMinutes } from '../../store/calibration';
import { useSubmit } from '../../useSubmit';

/** The meeting's minutes (会议纪要): written and saved while the session is open, read-only once it is locked. */
export function CalibrationMinutes({ session: s }: { session: CalibrationSession }) {
  const text = useSignal(s.minutes ?? '');
  const { busy, error, submit } = useSubmit();
  const saved = useSignal(false);
  async function onSubmit(e: Event) {
    e.preventDefault();
    if (s.locked) return;
    saved.value = false;
    await submit(async () => {
      await saveCalibrationMinutes(s.id, text.value);
      saved.value = true;
    });
  }
  return (
    <form class="card panel calibration-form" data-testid="calibration-minutes" data-readonly={s.locked ? 'yes' : 'no'} onSubmit={onSubmit}>
      <h3 id="calibration-minutes-title">{t('calibration.minutes')}</h3>
      <textarea rows={5} maxLength={20000} readOnly={s.locked} aria-labelledby="calibration-minutes-title" data-testid="calibration-minutes-text" value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
      {error.value ? <p class="notice notice-error" role="alert" data-testid="calibration-minutes-error" data-code={errorCode(error.value)}>{errorText(error.value)}</p> : null}
      {saved.value && <p class="notice notice-ok" role="status" data-testid="calibration-minutes-saved">{t('calibration.minutesSaved')}</p>}
      {!s.locked && (
        <div class="form-actions">
          <button type="submit" data-testid="calibration-minutes-save" disabled={busy.value}>
            {busy.value ? t('form.saving') : t('calibration.saveMinutes')}
          </button>
        </div>
      )}
    </form>
  );
}
