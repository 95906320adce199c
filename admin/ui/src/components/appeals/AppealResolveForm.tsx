import { useSignal } from '@preact/signals';
import type { Appeal } from '../../appealShapes';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { resolveAppeal } from '../../store/appeals';
import { useSubmit } from '../../useSubmit';

/**
 * HR's answer to an open appeal: uphold, or change the grade — either way with a note the person is told. Above a cap
 * the server answers 422 above-cap and an override reason is asked, as in calibration.
 */
export function AppealResolveForm({ appeal: a }: { appeal: Appeal }) {
  const outcome = useSignal<'upheld' | 'changed'>('upheld');
  const grade = useSignal('');
  const note = useSignal('');
  const override = useSignal('');
  const needsOverride = useSignal(false);
  const { busy, error, submit } = useSubmit();
  const ready = note.value.trim() !== '' && (outcome.value === 'upheld' || grade.value !== '');

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!ready) return;
    await submit(
      async () => {
        await resolveAppeal(a.id, {
          outcome: outcome.value,
          note: note.value.trim(),
          ...(outcome.value === 'changed' ? { grade: grade.value } : {}),
          ...(needsOverride.value && override.value.trim() ? { overrideReason: override.value.trim() } : {}),
        });
      },
      (err) => {
        if (errorCode(err) === 'above-cap') needsOverride.value = true;
        return err;
      },
    );
  }

  return (
    <form class="stack appeal-resolve" data-testid="appeal-resolve-form" onSubmit={onSubmit}>
      <fieldset class="segmented-choice">
        <legend>{t('appeal.outcome')}</legend>
        {(['upheld', 'changed'] as const).map((o) => (
          <label key={o} class="inline">
            <input type="radio" name={`outcome-${a.id}`} data-testid={`appeal-outcome-${o}`} checked={outcome.value === o} onChange={() => (outcome.value = o)} />
            <span>{t(`appeal.outcome.${o}`)}</span>
          </label>
        ))}
      </fieldset>
      {outcome.value === 'changed' && (
        <label>
          <span>{t('appeal.newGrade')}</span>
          <select data-testid="appeal-grade" value={grade.value} onChange={(e) => (grade.value = e.currentTarget.value)}>
            <option value="">{t('reviews.pickGrade')}</option>
            {a.grades
              .filter((g) => g !== a.grade)
              .map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
          </select>
        </label>
      )}
      <label>
        <span>{t('appeal.note')}</span>
        <textarea data-testid="appeal-note" rows={3} maxLength={4000} value={note.value} onInput={(e) => (note.value = e.currentTarget.value)} />
      </label>
      {needsOverride.value && (
        <label>
          <span>{t('calibration.override', { cap: (error.value as { details?: { cap?: string } } | null)?.details?.cap ?? '' })}</span>
          <textarea data-testid="appeal-override" rows={2} value={override.value} onInput={(e) => (override.value = e.currentTarget.value)} />
        </label>
      )}
      <button type="submit" data-testid="appeal-resolve" disabled={busy.value || !ready}>
        {t('appeal.answer')}
      </button>
      {error.value ? (
        <p class="error small" role="alert" data-testid="appeal-resolve-error" data-code={errorCode(error.value)}>
          {errorText(error.value)}
        </p>
      ) : null}
    </form>
  );
}
