import { t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';

/** The period's standups by week (folded: they are long). */
export function DraftStandups({ draft: d }: { draft: ReviewDraft }) {
  return (
    <details class="card panel" data-testid="review-standups">
      <summary>{t('reviews.standups', { weeks: d.standups.length })}</summary>
      {d.standups.length === 0 ? (
        <p class="muted small">{t('reviews.noStandups')}</p>
      ) : (
        <ol class="log-weeks">
          {d.standups.map((w) => (
            <li key={w.week} class="log-week">
              <div class="log-week-head">
                <strong>{w.week}</strong>
              </div>
              <dl class="log-answers">
                {w.answers.map((a, i) => (
                  <div key={i}>
                    <dt>{a.question}</dt>
                    <dd class={a.answer ? '' : 'muted'}>{a.answer ?? t('log.noAnswer')}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
