import { useEffect, useRef } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { closeGoal, detail } from '../store/goalDetail';
import { metricDefinitions } from '../store/reviewCatalogue';
import { GoalAdjustForm } from './GoalAdjustForm';
import { GoalCheckIns } from './GoalCheckIns';
import { GoalCheckpoints } from './GoalCheckpoints';
import { GoalFacts } from './GoalFacts';
import { GoalRevisions } from './GoalRevisions';

/** The open goal: its figures, the adjust form (when the server says this reader may adjust it), checkpoints, check-ins and revision history. */
export function GoalDetailPanel() {
  const state = detail.value;
  const ref = useRef<HTMLElement>(null);
  const id = state.status === 'none' ? null : state.id;

  // The metric names a key result follows (and the editor offers) come from the catalogue, fresh for each goal opened.
  useEffect(() => {
    if (id !== null) void metricDefinitions.load();
  }, [id]);

  // Opening a goal brings the panel into view (it sits below the tree on a phone).
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [id]);

  if (state.status === 'none') return null;
  const goal = state.status === 'ok' ? state.detail.goal : undefined;
  return (
    <section class="card panel goal-detail" data-testid="goal-detail" data-goal-id={state.id} data-status={state.status} ref={ref} aria-label={goal?.title ?? t('goals.detailTitle')}>
      <div class="goal-detail-head">
        <h3 data-testid="goal-detail-title">{goal?.title ?? t('goals.detailTitle')}</h3>
        <button type="button" class="icon-button" data-testid="goal-detail-close" aria-label={t('goals.close')} title={t('goals.close')} onClick={closeGoal}>
          ×
        </button>
      </div>
      {state.status === 'loading' && <p class="muted">{t('app.loading')}</p>}
      {state.status === 'error' && (
        <p class="error" role="alert" data-testid="goal-detail-error">
          {errorText(state.error)}
        </p>
      )}
      {state.status === 'ok' && !goal && <p class="muted">{t('error.not_found')}</p>}
      {state.status === 'ok' && goal && (
        <>
          <GoalFacts goal={goal} />
          {state.detail.canEdit && <GoalAdjustForm key={goal.id} goal={goal} />}
          <GoalCheckpoints checkpoints={state.detail.checkpoints} />
          <GoalCheckIns checkIns={state.detail.checkIns} goal={goal} />
          <GoalRevisions revisions={state.detail.revisions} />
        </>
      )}
    </section>
  );
}
