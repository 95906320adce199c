import { useEffect } from 'preact/hooks';
import { errorText } from '../../../errors';
import { formatRate } from '../../../format';
import { t } from '../../../i18n';
import { hrefOf } from '../../../store/route';
import { poolReport, poolReportFile } from '../../../store/talentPools';

/** Pool sizes, flow in/out per cycle, the share keeping a high rating, members by department (small groups hidden). */
export function PoolReportView() {
  useEffect(() => {
    void poolReport.load();
  }, []);
  const r = poolReport.data.value;
  if (poolReport.error.value && !r) return <p class="error" role="alert">{errorText(poolReport.error.value)}</p>;
  if (!r) return <p class="muted">{t('app.loading')}</p>;
  return (
    <div class="stack" data-testid="pool-report">
      <div class="panel-head">
        <h3>{t('talent.pools.report')}</h3>
        <span class="row-actions">
          <a class="button small" href={poolReportFile('csv')} download data-testid="pool-report-csv">
            CSV
          </a>
          <a class="button small" href={poolReportFile('xlsx')} download data-testid="pool-report-xlsx">
            XLSX
          </a>
          <a class="small" href={hrefOf('talent', 'pools')}>
            {t('talent.pools.back')}
          </a>
        </span>
      </div>
      <p class="small muted">{t('talent.pools.keepHint')}</p>
      {r.pools.map((p) => (
        <section key={p.id} class="card panel" data-testid="pool-report-pool" data-name={p.name}>
          <h3>{p.name}</h3>
          <p class="small" data-testid="pool-report-summary">
            {t('talent.pools.reportSummary', { size: p.size, proposed: p.proposed, kept: p.keep.kept, eligible: p.keep.eligible, share: formatRate(p.keep.share) })}
          </p>
          {p.flow.length > 0 && (
            <div class="table-scroll">
              <table class="data-table" data-testid="pool-report-flow">
                <thead>
                  <tr>
                    <th>{t('talent.pools.cycle')}</th>
                    <th class="num">{t('talent.pools.flowProposed')}</th>
                    <th class="num">{t('talent.pools.flowIn')}</th>
                    <th class="num">{t('talent.pools.flowDeclined')}</th>
                    <th class="num">{t('talent.pools.flowOut')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.flow.map((f) => (
                    <tr key={f.cycleId ?? 0}>
                      <td>{f.cycle ?? t('talent.pools.beforeCycles')}</td>
                      <td class="num">{f.proposed}</td>
                      <td class="num">{f.in}</td>
                      <td class="num">{f.declined}</td>
                      <td class="num">{f.out}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.departments.length > 0 && (
            <table class="data-table" data-testid="pool-report-departments">
              <thead>
                <tr>
                  <th>{t('talent.pools.department')}</th>
                  <th class="num">{t('talent.pools.memberCount')}</th>
                  <th class="num">{t('talent.pools.keepShare')}</th>
                </tr>
              </thead>
              <tbody>
                {p.departments.map((d) => (
                  <tr key={d.department}>
                    <td>{d.department}</td>
                    <td class="num">{d.members}</td>
                    <td class="num">{formatRate(d.keep.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.hiddenMembers > 0 && <p class="small muted">{t('talent.pools.hidden', { count: p.hiddenMembers, min: r.minGroup })}</p>}
        </section>
      ))}
    </div>
  );
}
