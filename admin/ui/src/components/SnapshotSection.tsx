import { errorText } from '../errors';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { loadMoreSnapshot, snapshot } from '../store/leaderboard';

/** The month's leaderboard exactly as it was announced in chat (frozen), if it has been. */
export function SnapshotSection() {
  const state = snapshot.value;
  return (
    <section class="card panel snapshot" data-testid="snapshot-section" data-status={state.status}>
      <h3>{t('snapshot.title')}</h3>
      {state.status === 'loading' && <p class="muted">{t('app.loading')}</p>}
      {state.status === 'none' && (
        <p class="muted" data-testid="snapshot-none">
          {t('snapshot.none')}
        </p>
      )}
      {state.status === 'error' && (
        <p class="error" role="alert">
          {errorText(state.error)}
        </p>
      )}
      {state.status === 'ok' && (
        <>
          <p class="muted snapshot-meta">
            {state.snapshot.cutoffScore === null
              ? t('snapshot.metaEmpty', { time: formatDateTime(state.snapshot.takenAt), population: state.snapshot.population })
              : t('snapshot.meta', {
                  time: formatDateTime(state.snapshot.takenAt),
                  population: state.snapshot.population,
                  cutoff: state.snapshot.cutoffScore,
                })}
          </p>
          {state.snapshot.entries.length === 0 ? (
            <p class="muted">{t('leaderboard.empty')}</p>
          ) : (
            <ol class="snapshot-list">
              {state.snapshot.entries.map((e) => (
                <li
                  key={e.personId}
                  class={e.top ? 'snapshot-entry top' : 'snapshot-entry'}
                  data-testid="snapshot-entry"
                  data-person-id={e.personId}
                  data-top={String(e.top)}
                >
                  <span class="rank-badge">{e.rank}</span>
                  <span class="snapshot-name">
                    <span class="cell-main">{e.name}</span>
                    {e.department && <span class="cell-sub">{e.department}</span>}
                  </span>
                  {e.top && <span class="badge top-badge">{t('snapshot.top')}</span>}
                  <span class="snapshot-score">{t('points.value', { points: e.score })}</span>
                </li>
              ))}
            </ol>
          )}
          {state.snapshot.nextOffset != null && (
            <div class="form-actions">
              <span class="muted small" data-testid="snapshot-shown">
                {t('snapshot.shown', { shown: state.snapshot.entries.length, total: state.snapshot.total ?? state.snapshot.entries.length })}
              </span>
              <button type="button" data-testid="snapshot-more" onClick={() => void loadMoreSnapshot()}>
                {t('snapshot.more')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
