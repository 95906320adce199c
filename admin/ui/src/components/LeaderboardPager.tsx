import { t } from '../i18n';
import { offset, PAGE_SIZE, rows, rowsLoading, total, turnPage } from '../store/leaderboard';

/** Previous / next under the ranking table, with which places of how many are shown (a page of PAGE_SIZE). */
export function LeaderboardPager() {
  if (total.value <= PAGE_SIZE) return null;
  const from = offset.value + 1;
  const to = offset.value + rows.value.length;
  return (
    <div class="form-actions leaderboard-pager" data-testid="leaderboard-pager">
      <button type="button" data-testid="leaderboard-prev" disabled={rowsLoading.value || offset.value === 0} onClick={() => turnPage(-1)}>
        {t('leaderboard.prev')}
      </button>
      <span class="muted small" data-testid="leaderboard-places">
        {t('leaderboard.places', { from, to, total: total.value })}
      </span>
      <button type="button" data-testid="leaderboard-next" disabled={rowsLoading.value || offset.value + PAGE_SIZE >= total.value} onClick={() => turnPage(1)}>
        {t('leaderboard.next')}
      </button>
    </div>
  );
}
