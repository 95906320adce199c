import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { leaveFilter, leavesError, leavesLoading, loadLeaves, visibleLeaves } from '../store/leaves';
import { LeaveFilters } from './LeaveFilters';
import { LeaveForm } from './LeaveForm';
import { LeaveItem } from './LeaveItem';
import { LeaveOutcome } from './LeaveOutcome';

/** People's leave in a date range (this month and the next two by default), filtered by e-mail; add and remove. */
export function LeavePanel() {
  useEffect(() => {
    void loadLeaves();
  }, []);

  const list = visibleLeaves.value;
  return (
    <section class="card panel leave-panel" data-testid="leave-panel" aria-labelledby="leave-title">
      <div class="panel-head">
        <h3 id="leave-title">{t('leaves.title')}</h3>
      </div>
      <p class="muted small panel-hint">{t('leaves.hint')}</p>
      <div class="leave-layout">
        <div class="leave-main">
          <LeaveFilters />
          <LeaveOutcome />
          {leavesError.value ? (
            <p class="error" role="alert" data-testid="leaves-error">
              {errorText(leavesError.value)}
            </p>
          ) : null}
          {list.length === 0 ? (
            <p class="muted empty" data-testid="leaves-empty">
              {leavesLoading.value ? t('app.loading') : leaveFilter.value.trim() ? t('leaves.emptyFiltered') : t('leaves.empty')}
            </p>
          ) : (
            <ul class="leave-list" data-testid="leave-list">
              {list.map((l) => (
                <LeaveItem key={l.id} leave={l} />
              ))}
            </ul>
          )}
        </div>
        <LeaveForm />
      </div>
    </section>
  );
}
