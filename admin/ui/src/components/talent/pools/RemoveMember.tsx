import { useSignal } from '@preact/signals';
import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { removeMember } from '../../../store/talentPools';
import type { PoolMember } from '../../../talentPoolShapes';
import { useSubmit } from '../../../useSubmit';

/** HR takes a member out of the pool, with a reason (required). */
export function RemoveMember({ poolId, member }: { poolId: number; member: PoolMember }) {
  const open = useSignal(false);
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit();
  if (!open.value)
    return (
      <button type="button" class="small secondary" data-testid="pool-remove-open" onClick={() => (open.value = true)}>
        {t('talent.pools.remove')}
      </button>
    );
  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit(async () => {
      await removeMember(poolId, member.id, reason.value);
    });
  }
  return (
    <form class="stack" data-testid="pool-remove-form" onSubmit={onSubmit}>
      <label>
        <span>{t('talent.pools.removeReason')}</span>
        <textarea data-testid="pool-remove-reason" rows={2} maxLength={2000} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
      </label>
      <div class="row-actions">
        <button type="submit" data-testid="pool-remove" disabled={busy.value || !reason.value.trim()}>
          {t('talent.pools.remove')}
        </button>
        <button type="button" class="secondary" onClick={() => (open.value = false)}>
          {t('talent.pools.cancel')}
        </button>
      </div>
      {error.value ? <p class="error small">{errorText(error.value)}</p> : null}
    </form>
  );
}
