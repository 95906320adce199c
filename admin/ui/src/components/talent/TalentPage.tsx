import { t } from '../../i18n';
import { hrefOf, isStaff, subRoute } from '../../store/route';
import { TalentPoolsSection } from './pools/TalentPoolsSection';

/** Talent (issue 16): `#/talent/pools…` the talent pools (HR, admin). */
export function TalentPage() {
  const [part = '', ...rest] = subRoute.value.split('/');
  const staff = isStaff.value;
  return (
    <div class="page talent-page" data-testid="talent-page" data-view={part || 'pools'}>
      <div class="page-head">
        <h2>{t('nav.talent')}</h2>
        {staff && (
          <a class="small" href={hrefOf('talent', 'pools')} data-testid="talent-nav-pools">
            {t('talent.pools.nav')}
          </a>
        )}
      </div>
      {staff && (part === 'pools' || part === '') && <TalentPoolsSection path={rest.join('/')} />}
    </div>
  );
}
