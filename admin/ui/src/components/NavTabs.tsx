import { hasKey, t } from '../i18n';
import { hrefOf, route, visibleRoutes } from '../store/route';

export function NavTabs() {
  const active = route.value;
  return (
    <nav class="nav-tabs" aria-label={t('nav.label')}>
      {visibleRoutes.value.map((r) => {
        // On a phone a long name gives way to its short form (shown by CSS; the full name stays the link's name).
        const short = hasKey(`nav.short.${r}`) ? t(`nav.short.${r}`) : undefined;
        return (
          <a
            key={r}
            href={hrefOf(r)}
            class={r === active ? 'nav-tab active' : 'nav-tab'}
            data-testid="nav-tab"
            data-route={r}
            data-short={short}
            aria-label={short ? t(`nav.${r}`) : undefined}
            aria-current={r === active ? 'page' : undefined}
          >
            <span class="nav-label">{t(`nav.${r}`)}</span>
          </a>
        );
      })}
    </nav>
  );
}
