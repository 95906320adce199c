import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';
import { localText } from '../../reviewText';

/** The person's self-review: each reflection question with their answer, or that it is still to come. */
export function SelfAnswers({ draft: d }: { draft: ReviewDraft }) {
  const self = d.self;
  if (!self || self.questions.length === 0) return null;
  return (
    <section class="card panel" data-testid="review-self">
      <h3>{t('reviews.self.title')}</h3>
      {!self.submittedAt && <p class="muted small">{t('reviews.self.notYet')}</p>}
      {self.submittedAt && <p class="muted small">{t('reviews.self.submittedAt', { time: formatDateTime(self.submittedAt) })}</p>}
      <dl class="log-answers">
        {self.questions.map((q, i) => (
          <div key={i}>
            <dt>{localText(q)}</dt>
            <dd class={self.answers?.[i] ? '' : 'muted'}>{self.answers?.[i] ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
