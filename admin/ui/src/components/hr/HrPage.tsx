import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { hrOverview } from '../../store/hrOverview';
import { hrefOf } from '../../store/route';
import { DepartmentTable } from './DepartmentTable';
import { Participation } from './Participation';

/** HR overview: this week's participation, by department, and what waits for HR. */
export function HrPage() {
  useEffect(() => {
    void hrOverview.load();
  }, []);

  const o = hrOverview.data.value;
  return (
    <div class="page hr-page" data-testid="hr-page">
      <div class="page-head">
        <h2>{t('hr.title')}</h2>
      </div>
      {hrOverview.error.value ? <p class="error" role="alert">{errorText(hrOverview.error.value)}</p> : null}
      {!o ? (
        !hrOverview.error.value && <p class="muted">{t('app.loading')}</p>
      ) : (
        <>
          <Participation overview={o} />
          <section class="card panel" data-testid="hr-work" aria-label={t('hr.work')}>
            <dl class="stat-row">
              <div class="stat" data-testid="hr-pending">
                <dt>{t('hr.pendingRedemptions')}</dt>
                <dd>
                  <a href={hrefOf('redemptions')}>{o.pendingRedemptions}</a>
                </dd>
              </div>
              <div class="stat" data-testid="hr-overdue">
                <dt>{t('hr.overdueCheckins')}</dt>
                <dd>{o.overdueCheckins}</dd>
              </div>
              <div class="stat" data-testid="hr-active">
                <dt>{t('hr.activePeople')}</dt>
                <dd>{o.activePeople}</dd>
              </div>
            </dl>
          </section>
          <DepartmentTable overview={o} />
        </>
      )}
    </div>
  );
}
