import { t } from '../../i18n';
import type { NineBoxHistory, NineBoxLevel } from '../../store/talent';

const box = (b: { performance: NineBoxLevel; potential: NineBoxLevel }) => t('talent.box', { performance: t(`talent.level.${b.performance}`), potential: t(`talent.level.${b.potential}`) });

/** How many people moved from one box to another between consecutive cycles (groups under five left out). */
export function TransitionsTable({ data }: { data: NineBoxHistory }) {
  const name = (id: number) => data.cycles.find((c) => c.id === id)?.name ?? String(id);
  return (
    <section class="card panel" data-testid="talent-transitions">
      <h3>{t('talent.transitions.title')}</h3>
      {data.transitions.length === 0 ? (
        <p class="muted small">{t('talent.transitions.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th>{t('talent.transitions.cycles')}</th>
                <th>{t('talent.transitions.from')}</th>
                <th>{t('talent.transitions.to')}</th>
                <th class="num">{t('talent.transitions.count')}</th>
              </tr>
            </thead>
            <tbody>
              {data.transitions.map((m) => (
                <tr key={`${m.fromCycleId}-${m.toCycleId}-${m.from.performance}${m.from.potential}-${m.to.performance}${m.to.potential}`} data-testid="talent-transition">
                  <td>{name(m.fromCycleId)} → {name(m.toCycleId)}</td>
                  <td>{box(m.from)}</td>
                  <td>{box(m.to)}{m.from.performance === m.to.performance && m.from.potential === m.to.potential ? ` · ${t('talent.transitions.stayed')}` : ''}</td>
                  <td class="num">{m.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.hiddenMoves > 0 && <p class="muted small" data-testid="talent-hidden-moves">{t('talent.transitions.hidden', { n: data.hiddenMoves, min: data.minGroup })}</p>}
    </section>
  );
}
