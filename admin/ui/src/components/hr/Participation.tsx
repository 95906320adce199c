import type { HrOverview } from '../../apiShapes';
import { formatRate } from '../../format';
import { t } from '../../i18n';

const KEYS = ['asked', 'answered', 'late', 'missing', 'excused'] as const;

/** This week's standup company-wide: asked, answered, late, missing, excused. */
export function Participation({ overview }: { overview: HrOverview }) {
  return (
    <section class="card panel" data-testid="hr-participation" aria-labelledby="hr-participation-title">
      <h3 id="hr-participation-title">
        {overview.periodKey ? t('hr.participation', { week: overview.periodKey }) : t('hr.noWeek')}
      </h3>
      <dl class="stat-row">
        {KEYS.map((k) => (
          <div key={k} class="stat" data-testid="hr-stat" data-key={k}>
            <dt>{t(`hr.stat.${k}`)}</dt>
            <dd>{overview[k]}</dd>
          </div>
        ))}
        <div class="stat" data-testid="hr-stat" data-key="rate">
          <dt>{t('hr.stat.rate')}</dt>
          <dd>{formatRate(overview.asked ? overview.answered / overview.asked : null)}</dd>
        </div>
      </dl>
    </section>
  );
}
