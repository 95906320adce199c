import { t } from '../../i18n';
import type { CalibrationSession } from '../../calibrationShapes';

/** Each manager's mean score against the company's; far above is lenient, far below harsh. */
export function ManagerMeans({ session: s }: { session: CalibrationSession }) {
  return (
    <section class="card panel" data-testid="calibration-managers" aria-labelledby="calibration-managers-title">
      <h3 id="calibration-managers-title">{t('calibration.managers')}</h3>
      <p class="muted small">{t('calibration.companyMean', { mean: s.companyMean ?? '—' })}</p>
      {s.managers.length === 0 ? (
        <p class="muted">{t('calibration.noGrades')}</p>
      ) : (
        <ul class="plain-list">
          {s.managers.map((m) => (
            <li key={m.managerId} class="plain-item" data-testid="calibration-manager" data-mark={m.mark ?? ''}>
              <span class="plain-main">{m.name ?? '—'}</span>
              {m.mark && <span class={`badge ${m.mark === 'lenient' ? 'badge-late' : 'badge-harsh'}`} data-testid="manager-mark">{t(`calibration.mark.${m.mark}`)}</span>}
              <span class="cell-sub">{t('calibration.managerMean', { mean: m.mean, delta: m.delta > 0 ? `+${m.delta}` : m.delta, count: m.count })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
