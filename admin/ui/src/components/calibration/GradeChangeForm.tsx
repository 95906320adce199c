import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import type { CalibrationSession } from '../../calibrationShapes';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { changeCalibratedGrade } from '../../store/calibration';
import { GradeSelect } from '../reviews/GradeSelect';
import { useSubmit } from '../../useSubmit';

const isAboveCap = (err: unknown) => errorCode(err) === 'above-cap' || errorCode(err) === 'above_cap';

/**
 * Changes one review's grade, with a reason (the server refuses none: 400). Above the cap the server answers 422
 * above-cap: an override reason field appears and the change is sent again with it. Read-only while locked.
 */
export function GradeChangeForm({ session: s }: { session: CalibrationSession }) {
  const reviewId = useSignal(s.borderline[0]?.reviewId ?? 0);
  const grade = useSignal('');
  const reason = useSignal('');
  const override = useSignal('');
  const needsOverride = useSignal(false);
  const { busy, error, submit } = useSubmit();
  const done = useSignal(false);
  const review = s.reviews.find((r) => r.reviewId === reviewId.value);

  function pick(id: number) {
    reviewId.value = id;
    needsOverride.value = false;
    override.value = '';
    error.value = null;
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (s.locked || !reviewId.value || !grade.value) return;
    done.value = false;
    await submit(
      async () => {
        await changeCalibratedGrade(s.id, {
          reviewId: reviewId.value,
          grade: grade.value,
          reason: reason.value.trim(),
          ...(needsOverride.value && override.value.trim() ? { overrideReason: override.value.trim() } : {}),
        });
        done.value = true;
        reason.value = '';
        override.value = '';
        needsOverride.value = false;
      },
      (err) => {
        if (isAboveCap(err)) needsOverride.value = true;
        return err;
      },
    );
  }

  const err = error.value;
  const reasonMissing = fieldProblems(err).some((p) => p.field === 'reason');
  const cap = (err as { details?: { cap?: string } } | null)?.details?.cap ?? review?.cap ?? '';
  return (
    <form class="card panel calibration-form" data-testid="calibration-change-form" data-readonly={s.locked ? 'yes' : 'no'} onSubmit={onSubmit}>
      <h3>{t('calibration.change')}</h3>
      {s.locked && <p class="notice small" data-testid="calibration-readonly">{t('calibration.readOnly')}</p>}
      <fieldset disabled={s.locked}>
        <label>
          <span>{t('calibration.person')}</span>
          <select data-testid="calibration-review-select" value={String(reviewId.value)} onChange={(e) => pick(Number(e.currentTarget.value))}>
            <option value="0">{t('calibration.pickReview')}</option>
            {s.reviews.map((r) => (
              <option key={r.reviewId} value={String(r.reviewId)}>
                {`${r.name} · ${r.grade ?? r.suggestedGrade ?? '—'}`}
              </option>
            ))}
          </select>
        </label>
        {review && (
          <p class="muted small" data-testid="calibration-review-now">
            {t('calibration.now', { grade: review.grade ?? '—', total: review.total ?? '—', cap: review.cap ?? '—' })}
          </p>
        )}
        <GradeSelect scale={s.scale} value={grade.value} testId="calibration-grade" label={t('calibration.newGrade')} onChange={(g) => (grade.value = g)} />
        <label>
          <span>{t('calibration.reason')}</span>
          <textarea rows={3} maxLength={2000} data-testid="calibration-reason" value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
        </label>
        {needsOverride.value && (
          <label>
            <span>{t('calibration.override', { cap })}</span>
            <textarea rows={3} maxLength={2000} data-testid="calibration-override" value={override.value} onInput={(e) => (override.value = e.currentTarget.value)} />
          </label>
        )}
        {err ? (
          <p class="notice notice-error" role="alert" data-testid="calibration-change-error" data-code={errorCode(err)}>
            {isAboveCap(err) ? t('calibration.aboveCap', { grade: grade.value, cap }) : reasonMissing ? t('error.reason_required') : errorText(err)}
          </p>
        ) : null}
        {done.value && <p class="notice notice-ok" role="status" data-testid="calibration-change-done">{t('calibration.changed')}</p>}
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="calibration-change-submit" disabled={busy.value || !reviewId.value || !grade.value}>
            {busy.value ? t('form.saving') : needsOverride.value ? t('calibration.submitOverride') : t('calibration.submit')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
