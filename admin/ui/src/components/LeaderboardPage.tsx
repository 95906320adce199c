import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { CHART_SIZE, loadLeaderboard, rowsError, topRows } from '../store/leaderboard';
import { LeaderboardChart } from './LeaderboardChart';
import { LeaderboardFilters } from './LeaderboardFilters';
import { LeaderboardPager } from './LeaderboardPager';
import { LeaderboardTable } from './LeaderboardTable';
import { SnapshotSection } from './SnapshotSection';

export function LeaderboardPage() {
  useEffect(() => {
    void loadLeaderboard({ fresh: true });
  }, []);

  return (
    <div class="page leaderboard-page" data-testid="leaderboard-page">
      <div class="page-head">
        <h2>{t('leaderboard.title')}</h2>
        <LeaderboardFilters />
      </div>
      {rowsError.value ? (
        <p class="error" role="alert" data-testid="leaderboard-error">
          {errorText(rowsError.value)}
        </p>
      ) : null}
      <div class="leaderboard-grid">
        <LeaderboardChart title={t('leaderboard.chartTitle', { count: CHART_SIZE })} rows={topRows.value} />
        <section class="card panel">
          <h3>{t('leaderboard.tableTitle')}</h3>
          <LeaderboardTable />
          <LeaderboardPager />
        </section>
      </div>
      <SnapshotSection />
    </div>
  );
}
