import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { detail } from '../store/goalDetail';
import { collapseAll, expandAll, goalPeriod, goals, goalsError, goalsLoading, loadGoals, setGoalPeriod } from '../store/goals';
import { isStaff } from '../store/route';
import { GoalDetailPanel } from './GoalDetailPanel';
import { GoalImportPanel } from './GoalImportPanel';
import { GoalTree } from './GoalTree';

/** The goal tree beside the open goal's detail (stacked on a phone); admin/HR also get the CSV import. */
export function GoalTreeView() {
  useEffect(() => {
    void loadGoals();
  }, []);

  const list = goals.value;
  const open = detail.value.status !== 'none';
  return (
    <div class={open ? 'goals-layout with-detail' : 'goals-layout'}>
      <div class="goals-main">
        {isStaff.value && <GoalImportPanel />}
        <section class="card panel goal-tree-panel" aria-label={t('goals.treeTitle')}>
          <div class="panel-head">
            <h3>{t('goals.treeTitle')}</h3>
            <div class="panel-tools">
              <PeriodSwitch />
              {list.length > 0 && (
                <>
                <button type="button" class="link-button" data-testid="goals-expand-all" onClick={expandAll}>
                  {t('goals.expandAll')}
                </button>
                <button type="button" class="link-button" data-testid="goals-collapse-all" onClick={collapseAll}>
                  {t('goals.collapseAll')}
                </button>
                </>
              )}
            </div>
          </div>
          {goalsError.value ? (
            <p class="error" role="alert" data-testid="goals-error">
              {errorText(goalsError.value)}
            </p>
          ) : null}
          {list.length === 0 ? (
            <p class="muted empty" data-testid="goals-empty">
              {goalsLoading.value ? t('app.loading') : goalPeriod.value === 'current' ? t('goals.emptyCurrent') : t('goals.empty')}
            </p>
          ) : (
            <>
              <p class="goal-legend muted small">
                <span class="goal-legend-marker" aria-hidden="true" />
                {t('goals.legend')}
              </p>
              <GoalTree goals={list} />
            </>
          )}
        </section>
      </div>
      {open ? (
        <GoalDetailPanel />
      ) : (
        list.length > 0 && (
          <p class="card muted empty goal-detail-hint" data-testid="goal-detail-hint">
            {t('goals.pickGoal')}
          </p>
        )
      )}
    </div>
  );
}

/** Current goals by default; the whole history or one year on demand (the last few calendar years). */
function PeriodSwitch() {
  const year = new Date().getFullYear();
  const years = [year, year - 1, year - 2, year - 3];
  return (
    <label class="goal-period">
      <span class="muted small">{t('goals.periodSwitch')}</span>{' '}
      <select data-testid="goals-period" value={goalPeriod.value} onChange={(e) => setGoalPeriod((e.target as HTMLSelectElement).value)}>
        <option value="current">{t('goals.periodCurrent')}</option>
        <option value="all">{t('goals.periodAll')}</option>
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {String(y)}
          </option>
        ))}
      </select>
    </label>
  );
}
