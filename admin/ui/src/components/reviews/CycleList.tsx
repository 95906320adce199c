import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { cycles } from '../../store/reviews';
import { hrefOf } from '../../store/route';

/** The review cycles (a manager sees those their reports are in): open one for its reviews. */
export function CycleList() {
  useEffect(() => {
    void cycles.load();
  }, []);
  const list = cycles.data.value;
  return (
    <section class="card panel" data-testid="cycle-list" aria-labelledby="cycle-list-title">
      <h3 id="cycle-list-title">{t('reviews.cycles.title')}</h3>
      {cycles.error.value ? <p class="error" role="alert">{errorText(cycles.error.value)}</p> : null}
      {!list ? (
        !cycles.error.value && <p class="muted">{t('app.loading')}</p>
      ) : list.length === 0 ? (
        <p class="muted" data-testid="cycles-empty">{t('reviews.cycles.empty')}</p>
      ) : (
        <ul class="plain-list">
          {list.map((c) => (
            <li key={c.id} class="plain-item" data-testid="cycle-row" data-id={c.id} data-status={c.status}>
              <a class="plain-main" href={hrefOf('reviews', `cycles/${c.id}`)} data-testid="cycle-open">
                {c.name}
              </a>
              <span class="badge">{t(`reviews.cycleStatus.${c.status}`)}</span>
              <span class="cell-sub">
                {t('calendar.range', { from: formatDate(c.periodStart), to: formatDate(c.periodEnd) })} ·{' '}
                {t('reviews.cycles.progress', { submitted: c.submitted, reviews: c.reviews })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
