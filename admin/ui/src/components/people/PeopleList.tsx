import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { directory, directoryError, directoryFilters, directoryLoading, directoryPage, loadDirectory, orgChart, PAGE_SIZE, type DirectoryFilters } from '../../store/peopleDirectory';
import { personHref } from '../../store/route';

const ROLES = ['employee', 'manager', 'hr', 'admin'];
const PLATFORMS = ['local', 'slack', 'wecom'];

function set<K extends keyof DirectoryFilters>(key: K, value: DirectoryFilters[K]): void {
  directoryFilters.value = { ...directoryFilters.value, [key]: value };
  directoryPage.value = 0;
  void loadDirectory();
}

/** Departments and managers to filter by, from the org chart the reader may see. */
function useChoices() {
  useEffect(() => {
    if (!orgChart.data.value) void orgChart.load();
  }, []);
  const nodes = orgChart.data.value?.nodes ?? [];
  const departments = [...new Set(nodes.map((n) => n.department).filter((d): d is string => !!d))].sort();
  const managerIds = new Set(nodes.map((n) => n.managerId));
  const managers = nodes.filter((n) => managerIds.has(n.id));
  return { departments, managers };
}

function Filters() {
  const f = directoryFilters.value;
  const { departments, managers } = useChoices();
  return (
    <form class="filters card panel people-filters" data-testid="people-filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>{t('people.filter.search')}</span>
        <input type="search" data-testid="people-search" value={f.q} placeholder={t('people.filter.searchHint')} onInput={(e) => set('q', e.currentTarget.value)} />
      </label>
      <label>
        <span>{t('people.filter.department')}</span>
        <select data-testid="people-filter-department" value={f.department} onChange={(e) => set('department', e.currentTarget.value)}>
          <option value="">{t('people.filter.any')}</option>
          {departments.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </label>
      <label>
        <span>{t('people.filter.role')}</span>
        <select data-testid="people-filter-role" value={f.role} onChange={(e) => set('role', e.currentTarget.value)}>
          <option value="">{t('people.filter.any')}</option>
          {ROLES.map((r) => <option key={r} value={r}>{t(`people.role.${r}`)}</option>)}
        </select>
      </label>
      <label>
        <span>{t('people.filter.manager')}</span>
        <select data-testid="people-filter-manager" value={f.manager} onChange={(e) => set('manager', e.currentTarget.value)}>
          <option value="">{t('people.filter.any')}</option>
          {managers.map((m) => <option key={m.id} value={String(m.id)}>{m.name}</option>)}
        </select>
      </label>
      <label>
        <span>{t('people.filter.platform')}</span>
        <select data-testid="people-filter-platform" value={f.platform} onChange={(e) => set('platform', e.currentTarget.value)}>
          <option value="">{t('people.filter.any')}</option>
          {PLATFORMS.map((p) => <option key={p} value={p}>{t(`people.platform.${p}`)}</option>)}
        </select>
      </label>
      <label>
        <span>{t('people.filter.status')}</span>
        <select data-testid="people-filter-status" value={f.status} onChange={(e) => set('status', e.currentTarget.value as DirectoryFilters['status'])}>
          {(['active', 'inactive', 'all'] as const).map((s) => <option key={s} value={s}>{t(`people.status.${s}`)}</option>)}
        </select>
      </label>
    </form>
  );
}

/** The directory, filtered and paged on the server within what the reader may see. */
export function PeopleList() {
  useEffect(() => {
    void loadDirectory();
  }, []);
  const data = directory.value;
  const page = directoryPage.value;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const go = (p: number) => {
    directoryPage.value = p;
    void loadDirectory();
  };
  return (
    <>
      <Filters />
      {directoryError.value ? <p class="error" role="alert">{errorText(directoryError.value)}</p> : null}
      {!data ? (
        <p class="muted">{t('app.loading')}</p>
      ) : data.people.length === 0 ? (
        <p class="muted card panel empty" data-testid="people-empty">{t('people.empty')}</p>
      ) : (
        <div class="card table-scroll">
          <p class="muted small people-count" data-testid="people-total">{t('people.total', { total: data.total })}</p>
          <table class="data-table people-table" data-testid="people-list" aria-busy={directoryLoading.value}>
            <thead>
              <tr>
                <th>{t('people.col.name')}</th>
                <th>{t('people.col.department')}</th>
                <th>{t('people.col.manager')}</th>
                <th>{t('people.col.role')}</th>
                <th>{t('people.col.platform')}</th>
              </tr>
            </thead>
            <tbody>
              {data.people.map((p) => (
                <tr key={p.id} data-testid="people-row" data-id={p.id} data-active={String(p.active)}>
                  <td>
                    <a class="cell-main" href={personHref(p.id)} data-testid="people-name">{p.name}</a>
                    <div class="cell-sub muted small">{p.email} · {p.employeeNo}</div>
                  </td>
                  <td>{p.department ?? '—'}</td>
                  <td>{p.manager ? <a href={personHref(p.manager.id)}>{p.manager.name}</a> : '—'}</td>
                  <td>
                    {t(`people.role.${p.role}`)}
                    {p.reports > 0 && <span class="muted small"> · {t('people.reportsCount', { count: p.reports })}</span>}
                    {!p.active && <span class="badge badge-muted"> {t('people.status.inactive')}</span>}
                  </td>
                  <td>{t(`people.platform.${p.platform}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 && (
            <div class="form-actions people-pager">
              <button type="button" data-testid="people-prev" disabled={page === 0} onClick={() => go(page - 1)}>{t('people.prev')}</button>
              <span class="muted small">{t('people.pageOf', { page: page + 1, pages })}</span>
              <button type="button" data-testid="people-next" disabled={page + 1 >= pages} onClick={() => go(page + 1)}>{t('people.next')}</button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
