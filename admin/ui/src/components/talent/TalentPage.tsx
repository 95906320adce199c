import { t } from '../../i18n';
import { currentUser } from '../../store/session';
import { hrefOf, isManagerOrStaff, isStaff, subRoute } from '../../store/route';
import { NineBoxOverTime } from './NineBoxOverTime';
import { TalentPoolsSection } from './pools/TalentPoolsSection';
import { TalentProfilePage } from './TalentProfilePage';

/** The talent page's parts; development paths add theirs here. Pools are HR's (talent.pools.manage). */
const VIEWS: { key: string; sub?: string; staff?: boolean }[] = [{ key: 'ninebox' }, { key: 'pools', sub: 'pools', staff: true }];

/**
 * Talent (issue 16), for HR, admins and managers: `#/talent` the 9-box over time, `#/talent/person/:id` one person's
 * talent profile (linked from the person's page and from the 9-box's names); for HR and admins `#/talent/pools…` the
 * talent pools (TalentPoolsSection). Someone with no reports sees only their
 * own profile, and only when the company lets people see it (the tab is not there otherwise).
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
  const view = part === 'person' && num > 0 ? 'person' : part === 'pools' && staff ? 'pools' : 'ninebox';
  return (
    <div class="page talent-page" data-testid="talent-page" data-view={view}>
      <div class="page-head">
        <h2>{t('talent.title')}</h2>
        <nav class="segmented" aria-label={t('talent.views')}>
          {VIEWS.filter((v) => staff || !v.staff).map((v) => (
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
      ) : (
        <NineBoxOverTime />
      )}
    </div>
  );
}
