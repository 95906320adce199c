import { t } from '../../i18n';
import { openCycle } from '../../store/reviews';
import { ActionButton } from '../ActionButton';

/** HR and admin open a planned cycle: one review per person in scope (`no_template` when a function has none). */
export function CycleOpenButton({ cycleId }: { cycleId: number }) {
  return <ActionButton label={t('reviews.openCycle')} testId="cycle-open-reviews" run={() => openCycle(cycleId)} />;
}
