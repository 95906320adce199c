import { formatNumber } from '../../format';
import { t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';
import { itemText } from '../../reviewText';

/** The template's items with their weight and score (a rating question shows the grade given). */
export function DraftItems({ draft: d }: { draft: ReviewDraft }) {
  const items = d.items.filter((i) => i.kind !== 'text');
  return (
    <section class="card panel" data-testid="review-items">
      <h3>{t('reviews.items', { template: d.template.name, version: d.template.version })}</h3>
      <ul class="plain-list">
        {items.map((i) => (
          <li key={i.id} class="plain-item" data-testid="review-item" data-item={i.id} data-kind={i.kind}>
            <span class="plain-main">{itemText(d, i.id, i.label)}</span>
            <span class="muted small">{t('reviews.weightOf', { weight: i.weight })}</span>
            <span data-testid="review-item-score">
              {i.score === null ? (i.kind === 'rating' ? t('reviews.notRated') : t('reviews.noValue')) : formatNumber(i.score, 1)}
              {i.grade ? ` (${i.grade})` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
