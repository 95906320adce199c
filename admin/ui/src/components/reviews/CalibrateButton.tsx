import { t } from '../../i18n';
import { startCalibration } from '../../store/calibration';
import { calibrationHref } from '../../store/route';
import { ActionButton } from '../ActionButton';

/** HR and admin start a calibration session over an open cycle and go to it. */
export function CalibrateButton({ cycleId }: { cycleId: number }) {
  return (
    <ActionButton
      label={t('calibration.start')}
      testId="cycle-calibrate"
      run={async () => {
        location.hash = calibrationHref(await startCalibration(cycleId));
      }}
    />
  );
}
