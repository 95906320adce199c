import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { errorText } from '../../errors';
import { formatNumber } from '../../format';
import { locale, t } from '../../i18n';
import { loadRoles, roleData, roleError, roleFilters, roleLoading, roleQuery, setRoleFilters, type RoleDashboard } from '../../store/reports';
import { COLORS } from '../charts/colors';
import type { ChartOption } from '../charts/echarts';
import { ChartCard } from '../charts/ChartCard';
import { EChart } from '../charts/EChart';
import type { Person } from '../../types';

type Series = RoleDashboard['series'][number];

/** A ratio or a swing as a percentage, anything else as it is with its unit. */
function display(s: Series, v: number): string {
  return s.kind === 'value' ? `${formatNumber(v)}${s.unit ? ` ${s.unit}` : ''}` : `${formatNumber(v * 100, 1)}%`;
}

function seriesOption(s: Series, months: string[]): ChartOption {
  const percent = s.kind !== 'value';
  return {
    grid: { left: 8, right: 12, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', scale: !percent, axisLabel: percent ? { formatter: (v: number) => `${Math.round(v * 100)}%` } : {} },
    tooltip: { renderMode: 'richText', trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? display(s, v) : '—') },
    series: [
      s.kind === 'swing'
        ? { name: s.label[locale.value], type: 'bar', color: COLORS.purple, data: s.values }
        : { name: s.label[locale.value], type: 'line', color: COLORS.accent, connectNulls: false, areaStyle: { opacity: 0.08 }, data: s.values },
    ],
  };
}

/**
 * The role dashboards (可视化仪表盘) from the metric store: a job function, a month range, the team in scope or one
 * person; one chart per figure (sales: signed amount, customers, deal size and its swing; R&D: task completion, review
 * pass rate, incidents; support: response time, satisfaction), each with PNG and the data as CSV.
 */
export function RoleDashboards() {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    void loadRoles();
    api.get<{ people: Person[] }>('/api/people?limit=200').then((r) => setPeople(r.people)).catch(() => setPeople([]));
  }, []);
  const f = roleFilters.value;
  const d = roleData.value;
  const csv = `/api/reports/roles?${roleQuery('csv')}`;
  const departments = [...new Set(people.map((p) => p.department).filter((d): d is string => !!d))].sort();
  return (
    <section class="role-dashboards" data-testid="role-dashboards">
      <h3>{t('roles.title')}</h3>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('roles.function')}</span>
          <select data-testid="roles-function" value={f.fn} onChange={(e) => setRoleFilters({ fn: e.currentTarget.value as typeof f.fn })}>
            {(['sales', 'rnd', 'support'] as const).map((fn) => (
              <option key={fn} value={fn}>
                {t(`roles.fn.${fn}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('roles.from')}</span>
          <input type="month" data-testid="roles-from" value={f.from} onChange={(e) => setRoleFilters({ from: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('roles.to')}</span>
          <input type="month" data-testid="roles-to" value={f.to} onChange={(e) => setRoleFilters({ to: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('roles.person')}</span>
          <input type="email" list="roles-people" data-testid="roles-person" placeholder={t('roles.team')} value={f.email} onChange={(e) => setRoleFilters({ email: e.currentTarget.value })} />
          <datalist id="roles-people">
            {people.map((p) => (
              <option key={p.email} value={p.email}>
                {p.name}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          <span>{t('dash.department')}</span>
          <input type="text" list="roles-departments" data-testid="roles-department" placeholder={t('dash.allDepartments')} disabled={!!f.email} value={f.department} onChange={(e) => setRoleFilters({ department: e.currentTarget.value })} />
          <datalist id="roles-departments">
            {departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
      </form>
      {roleError.value ? (
        <p class="error" role="alert">
          {errorText(roleError.value)}
        </p>
      ) : null}
      {d ? (
        <p class="muted small" data-testid="roles-people-count">
          {f.email ? t('roles.forPerson', { email: f.email }) : t('roles.forTeam', { people: d.people })}
        </p>
      ) : null}
      {d && d.series.every((s) => s.values.every((v) => v === null)) ? (
        <p class="muted card empty" data-testid="roles-empty">
          {roleLoading.value ? t('app.loading') : t('roles.empty')}
        </p>
      ) : null}
      <div class="dash-grid">
        {d?.series.map((s) => (
          <ChartCard key={`${d.function}-${s.key}`} id={`role-${s.key}`} title={`${s.label[locale.value]}${s.unit && s.kind === 'value' ? ` (${s.unit})` : ''}`} csvHref={csv}>
            {(onChart) => <EChart testid={`echart-role-${s.key}`} label={s.label[locale.value]} height={200} option={seriesOption(s, d.months)} onChart={onChart} />}
          </ChartCard>
        ))}
      </div>
    </section>
  );
}
