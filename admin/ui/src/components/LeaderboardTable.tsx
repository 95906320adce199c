import { t } from '../i18n';
import { rows, rowsLoading } from '../store/leaderboard';

export function LeaderboardTable() {
  const list = rows.value;
  if (list.length === 0) {
    return (
      <p class="muted empty" data-testid="leaderboard-empty">
        {rowsLoading.value ? t('app.loading') : t('leaderboard.empty')}
      </p>
    );
  }
  return (
    <table class="data-table leaderboard-table">
      <thead>
        <tr>
          <th class="num">{t('leaderboard.rank')}</th>
          <th>{t('leaderboard.name')}</th>
          <th class="num">{t('leaderboard.score')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((r) => (
          <tr key={r.personId} data-testid="leaderboard-row" data-person-id={r.personId} data-rank={r.rank}>
            <td class="num">
              <span class={r.rank <= 3 ? `rank-badge rank-${r.rank}` : 'rank-badge'}>{r.rank}</span>
            </td>
            <td>
              <div class="cell-main" data-testid="leaderboard-name">{r.name}</div>
              {r.department && <div class="cell-sub">{r.department}</div>}
            </td>
            <td class="num score" data-testid="leaderboard-score">{r.score}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
