import { t } from '../../i18n';
import { hrefOf, isStaff, subRoute } from '../../store/route';
import { OrgChart } from './OrgChart';
import { PeopleImport } from './PeopleImport';
import { PeopleList } from './PeopleList';
import { PersonPage } from './PersonPage';

/** People (人员): the directory as the reader may see it — list, org chart, CSV import with preview (HR, admin), a person's page. */
export function PeoplePage() {
  const sub = subRoute.value.split('/')[0];
  const id = /^\d+$/.test(sub) ? Number(sub) : null;
  const view = id ? 'person' : sub === 'org' ? 'org' : sub === 'import' && isStaff.value ? 'import' : 'list';
  const tabs = [
    ['list', hrefOf('people'), t('people.tab.list')],
    ['org', hrefOf('people', 'org'), t('people.tab.org')],
    ...(isStaff.value ? [['import', hrefOf('people', 'import'), t('people.tab.import')]] : []),
  ];
  return (
    <div class="page people-page" data-testid="people-page" data-view={view}>
      <div class="page-head">
        <h2>{t('people.title')}</h2>
        <nav class="segmented" aria-label={t('people.title')}>
          {tabs.map(([key, href, label]) => (
            <a key={key} href={href} class={view === key ? 'active' : ''} aria-current={view === key ? 'page' : undefined} data-testid={`people-tab-${key}`}>
              {label}
            </a>
          ))}
        </nav>
      </div>
      {view === 'person' && <PersonPage id={id!} />}
      {view === 'org' && <OrgChart />}
      {view === 'import' && <PeopleImport />}
      {view === 'list' && <PeopleList />}
    </div>
  );
}
