import { errorText } from '../../errors';
import { formatDateTime, localName } from '../../format';
import { t } from '../../i18n';
import { myPoints } from '../../store/myPoints';
import { hrefOf } from '../../store/route';

/** My balance, this month's score and rank, and my redemptions. */
export function MyPointsPanel() {
  const points = myPoints.data.value;
  return (
    <section class="card panel" data-testid="my-points" aria-labelledby="my-points-title">
      <div class="panel-head">
        <h3 id="my-points-title">{t('me.points.title')}</h3>
        <a href={hrefOf('rewards')} class="small" data-testid="my-points-rewards">
          {t('me.points.rewards')}
        </a>
      </div>
      {myPoints.error.value ? <p class="error" role="alert">{errorText(myPoints.error.value)}</p> : null}
      {!points ? (
        !myPoints.error.value && <p class="muted">{t('app.loading')}</p>
      ) : (
        <>
          <dl class="stat-row">
            <div class="stat" data-testid="my-balance">
              <dt>{t('me.points.balance')}</dt>
              <dd>{points.balance}</dd>
            </div>
            <div class="stat" data-testid="my-score">
              <dt>{t('me.points.score', { month: points.month })}</dt>
              <dd>{points.score}</dd>
            </div>
            <div class="stat" data-testid="my-rank">
              <dt>{t('me.points.rank')}</dt>
              <dd>{points.rank ? t('me.points.rankOf', { rank: points.rank.rank, of: points.rank.of }) : '—'}</dd>
            </div>
          </dl>
          <h4 class="subhead">{t('me.points.redemptions')}</h4>
          {points.redemptions.length === 0 ? (
            <p class="muted small">{t('me.points.noRedemptions')}</p>
          ) : (
            <ul class="plain-list">
              {points.redemptions.map((r) => (
                <li key={r.id} class="plain-item" data-testid="my-redemption" data-status={r.status}>
                  <span class="plain-main">
                    {localName(r.rewardZh, r.rewardEn)} <span class="muted small">{t('points.value', { points: r.cost })}</span>
                  </span>
                  <span class={`badge status-${r.status}`}>{t(`redemptions.status.${r.status}`)}</span>
                  <span class="cell-sub">
                    {t('redemptions.requestedAt', { time: formatDateTime(r.requestedAt) })}
                    {r.decisionNote ? ` · ${t('redemptions.noteShown', { note: r.decisionNote })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
