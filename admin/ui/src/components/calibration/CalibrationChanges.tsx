import type { CalibrationSession } from '../../calibrationShapes';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

/** The session's grade changes, oldest first: who, when, before → after, the reason and any override reason. */
export function CalibrationChanges({ session: s }: { session: CalibrationSession }) {
  const nameOf = (id: number) => s.reviews.find((r) => r.reviewId === id)?.name ?? `#${id}`;
  return (
    <section class="card panel" data-testid="calibration-changes" aria-labelledby="calibration-changes-title">
      <h3 id="calibration-changes-title">{t('calibration.changes')}</h3>
      {s.changes.length === 0 ? (
        <p class="muted" data-testid="calibration-no-changes">{t('calibration.noChanges')}</p>
      ) : (
        <ol class="timeline">
          {s.changes.map((c, i) => (
            <li key={c.id ?? i} class="timeline-entry" data-testid="calibration-change" data-review={c.reviewId} data-before={c.before ?? ''} data-after={c.after}>
              <span class="timeline-title">{nameOf(c.reviewId)}</span>
              <span class="score">{`${c.before ?? '—'} → ${c.after}`}</span>
              <span class="muted small">{t('calibration.changeBy', { actor: c.actor ?? '—', at: formatDateTime(c.at) })}</span>
              <p class="timeline-detail">{t('calibration.changeReason', { reason: c.reason })}</p>
              {c.overrideReason && <p class="timeline-detail" data-testid="calibration-change-override">{t('calibration.changeOverride', { reason: c.overrideReason })}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
