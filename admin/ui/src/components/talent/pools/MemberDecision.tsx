import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../../api';
import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { decideMember } from '../../../store/talentPools';
import type { PoolMember } from '../../../talentPoolShapes';
import { FieldProblem } from '../../FieldProblem';
import { useSubmit } from '../../../useSubmit';

/** HR decides a proposal: accept (a note, optional) or decline (a reason, required). */
export function MemberDecision({ poolId, member }: { poolId: number; member: PoolMember }) {
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit();
  async function decide(decision: 'accept' | 'decline') {
    await submit(async () => {
      await decideMember(poolId, member.id, decision, reason.value);
    });
  }
  const problems = fieldProblems(error.value);
  return (
    <form class="stack" data-testid="pool-decision-form" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>{t('talent.pools.decisionReason')}</span>
        <textarea data-testid="pool-decision-reason" rows={2} maxLength={2000} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
        <FieldProblem field="reason" problems={problems} />
      </label>
      <div class="row-actions">
        <button type="button" data-testid="pool-accept" disabled={busy.value} onClick={() => decide('accept')}>
          {t('talent.pools.accept')}
        </button>
        <button type="button" class="secondary" data-testid="pool-decline" disabled={busy.value || !reason.value.trim()} onClick={() => decide('decline')}>
          {t('talent.pools.decline')}
        </button>
      </div>
      {error.value && problems.length === 0 ? <p class="error small">{errorText(error.value)}</p> : null}
    </form>
  );
}
