import { t } from '../i18n';
import { hrefOf, route, visibleRoutes } from '../store/route';

export function NavTabs() {
  const active = route.value;
  return (
    <nav class="nav-tabs" aria-label={t('nav.label')}>
      {visibleRoutes.value.map((r) => (
        <a
          key={r}
          href={hrefOf(r)}
          class={r === active ? 'nav-tab active' : 'nav-tab'}
          data-testid="nav-tab"
          data-route={r}
          aria-current={r === active ? 'page' : undefined}
        >
          {t(`nav.${r}`)}
        </a>
      ))}
    </nav>
  );
}
