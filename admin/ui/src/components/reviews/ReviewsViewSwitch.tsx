import { t } from '../../i18n';
import { hrefOf } from '../../store/route';

/** The Reviews page's parts for HR and admin: the cycles, the templates, the appeal queue, the trends. */
export function ReviewsViewSwitch({ active }: { active: 'cycles' | 'templates' | 'appeals' | 'trends' }) {
  return (
    <nav class="segmented" aria-label={t('reviews.views')}>
      {(['cycles', 'templates', 'appeals', 'trends'] as const).map((v) => (
        <a
          key={v}
          href={hrefOf('reviews', v === 'cycles' ? undefined : v)}
          data-testid="reviews-view"
          data-view={v}
          aria-current={v === active ? 'page' : undefined}
        >
          {t(`reviews.view.${v}`)}
        </a>
      ))}
    </nav>
  );
}
