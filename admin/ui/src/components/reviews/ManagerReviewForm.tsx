import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import { errorCode, errorText } from '../../errors';
import { locale, t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';
import { localText } from '../../reviewText';
import { submitManagerReview } from '../../store/reviews';
import { GradeSelect } from './GradeSelect';
import { useSubmit } from '../../useSubmit';

/**
 * The manager's part: a grade per rating question, written feedback and the overall grade. A grade above the cap is
 * refused (422 above-cap) with the reason; giving an override reason then submits it for calibration.
 */
export function ManagerReviewForm({ draft: d, onDone }: { draft: ReviewDraft; onDone?: () => void }) {
  const questions = d.template.body.sections.flatMap((s, si) =>
    s.items.flatMap((item, ii) => (item.kind === 'rating' ? [{ id: `s${si}i${ii}`, label: localText(item.label), potential: !!item.potential }] : [])),
  );
  const ratings = useSignal<Record<string, string>>(Object.fromEntries(d.items.filter((i) => i.kind === 'rating' && i.grade).map((i) => [i.id, i.grade!])));
  const feedback = useSignal(d.feedback ?? '');
  const grade = useSignal(d.grade ?? '');
  const override = useSignal(d.overrideReason ?? '');
  const needsOverride = useSignal(false);
  const { busy, error, submit } = useSubmit();
  const done = useSignal(false);

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!grade.value) return;
    done.value = false;
    await submit(
      async () => {
        const chosen = Object.fromEntries(Object.entries(ratings.value).filter(([, g]) => g));
        await submitManagerReview(d.id, {
          grade: grade.value,
          feedback: feedback.value.trim(),
          ...(Object.keys(chosen).length ? { ratings: chosen } : {}),
          ...(needsOverride.value && override.value.trim() ? { overrideReason: override.value.trim() } : {}),
        });
        done.value = true;
        onDone?.();
      },
      (err) => {
        if (errorCode(err) === 'above-cap' || errorCode(err) === 'above_cap') needsOverride.value = true;
        return err;
      },
    );
  }

  const err = error.value;
  const aboveCap = errorCode(err) === 'above-cap' || errorCode(err) === 'above_cap';
  const capRules = d.rulesApplied.filter((r) => r.effect === 'cap');
  const problems = fieldProblems(err);
  return (
    <form class="card panel manager-form" data-testid="manager-form" onSubmit={onSubmit}>
      <h3>{d.status === 'submitted' ? t('reviews.form.change') : t('reviews.form.title')}</h3>
      {questions.map((q) => (
        <GradeSelect
          key={q.id}
          scale={d.scale}
          value={ratings.value[q.id] ?? ''}
          testId={`rating-${q.id}`}
          label={q.potential ? t('reviews.form.potential', { question: q.label }) : q.label}
          onChange={(g) => (ratings.value = { ...ratings.value, [q.id]: g })}
        />
      ))}
      <label>
        <span>{t('reviews.form.feedback')}</span>
        <textarea rows={5} maxLength={5000} data-testid="manager-feedback" value={feedback.value} onInput={(e) => (feedback.value = e.currentTarget.value)} />
      </label>
      <GradeSelect scale={d.scale} value={grade.value} testId="manager-grade" label={t('reviews.form.grade')} onChange={(g) => (grade.value = g)} />
      {d.suggestedGrade && <p class="muted small">{t('reviews.form.suggestedHint', { grade: d.suggestedGrade, cap: d.cap ?? '—' })}</p>}
      {aboveCap ? (
        <div class="notice notice-error" role="alert" data-testid="above-cap">
          <p>{t('reviews.form.aboveCap', { grade: grade.value, cap: d.cap ?? '' })}</p>
          <ul>
            {capRules.map((r, i) => (
              <li key={i} data-testid="above-cap-rule">{r.explanation?.[locale.value] ?? ''}</li>
            ))}
          </ul>
        </div>
      ) : err ? (
        <p class="notice notice-error" role="alert" data-testid="manager-error">
          {problems.length ? problems.map((p) => `${p.field}: ${p.message}`).join('; ') : errorText(err)}
        </p>
      ) : null}
      {needsOverride.value && (
        <label>
          <span>{t('reviews.form.override')}</span>
          <textarea rows={3} maxLength={1000} data-testid="override-reason" value={override.value} onInput={(e) => (override.value = e.currentTarget.value)} />
          <span class="muted small">{t('reviews.form.overrideHint')}</span>
        </label>
      )}
      {done.value && <p class="notice notice-ok" role="status" data-testid="manager-done">{t('reviews.form.done')}</p>}
      <div class="form-actions">
        <button class="primary" type="submit" data-testid="manager-submit" disabled={busy.value || !grade.value}>
          {busy.value ? t('form.saving') : needsOverride.value && override.value.trim() ? t('reviews.form.submitOverride') : t('reviews.form.submit')}
        </button>
      </div>
    </form>
  );
}
