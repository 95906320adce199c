import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { hrefOf } from '../../../store/route';
import { talentPools } from '../../../store/talentPools';
import { PoolForm } from './PoolForm';

/** The pools with their counts; a new pool (name, description, rule with live validation). */
export function PoolList() {
  const adding = useSignal(false);
  useEffect(() => {
    void talentPools.load();
  }, []);
  const list = talentPools.data.value;
  if (talentPools.error.value && !list) return <p class="error" role="alert">{errorText(talentPools.error.value)}</p>;
  if (!list) return <p class="muted">{t('app.loading')}</p>;
  return (
    <div class="stack" data-testid="pool-list">
      <section class="card panel">
        <div class="panel-head">
          <h3>{t('talent.pools.title', { count: list.length })}</h3>
          <span class="row-actions">
            <a class="button small" href={hrefOf('talent', 'pools/report')} data-testid="pool-report-link">
              {t('talent.pools.report')}
            </a>
            <button type="button" class="small" data-testid="pool-new" onClick={() => (adding.value = !adding.value)}>
              {t('talent.pools.new')}
            </button>
          </span>
        </div>
        {list.length === 0 && <p class="muted">{t('talent.pools.none')}</p>}
        <ul class="plain-list">
          {list.map((p) => (
            <li key={p.id} class="plain-item" data-testid="pool-item" data-id={p.id} data-name={p.name}>
              <a class="plain-main" href={hrefOf('talent', `pools/${p.id}`)}>
                {p.name}
              </a>
              {!p.active && <span class="badge">{t('talent.pools.inactive')}</span>}
              <span class="cell-sub">{t('talent.pools.counts', { accepted: p.counts.accepted, proposed: p.counts.proposed })}</span>
              {p.description && <p class="cell-sub small">{p.description}</p>}
              <p class="cell-sub small muted">
                <code>{p.rule}</code>
              </p>
            </li>
          ))}
        </ul>
      </section>
      {adding.value && (
        <section class="card panel">
          <h3>{t('talent.pools.new')}</h3>
          <PoolForm pool={null} onDone={(id) => (location.hash = hrefOf('talent', `pools/${id}`))} />
        </section>
      )}
    </div>
  );
}
