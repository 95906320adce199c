import { t } from '../../i18n';
import { talentPersonHref, type NineBoxCell, type NineBoxLevel } from '../../store/talent';

export const LEVELS: NineBoxLevel[] = ['high', 'medium', 'low'];

/** One cycle's 9-box: performance (rows) × potential (columns); a cell under the minimum group shows no count, no names. */
export function NineBoxGrid({ cells, minGroup }: { cells: NineBoxCell[]; minGroup: number }) {
  const cellOf = (performance: NineBoxLevel, potential: NineBoxLevel) => cells.find((c) => c.performance === performance && c.potential === potential);
  return (
    <div class="table-scroll">
      <table class="data-table nine-box talent-nine-box" data-testid="talent-ninebox">
        <thead>
          <tr>
            <th>{t('talent.ninebox.axes')}</th>
            {LEVELS.map((p) => (
              <th key={p}>{t('talent.ninebox.potential', { level: t(`talent.level.${p}`) })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((perf) => (
            <tr key={perf}>
              <th scope="row">{t('talent.ninebox.performance', { level: t(`talent.level.${perf}`) })}</th>
              {LEVELS.map((pot) => {
                const cell = cellOf(perf, pot);
                const hidden = cell !== undefined && cell.count === null;
                return (
                  <td key={pot} class="nine-cell" data-testid="talent-cell" data-performance={perf} data-potential={pot} data-count={cell?.count ?? (hidden ? 'hidden' : 0)}>
                    <strong class="num">{hidden ? t('talent.ninebox.hidden', { n: minGroup }) : (cell?.count ?? 0)}</strong>
                    {cell?.people && (
                      <ul class="plain-list small nine-names">
                        {cell.people.map((p) => (
                          <li key={p.id}>
                            <a href={talentPersonHref(p.id)} data-testid="talent-cell-person">{p.name}</a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
