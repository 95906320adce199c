import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { ReviewCycle } from '../../reviewShapes';
import { openedHere, releasedHere, releaseCycle } from '../../store/reviews';
import { ActionButton } from '../ActionButton';
import { hrefOf, isStaff } from '../../store/route';
import { CalibrateButton } from './CalibrateButton';
import { CycleOpenButton } from './CycleOpenButton';

/** One cycle: its name (to its reviews), status, period and progress; HR and admin open a planned one here, and calibrate and release an open one. */
export function CycleRow({ cycle: c }: { cycle: ReviewCycle }) {
  const opened = openedHere.value.get(c.id);
  return (
    <li class="plain-item" data-testid="cycle-row" data-id={c.id} data-status={c.status}>
      <a class="plain-main" href={hrefOf('reviews', `cycles/${c.id}`)} data-testid="cycle-open">
        {c.name}
      </a>
      <span class="badge">{t(`reviews.cycleStatus.${c.status}`)}</span>
      {c.drafting && (
        <span class="badge badge-late" role="status" data-testid="cycle-drafting" data-drafted={c.drafting.drafted} data-total={c.drafting.total}>
          {t('reviews.drafting', { drafted: c.drafting.drafted, total: c.drafting.total })}
        </span>
      )}
      <span class="cell-sub">
        {t('calendar.range', { from: formatDate(c.periodStart), to: formatDate(c.periodEnd) })} ·{' '}
        {t('reviews.cycles.progress', { submitted: c.submitted, reviews: c.reviews })}
      </span>
      {isStaff.value && c.status === 'planned' && <CycleOpenButton cycleId={c.id} />}
      {isStaff.value && c.status === 'open' && <CalibrateButton cycleId={c.id} />}
      {isStaff.value && c.status === 'open' && !c.drafting && <ActionButton label={t('reviews.release')} testId="cycle-release" run={() => releaseCycle(c.id)} />}
      {c.status !== 'planned' && (
        <a class="small" href={hrefOf('reviews', `report/${c.id}`)} data-testid="cycle-report">
          {t('report.open')}
        </a>
      )}
      {releasedHere.value.has(c.id) && (
        <p class="notice notice-ok small cell-sub" role="status" data-testid="cycle-released">
          {t('reviews.releasedCount', { told: releasedHere.value.get(c.id)! })}
        </p>
      )}
      {opened !== undefined && (
        <p class="notice notice-ok small cell-sub" role="status" data-testid="cycle-opened" data-reviews={opened}>
          {t('reviews.cycleOpened', { count: opened })}
        </p>
      )}
    </li>
  );
}
