import { t } from '../../i18n';
import type { CalibrationSession } from '../../calibrationShapes';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Each grade's count and share against the guideline; a share far off the guideline is highlighted. */
export function DistributionTable({ session: s }: { session: CalibrationSession }) {
  return (
    <section class="card panel" data-testid="calibration-distribution" aria-labelledby="calibration-distribution-title">
      <h3 id="calibration-distribution-title">{t('calibration.distribution')}</h3>
      <div class="table-scroll">
        <table class="data-table">
          <thead>
            <tr>
              <th>{t('reviews.grade')}</th>
              <th class="num">{t('calibration.count')}</th>
              <th class="num">{t('calibration.percent')}</th>
              <th class="num">{t('calibration.guideline')}</th>
              <th class="num">{t('calibration.deviation')}</th>
            </tr>
          </thead>
          <tbody>
            {s.distribution.map((d) => (
              <tr key={d.grade} class={d.highlight ? 'row-highlight' : undefined} data-testid="distribution-row" data-grade={d.grade} data-highlight={d.highlight ? 'yes' : 'no'}>
                <td class="score">{d.grade}</td>
                <td class="num">{d.count}</td>
                <td class="num">{d.percent}%</td>
                <td class="num">{d.guideline}%</td>
                <td class="num">{signed(d.deviation)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
