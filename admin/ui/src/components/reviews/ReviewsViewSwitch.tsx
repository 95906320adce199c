import { t } from '../../i18n';
import { hrefOf } from '../../store/route';

/** The Reviews page's two parts for HR and admin: the cycles, the templates. */
export function ReviewsViewSwitch({ active }: { active: 'cycles' | 'templates' }) {
  return (
    <nav class="segmented" aria-label={t('reviews.views')}>
      {(['cycles', 'templates'] as const).map((v) => (
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
