import { t } from '../../i18n';
import type { CalibrationSession, NineBoxLevel } from '../../calibrationShapes';

const LEVELS: NineBoxLevel[] = ['high', 'medium', 'low'];

/** Performance (rows) × potential (columns), each high / medium / low: how many people in each cell. */
export function NineBox({ session: s }: { session: CalibrationSession }) {
  const countOf = (performance: NineBoxLevel, potential: NineBoxLevel) => s.nineBox.find((c) => c.performance === performance && c.potential === potential)?.count ?? 0;
  return (
    <section class="card panel" data-testid="calibration-ninebox" aria-labelledby="calibration-ninebox-title">
      <h3 id="calibration-ninebox-title">{t('calibration.nineBox')}</h3>
      <div class="table-scroll">
        <table class="data-table nine-box">
          <thead>
            <tr>
              <th>{t('calibration.performanceByPotential')}</th>
              {LEVELS.map((p) => (
                <th key={p} class="num">{t(`calibration.level.${p}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {LEVELS.map((perf) => (
              <tr key={perf}>
                <th scope="row">{t(`calibration.level.${perf}`)}</th>
                {LEVELS.map((pot) => (
                  <td key={pot} class="num nine-cell" data-testid="ninebox-cell" data-performance={perf} data-potential={pot}>
                    {countOf(perf, pot)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
