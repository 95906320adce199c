import { t } from '../i18n';
import type { LeaderboardRow } from '../types';

/** Horizontal bars, the longest for the top score; plain CSS widths. */
export function LeaderboardChart({ rows }: { rows: LeaderboardRow[] }) {
  if (rows.length === 0) return <p class="muted empty">{t('leaderboard.empty')}</p>;
  const max = Math.max(...rows.map((r) => r.score), 1);
  return (
    <ol class="bar-chart" aria-label={t('leaderboard.chartTitle', { count: rows.length })}>
      {rows.map((r) => (
        <li key={r.personId} class="bar-row" data-testid="leaderboard-bar" data-person-id={r.personId}>
          <span class="bar-label" title={r.department ?? undefined}>
            <span class="bar-rank">{r.rank}</span>
            {r.name}
          </span>
          <span class="bar-track">
            <span class="bar-fill" style={{ width: `${Math.max(2, (r.score / max) * 100)}%` }} />
          </span>
          <span class="bar-value">{r.score}</span>
        </li>
      ))}
    </ol>
  );
}
