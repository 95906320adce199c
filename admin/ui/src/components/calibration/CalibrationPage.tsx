import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';
import { calibrationSession } from '../../store/calibration';
import { hrefOf, isStaff } from '../../store/route';
import { BorderlineList } from './BorderlineList';
import { CalibrationChanges } from './CalibrationChanges';
import { CalibrationLock } from './CalibrationLock';
import { CalibrationMinutes } from './CalibrationMinutes';
import { CalibrationParticipants } from './CalibrationParticipants';
import { CalibrationReviews } from './CalibrationReviews';
import { DistributionTable } from './DistributionTable';
import { GradeChangeForm } from './GradeChangeForm';
import { ManagerMeans } from './ManagerMeans';
import { NineBox } from './NineBox';

/**
 * A calibration session (HR, admin, and the department heads invited): the distribution against the guideline,
 * managers' means, borderline people, the 9-box, all reviews, grade changes with reasons, the change list, minutes,
 * who takes part, and (HR, admin) lock / reopen.
 */
export function CalibrationPage({ sessionId }: { sessionId: number }) {
  const session = calibrationSession.of(sessionId);
  useEffect(() => {
    void session.load();
  }, [sessionId]);
  const s = session.data.value;
  if (session.error.value && !s) return <p class="error" role="alert" data-testid="calibration-load-error">{errorText(session.error.value)}</p>;
  if (!s) return <p class="muted">{t('app.loading')}</p>;
  return (
    <div class="calibration-page" data-testid="calibration-page" data-id={s.id} data-locked={s.locked ? 'yes' : 'no'}>
      <div class="panel-head">
        <h3>{t('calibration.title', { name: s.cycle.name })}</h3>
        <a class="small" href={hrefOf('reviews', `cycles/${s.cycle.id}`)} data-testid="calibration-back">
          {t('reviews.backTo', { name: s.cycle.name })}
        </a>
      </div>
      <p class="muted small">
        {t('calendar.range', { from: formatDate(s.cycle.periodStart), to: formatDate(s.cycle.periodEnd) })}
        {s.locked && s.lockedAt ? ` · ${t('calibration.lockedAt', { at: formatDateTime(s.lockedAt) })}` : ''}
      </p>
      <div class="calibration-columns">
        <DistributionTable session={s} />
        <ManagerMeans session={s} />
      </div>
      <div class="calibration-columns">
        <BorderlineList session={s} />
        <NineBox session={s} />
      </div>
      <CalibrationReviews session={s} />
      <GradeChangeForm key={s.id} session={s} />
      <CalibrationChanges session={s} />
      <CalibrationMinutes key={`${s.id}:${s.locked}`} session={s} />
      <CalibrationParticipants session={s} />
      {isStaff.value && <CalibrationLock session={s} />}
    </div>
  );
}
