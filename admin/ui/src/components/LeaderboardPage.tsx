import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { loadLeaderboard, rows, rowsError } from '../store/leaderboard';
import { LeaderboardChart } from './LeaderboardChart';
import { LeaderboardFilters } from './LeaderboardFilters';
import { LeaderboardTable } from './LeaderboardTable';
import { SnapshotSection } from './SnapshotSection';

/** How many people the bar chart shows. */
const CHART_SIZE = 10;

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
        <LeaderboardChart title={t('leaderboard.chartTitle', { count: CHART_SIZE })} rows={rows.value.slice(0, CHART_SIZE)} />
        <section class="card panel">
          <h3>{t('leaderboard.tableTitle')}</h3>
          <LeaderboardTable />
        </section>
      </div>
      <SnapshotSection />
    </div>
  );
}
