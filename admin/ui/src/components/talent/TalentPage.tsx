import { t } from '../../i18n';
import { currentUser } from '../../store/session';
import { hrefOf, isManagerOrStaff, isStaff, subRoute } from '../../store/route';
import { DevelopmentPage } from './development/DevelopmentPage';
import { NineBoxOverTime } from './NineBoxOverTime';
import { TalentPoolsSection } from './pools/TalentPoolsSection';
import { TalentProfilePage } from './TalentProfilePage';

/** The talent page's parts. Pools (talent.pools.manage) and mentor matching are HR's and admins'. */
const VIEWS = [{ key: 'ninebox', sub: undefined }, { key: 'pools', sub: 'pools' }, { key: 'paths', sub: 'paths' }, { key: 'mentors', sub: 'mentors' }] as const;
const STAFF_VIEWS: readonly string[] = ['pools', 'mentors'];

/**
 * Talent (issue 16), for HR, admins and managers: `#/talent` the 9-box over time, `#/talent/person/:id` one person's
 * talent profile (linked from the person's page and from the 9-box's names). Someone with no reports sees only their
 * own profile, and only when the company lets people see it (the tab is not there otherwise). `#/talent/paths` and
 * `#/talent/mentors`: development paths and mentor matching (`development/`); `#/talent/pools…` the talent pools
 * (`pools/`, HR and admins).
 */
export function TalentPage() {
  const me = currentUser.value?.personId;
  if (!isManagerOrStaff.value) {
    return (
      <div class="page talent-page" data-testid="talent-page" data-view="own">
        <div class="page-head">
          <h2>{t('talent.title')}</h2>
        </div>
        {me ? <TalentProfilePage key={me} personId={me} /> : null}
      </div>
    );
  }
  const [part, id] = subRoute.value.split('/');
  const num = Number(id);
  const staff = isStaff.value;
  const view = part === 'person' && num > 0 ? 'person' : part === 'paths' || part === 'mentors' ? part : part === 'pools' && staff ? 'pools' : 'ninebox';
  return (
    <div class="page talent-page" data-testid="talent-page" data-view={view}>
      <div class="page-head">
        <h2>{t('talent.title')}</h2>
        <nav class="segmented" aria-label={t('talent.views')}>
          {VIEWS.filter((v) => staff || !STAFF_VIEWS.includes(v.key)).map((v) => (
            <a key={v.key} href={hrefOf('talent', v.sub)} data-testid="talent-view" data-view={v.key} aria-current={v.key === view ? 'page' : undefined}>
              {t(`talent.view.${v.key}`)}
            </a>
          ))}
        </nav>
      </div>
      {view === 'person' ? (
        <TalentProfilePage key={num} personId={num} />
      ) : view === 'pools' ? (
        <TalentPoolsSection path={subRoute.value.split('/').slice(1).join('/')} />
      ) : view === 'paths' || view === 'mentors' ? (
        <DevelopmentPage part={view} />
      ) : (
        <NineBoxOverTime />
      )}
    </div>
  );
}
