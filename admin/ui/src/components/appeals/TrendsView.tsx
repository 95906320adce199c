import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { appealReport, pulseReport } from '../../store/appeals';

const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;

/**
 * The two figures the source case tracks over cycles (`#/reviews/trends`): acceptance of the result out of 10 (the
 * anonymous pulse; groups under 5 never shown) and appeals per cycle, with the change from the first cycle.
 */
export function TrendsView() {
  useEffect(() => {
    void appealReport.load();
    void pulseReport.load();
  }, []);
  const a = appealReport.data.value;
  const p = pulseReport.data.value;
  const failed = appealReport.error.value ?? pulseReport.error.value;
  if (failed && (!a || !p)) return <p class="error" role="alert">{errorText(failed)}</p>;
  if (!a || !p) return <p class="muted">{t('app.loading')}</p>;
  return (
    <div class="stack" data-testid="trends-view">
      <section class="card panel">
        <h3>{t('trends.headline')}</h3>
        <p class="big-figures">
          <span data-testid="trend-acceptance">{p.change ? t('trends.acceptanceChange', { from: p.change.from, to: p.change.to }) : t('trends.noAcceptance')}</span>
          {' · '}
          <span data-testid="trend-appeals">{a.change === null ? t('trends.noAppealChange') : t('trends.appealChange', { change: `${a.change > 0 ? '+' : ''}${Math.round(a.change * 100)}%` })}</span>
        </p>
      </section>
      <section class="card panel" data-testid="trend-pulse">
        <h3>{t('trends.pulse', { min: p.minGroup })}</h3>
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th>{t('trends.cycle')}</th>
                <th class="num">{t('trends.responses')}</th>
                <th class="num">{t('trends.acceptance')}</th>
                <th class="num">{t('trends.clarity')}</th>
                <th>{t('trends.departments')}</th>
              </tr>
            </thead>
            <tbody>
              {p.cycles.map((c) => (
                <tr key={c.cycleId} data-testid="pulse-row">
                  <td>{c.name}</td>
                  <td class="num">{`${c.overall?.responses ?? '<5'} / ${c.asked}`}</td>
                  <td class="num">{c.overall ? c.overall.acceptance : '—'}</td>
                  <td class="num">{c.overall ? `${c.overall.clarity} (${percent(c.overall.clarityAgree)})` : '—'}</td>
                  <td class="small">
                    {c.departments.map((d) => `${d.department} ${d.acceptance}`).join(' · ')}
                    {c.hiddenGroups > 0 ? ` ${t('trends.hidden', { count: c.hiddenGroups })}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card panel" data-testid="trend-appeals-table">
        <h3>{t('trends.appeals')}</h3>
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th>{t('trends.cycle')}</th>
                <th class="num">{t('trends.appealCount')}</th>
                <th class="num">{t('trends.rate')}</th>
                <th class="num">{t('trends.outcomes')}</th>
                <th>{t('trends.departments')}</th>
              </tr>
            </thead>
            <tbody>
              {a.cycles.map((c) => (
                <tr key={c.cycleId} data-testid="appeal-row">
                  <td>{c.name}</td>
                  <td class="num">{`${c.appeals} / ${c.reviews}`}</td>
                  <td class="num">{percent(c.rate)}</td>
                  <td class="num">{t('trends.outcomeCounts', { open: c.open, upheld: c.upheld, changed: c.changed })}</td>
                  <td class="small">
                    {c.departments
                      .filter((d) => d.appeals > 0)
                      .map((d) => `${d.department} ${d.appeals}`)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
