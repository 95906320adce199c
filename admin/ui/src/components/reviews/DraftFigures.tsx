import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format';
import { t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';
import { localText } from '../../reviewText';
import { isStaff } from '../../store/route';
import { MetricCorrectForm } from './MetricCorrectForm';

/** The period's metrics (value and where it came from; HR and admin correct one), the goals with their progress and check-ins, the points. */
export function DraftFigures({ draft: d }: { draft: ReviewDraft }) {
  return (
    <section class="card panel" data-testid="review-figures">
      <h3>{t('reviews.figures')}</h3>
      <h4 class="subhead">{t('reviews.metrics')}</h4>
      {d.metrics.length === 0 ? (
        <p class="muted small">{t('reviews.noMetrics')}</p>
      ) : (
        <ul class="plain-list">
          {d.metrics.map((m) => (
            <li key={m.metric} class="plain-item" data-testid="review-metric" data-metric={m.metric}>
              <span class="plain-main">{localText(m.label) || m.metric}</span>
              <strong>{m.display ?? formatNumber(m.value, 4)}</strong>
              <span class="cell-sub" data-testid="metric-source" data-source={m.source}>
                {t('reviews.source', { source: m.source, ref: m.sourceRef ? ` · ${m.sourceRef}` : '' })}
                {m.fetchedAt && <span data-testid="metric-fetched"> · {t('reviews.fetchedAt', { at: formatDateTime(m.fetchedAt) })}</span>}
              </span>
              {isStaff.value && <MetricCorrectForm key={`${m.metric}:${m.value}`} draft={d} metric={m} />}
            </li>
          ))}
        </ul>
      )}
      <h4 class="subhead">{t('reviews.goals')}</h4>
      {d.goals.length === 0 ? (
        <p class="muted small">{t('reviews.noGoals')}</p>
      ) : (
        <ul class="plain-list">
          {d.goals.map((g) => (
            <li key={g.id} class="plain-item" data-testid="review-goal">
              <span class="plain-main">{g.title}</span>
              <strong>{formatPercent(g.progress)}</strong>
              <span class="cell-sub">
                {g.checkIns.length === 0
                  ? t('reviews.noCheckIns')
                  : g.checkIns.map((c) => `${formatDate(c.at.slice(0, 10), 'short')} ${formatNumber(c.value)}${c.auto ? ` (${t('goals.auto')})` : c.onTime ? '' : ` (${t('log.late')})`}`).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p class="small" data-testid="review-points">{t('reviews.points', { points: d.points ?? 0 })}</p>
    </section>
  );
}
