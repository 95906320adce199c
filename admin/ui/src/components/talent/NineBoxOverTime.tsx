import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { nineBox } from '../../store/talent';
import { NineBoxGrid } from './NineBoxGrid';
import { TransitionsTable } from './TransitionsTable';

/**
 * The 9-box over time (`#/talent`): pick the kind of cycle, how many of the latest, a department; one grid per cycle
 * behind a cycle switcher, and the moves between consecutive cycles. Groups under five are hidden by the API.
 */
export function NineBoxOverTime() {
  const kind = useSignal<'annual' | 'quarterly' | 'monthly'>('annual');
  const count = useSignal('');
  const department = useSignal('');
  const applied = useSignal('kind=annual');
  const picked = useSignal<number | null>(null);
  const res = nineBox.of(applied.value);
  useEffect(() => {
    void res.load();
  }, [applied.value]);

  const apply = (e: Event) => {
    e.preventDefault();
    const q = new URLSearchParams({ kind: kind.value });
    if (count.value) q.set('cycles', count.value);
    if (department.value.trim()) q.set('department', department.value.trim());
    picked.value = null;
    applied.value = q.toString();
  };

  const data = res.data.value;
  const cycle = data?.cycles.find((c) => c.id === picked.value) ?? data?.cycles.at(-1);
  return (
    <div class="stack" data-testid="talent-ninebox-page">
      <form class="card panel form-row talent-filters" onSubmit={apply}>
        <label>
          <span>{t('talent.filter.kind')}</span>
          <select data-testid="talent-kind" value={kind.value} onChange={(e) => (kind.value = e.currentTarget.value as typeof kind.value)}>
            {(['annual', 'quarterly', 'monthly'] as const).map((k) => (
              <option key={k} value={k}>{t(`talent.kind.${k}`)}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('talent.filter.cycles')}</span>
          <input type="number" min={1} max={50} inputMode="numeric" data-testid="talent-cycles" placeholder={t('talent.filter.allCycles')} value={count.value} onInput={(e) => (count.value = e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('talent.filter.department')}</span>
          <input data-testid="talent-department" maxLength={200} placeholder={t('talent.filter.departmentHint')} value={department.value} onInput={(e) => (department.value = e.currentTarget.value)} />
        </label>
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="talent-apply">{t('talent.filter.apply')}</button>
          <a class="button small" href={`/api/talent/nine-box?${applied.value}&format=csv`} download data-testid="talent-ninebox-csv">CSV</a>
          <a class="button small" href={`/api/talent/nine-box?${applied.value}&format=xlsx`} download data-testid="talent-ninebox-xlsx">XLSX</a>
        </div>
      </form>
      {res.error.value ? <p class="error" role="alert" data-testid="talent-error">{errorText(res.error.value)}</p> : null}
      {!data ? (
        !res.error.value && <p class="muted">{t('app.loading')}</p>
      ) : data.cycles.length === 0 ? (
        <p class="muted" data-testid="talent-no-cycles">{t('talent.ninebox.none')}</p>
      ) : (
        <>
          <section class="card panel" data-testid="talent-ninebox-card" data-cycle={cycle!.id}>
            <div class="panel-head">
              <h3>{t('talent.ninebox.title', { name: cycle!.name })}</h3>
              <nav class="segmented" aria-label={t('talent.ninebox.cycles')}>
                {data.cycles.map((c) => (
                  <button key={c.id} type="button" class="small" data-testid="talent-cycle" data-cycle={c.id} aria-pressed={c.id === cycle!.id} onClick={() => (picked.value = c.id)}>
                    {c.name}
                  </button>
                ))}
              </nav>
            </div>
            <p class="muted small">{t('talent.ninebox.note', { n: data.minGroup })}</p>
            <NineBoxGrid cells={cycle!.cells} minGroup={data.minGroup} />
          </section>
          <TransitionsTable data={data} />
        </>
      )}
    </div>
  );
}
