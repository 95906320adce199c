import { t } from '../../../i18n';
import { hrefOf } from '../../../store/route';

/** Links between the two development pages. */
export function DevelopmentSwitch({ active }: { active: 'paths' | 'mentors' }) {
  return (
    <nav class="segmented" aria-label={t('talent.paths.development')}>
      {(['paths', 'mentors'] as const).map((v) => (
        <a key={v} href={hrefOf('talent', v)} aria-current={v === active ? 'page' : undefined} data-testid={`talent-${v}-link`}>
          {t(`talent.${v}.title`)}
        </a>
      ))}
    </nav>
  );
}
