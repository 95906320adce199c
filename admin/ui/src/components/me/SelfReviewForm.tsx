import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import { errorText } from '../../errors';
import { formatNumber, formatPercent } from '../../format';
import { t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';
import { localText } from '../../reviewText';
import { submitSelfReview } from '../../store/reviews';
import { FieldProblem } from '../FieldProblem';
import { GradeLabel } from '../reviews/GradeLabel';
import { useSubmit } from '../../useSubmit';

/** My figures for the period (metrics, goals, points; the suggested grade only when the server gives it) and my answers. */
export function SelfReviewForm({ draft: d }: { draft: ReviewDraft }) {
  const questions = d.self?.questions ?? [];
  const answers = useSignal(questions.map((_, i) => d.self?.answers?.[i] ?? ''));
  const { busy, error, submit } = useSubmit();
  const done = useSignal(false);

  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit(async () => {
      await submitSelfReview(d.id, answers.value.map((a) => (a.trim() ? a.trim() : null)));
      done.value = true;
    });
  }

  const problems = fieldProblems(error.value);
  return (
    <form class="self-review" onSubmit={onSubmit}>
      <ul class="plain-list" data-testid="self-review-figures">
        {d.metrics.map((m) => (
          <li key={m.metric} class="plain-item" data-metric={m.metric}>
            <span class="plain-main">{localText(m.label) || m.metric}</span>
            <strong>{m.display ?? formatNumber(m.value, 4)}</strong>
          </li>
        ))}
        {d.goals.map((g) => (
          <li key={`g${g.id}`} class="plain-item">
            <span class="plain-main">{g.title}</span>
            <strong>{formatPercent(g.progress)}</strong>
          </li>
        ))}
        <li class="plain-item">
          <span class="plain-main">{t('reviews.pointsLabel')}</span>
          <strong>{d.points ?? 0}</strong>
        </li>
        {d.suggestedGrade && (
          <li class="plain-item" data-testid="self-review-suggested">
            <span class="plain-main">{t('reviews.suggested')}</span>
            <GradeLabel grade={d.suggestedGrade} scale={d.scale} />
          </li>
        )}
      </ul>
      {questions.map((q, i) => (
        <label key={i} class="standup-question" data-testid="self-question" data-index={i}>
          <span class="standup-q">
            {i + 1}. {localText(q)}
          </span>
          <textarea
            rows={3}
            maxLength={5000}
            data-testid="self-answer"
            value={answers.value[i]}
            onInput={(e) => (answers.value = answers.value.map((v, j) => (j === i ? e.currentTarget.value : v)))}
          />
          <FieldProblem field={`answers.${i}`} problems={problems} />
        </label>
      ))}
      {error.value && problems.length === 0 ? <p class="notice notice-error" role="alert">{errorText(error.value)}</p> : null}
      {done.value && <p class="notice notice-ok" role="status" data-testid="self-review-done">{t('me.review.done')}</p>}
      <div class="form-actions">
        <button class="primary" type="submit" data-testid="self-review-submit" disabled={busy.value || answers.value.every((a) => !a.trim())}>
          {busy.value ? t('form.saving') : t('me.review.submit')}
        </button>
      </div>
    </form>
  );
}
