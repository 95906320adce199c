import type { CalibrationSession } from '../../calibrationShapes';
import { t } from '../../i18n';

/** Who takes part beside HR: the department heads HR invited (told in chat with the session's address). */
export function CalibrationParticipants({ session: s }: { session: CalibrationSession }) {
  return (
    <section class="card panel" data-testid="calibration-participants">
      <h3>{t('calibration.participants')}</h3>
      {s.participants.length === 0 ? (
        <p class="muted small">{t('calibration.noParticipants')}</p>
      ) : (
        <p class="small">{s.participants.map((p) => p.name).join(' · ')}</p>
      )}
    </section>
  );
}
