import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { cycles } from '../../store/reviews';
import { isStaff } from '../../store/route';
import { CycleRow } from './CycleRow';
import { NewCycleForm } from './NewCycleForm';
import { useWhileDrafting } from './useWhileDrafting';

/** The review cycles (a manager sees those their reports are in): open one for its reviews; HR and admin plan and open cycles. */
export function CycleList() {
  useEffect(() => {
    void cycles.load();
  }, []);
  const list = cycles.data.value;
  useWhileDrafting(Boolean(list?.some((c) => c.drafting)), () => cycles.load());
  return (
    <section class="card panel" data-testid="cycle-list" aria-labelledby="cycle-list-title">
      <h3 id="cycle-list-title">{t('reviews.cycles.title')}</h3>
      {isStaff.value && <NewCycleForm />}
      {cycles.error.value ? <p class="error" role="alert">{errorText(cycles.error.value)}</p> : null}
      {!list ? (
        !cycles.error.value && <p class="muted">{t('app.loading')}</p>
      ) : list.length === 0 ? (
        <p class="muted" data-testid="cycles-empty">{t('reviews.cycles.empty')}</p>
      ) : (
        <ul class="plain-list">
          {list.map((c) => (
            <CycleRow key={c.id} cycle={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
