import { locale, t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';

/** Every rule that applied to this review, with its explanation in the console's language. */
export function DraftRules({ draft: d }: { draft: ReviewDraft }) {
  return (
    <section class="card panel" data-testid="review-rules">
      <h3>{t('reviews.rulesApplied')}</h3>
      {d.rulesApplied.length === 0 ? (
        <p class="muted small">{t('reviews.noRulesApplied')}</p>
      ) : (
        <ul class="plain-list">
          {d.rulesApplied.map((r, i) => (
            <li key={i} class="plain-item" data-testid="review-rule" data-effect={r.effect} data-grade={r.grade ?? ''} data-flag={r.flag ?? ''}>
              <span class="plain-main">{r.explanation?.[locale.value] ?? ''}</span>
              <span class="badge badge-late">{t(`reviews.effect.${r.effect}`)}{r.grade ? ` ${r.grade}` : r.flag ? ` ${r.flag}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
