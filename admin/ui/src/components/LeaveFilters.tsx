import { t } from '../i18n';
import { leaveFilter, leaveFrom, leaveTo, resetLeaveRange, setLeaveFilter, setLeaveRange } from '../store/leaves';

/** The leave list's date range and its e-mail (or name) filter. */
export function LeaveFilters() {
  const badRange = !!leaveFrom.value && !!leaveTo.value && leaveFrom.value > leaveTo.value;
  return (
    <>
      <form class="filters leave-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('leaves.from')}</span>
          <input type="date" data-testid="leave-from" required aria-invalid={badRange || undefined} value={leaveFrom.value} onInput={(e) => setLeaveRange('from', e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('leaves.to')}</span>
          <input type="date" data-testid="leave-to" required aria-invalid={badRange || undefined} value={leaveTo.value} onInput={(e) => setLeaveRange('to', e.currentTarget.value)} />
        </label>
        <label class="leave-filter-email">
          <span>{t('leaves.filter')}</span>
          <input
            type="search"
            data-testid="leave-filter"
            placeholder={t('leaves.filterPlaceholder')}
            value={leaveFilter.value}
            onInput={(e) => setLeaveFilter(e.currentTarget.value)}
          />
        </label>
        <button type="button" data-testid="leave-range-reset" onClick={resetLeaveRange}>
          {t('leaves.defaultRange')}
        </button>
      </form>
      {badRange && (
        <p class="error" role="alert" data-testid="leave-range-error">
          {t('leaves.badRange')}
        </p>
      )}
    </>
  );
}
