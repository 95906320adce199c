import { t } from '../i18n';
import type { LeaderboardRow } from '../types';
import { ChartCard } from './charts/ChartCard';
import { COLORS } from './charts/colors';
import { EChart } from './charts/EChart';
import './charts/charts.css';

/** The top of the month's ranking as horizontal ECharts bars (the longest for the top score), exportable as PNG. */
export function LeaderboardChart({ rows, title }: { rows: LeaderboardRow[]; title: string }) {
  return (
    <ChartCard id="leaderboard" title={title}>
      {(onChart) =>
        rows.length === 0 ? (
          <p class="muted empty">{t('leaderboard.empty')}</p>
        ) : (
          <div data-testid="leaderboard-chart" data-scores={rows.map((r) => r.score).join(',')}>
            <EChart
              testid="echart-leaderboard"
              label={t('leaderboard.chartTitle', { count: rows.length })}
              height={Math.max(160, 30 + rows.length * 28)}
              onChart={onChart}
              option={{
                grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
                tooltip: { renderMode: 'richText', trigger: 'item' },
                yAxis: { type: 'category', inverse: true, data: rows.map((r) => `${r.rank}. ${r.name}`), axisLabel: { width: 120, overflow: 'truncate' } },
                xAxis: { type: 'value', minInterval: 1 },
                series: [{ type: 'bar', name: t('leaderboard.score'), color: COLORS.accent, data: rows.map((r) => r.score), label: { show: true, position: 'right' } }],
              }}
            />
          </div>
        )
      }
    </ChartCard>
  );
}
