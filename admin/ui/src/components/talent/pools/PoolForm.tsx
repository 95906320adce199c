import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../../api';
import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { createPool, updatePool } from '../../../store/talentPools';
import type { Pool } from '../../../talentPoolShapes';
import { FieldProblem } from '../../FieldProblem';
import { RuleField } from './RuleField';
import { useSubmit } from '../../../useSubmit';

/** A pool's name, description, entry rule and active switch: a new pool (pool null) or changes to one. */
export function PoolForm({ pool, onDone, sampleId }: { pool: Pool | null; onDone?: (id: number) => void; sampleId?: number }) {
  const name = useSignal(pool?.name ?? '');
  const description = useSignal(pool?.description ?? '');
  const rule = useSignal(pool?.rule ?? '');
  const active = useSignal(pool?.active ?? true);
  const { busy, error, submit } = useSubmit();
  const saved = useSignal(false);
  const problems = fieldProblems(error.value);

  async function onSubmit(e: Event) {
    e.preventDefault();
    saved.value = false;
    await submit(async () => {
      const fields = { name: name.value.trim(), description: description.value.trim(), rule: rule.value.trim(), active: active.value };
      if (pool) await updatePool(pool.id, fields);
      const id = pool ? pool.id : (await createPool(fields)).id;
      saved.value = true;
      onDone?.(id);
    });
  }

  return (
    <form class="stack" data-testid="pool-form" onSubmit={onSubmit}>
      <label>
        <span>{t('talent.pools.name')}</span>
        <input data-testid="pool-name" maxLength={80} value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
        <FieldProblem field="name" problems={problems} />
      </label>
      <label>
        <span>{t('talent.pools.description')}</span>
        <textarea data-testid="pool-description" rows={2} maxLength={2000} value={description.value} onInput={(e) => (description.value = e.currentTarget.value)} />
      </label>
      <RuleField value={rule.value} onInput={(v) => (rule.value = v)} problems={problems} sampleId={sampleId} />
      <label class="inline">
        <input type="checkbox" data-testid="pool-active" checked={active.value} onChange={(e) => (active.value = e.currentTarget.checked)} />
        <span>{t('talent.pools.active')}</span>
      </label>
      <div class="row-actions">
        <button type="submit" data-testid="pool-save" disabled={busy.value || !name.value.trim() || !rule.value.trim()}>
          {pool ? t('talent.pools.save') : t('talent.pools.create')}
        </button>
        {saved.value && <span class="small ok">{t('talent.pools.saved')}</span>}
      </div>
      {error.value && problems.length === 0 ? (
        <p class="error" role="alert">
          {errorText(error.value)}
        </p>
      ) : null}
    </form>
  );
}
