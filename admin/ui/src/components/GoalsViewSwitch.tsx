import { t } from '../i18n';
import { hrefOf } from '../store/route';

export type GoalsView = 'tree' | 'update-rate' | 'escalation';

/** The Goals page's sections, as links (`#/goals`, `#/goals/update-rate`, `#/goals/escalation`). */
export function GoalsViewSwitch({ views, active }: { views: GoalsView[]; active: GoalsView }) {
  return (
    <nav class="segmented" aria-label={t('goals.views')}>
      {views.map((v) => (
        <a
          key={v}
          href={hrefOf('goals', v === 'tree' ? undefined : v)}
          data-testid="goals-view"
          data-view={v}
          aria-current={v === active ? 'page' : undefined}
        >
          {t(`goals.view.${v}`)}
        </a>
      ))}
    </nav>
  );
}
