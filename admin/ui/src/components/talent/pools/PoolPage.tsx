import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../../../errors';
import { formatDateTime } from '../../../format';
import { locale, t } from '../../../i18n';
import { hrefOf } from '../../../store/route';
import { proposeMembers, talentPool } from '../../../store/talentPools';
import type { PoolMember, ProposeResult } from '../../../talentPoolShapes';
import { MemberDecision } from './MemberDecision';
import { PoolForm } from './PoolForm';
import { RemoveMember } from './RemoveMember';
import { useSubmit } from '../../../useSubmit';

/** One pool: its rule (editable, checked live), Propose, the proposals with reasons to decide, the members, the history. */
export function PoolPage({ poolId }: { poolId: number }) {
  const res = talentPool.of(poolId);
  useEffect(() => {
    void res.load();
  }, [poolId]);
  const data = res.data.value;
  if (res.error.value && !data) return <p class="error" role="alert">{errorText(res.error.value)}</p>;
  if (!data) return <p class="muted">{t('app.loading')}</p>;
  const { pool, members } = data;
  const of = (...s: PoolMember['status'][]) => members.filter((m) => s.includes(m.status));
  return (
    <div class="stack" data-testid="pool-page" data-id={pool.id}>
      <div class="panel-head">
        <h3 data-testid="pool-title">{pool.name}</h3>
        <a class="small" href={hrefOf('talent', 'pools')}>
          {t('talent.pools.back')}
        </a>
      </div>
      {pool.description && <p>{pool.description}</p>}
      <ProposeBar poolId={pool.id} active={pool.active} />
      <MemberSection title={t('talent.pools.proposals', { count: of('proposed').length })} testId="pool-proposals" members={of('proposed')} empty={t('talent.pools.noProposals')}>
        {(m) => <MemberDecision poolId={pool.id} member={m} />}
      </MemberSection>
      <MemberSection title={t('talent.pools.members', { count: of('accepted').length })} testId="pool-members" members={of('accepted')} empty={t('talent.pools.noMembers')}>
        {(m) => <RemoveMember poolId={pool.id} member={m} />}
      </MemberSection>
      <MemberSection title={t('talent.pools.history', { count: of('declined', 'removed', 'withdrawn').length })} testId="pool-history" members={of('declined', 'removed', 'withdrawn')} empty={t('talent.pools.noHistory')} />
      <details class="card panel" data-testid="pool-edit">
        <summary data-testid="pool-edit-open">{t('talent.pools.edit')}</summary>
        <PoolForm pool={pool} sampleId={of('proposed', 'accepted')[0]?.personId} />
      </details>
    </div>
  );
}

function ProposeBar({ poolId, active }: { poolId: number; active: boolean }) {
  const { busy, error, submit } = useSubmit();
  const result = useSignal<ProposeResult | null>(null);
  async function run() {
    await submit(async () => {
      result.value = await proposeMembers(poolId);
    });
  }
  return (
    <div class="row-actions">
      <button type="button" data-testid="pool-propose" disabled={busy.value || !active} onClick={run}>
        {t('talent.pools.propose')}
      </button>
      {!active && <span class="small muted">{t('talent.pools.inactiveHint')}</span>}
      {result.value && (
        <span class="small" data-testid="propose-result">
          {t('talent.pools.proposeResult', { ...result.value })}
        </span>
      )}
      {error.value ? <span class="error small">{errorText(error.value)}</span> : null}
    </div>
  );
}

function MemberSection({ title, testId, members, empty, children }: { title: string; testId: string; members: PoolMember[]; empty: string; children?: (m: PoolMember) => preact.ComponentChildren }) {
  return (
    <section class="card panel" data-testid={testId}>
      <h3>{title}</h3>
      {members.length === 0 ? (
        <p class="muted small">{empty}</p>
      ) : (
        <ul class="plain-list">
          {members.map((m) => (
            <li key={m.id} class="plain-item" data-testid="pool-person" data-id={m.id} data-person={m.personId} data-status={m.status}>
              <a class="plain-main" href={hrefOf('people', String(m.personId))}>
                {m.name}
              </a>
              <span class="badge">{t(`talent.pools.status.${m.status}`)}</span>
              <span class="cell-sub">{[m.department ?? '', m.cycle?.name ?? ''].filter(Boolean).join(' · ')}</span>
              <p class="cell-sub" data-testid="pool-reason">
                {m.reason[locale.value]}
              </p>
              {m.decidedAt && (
                <p class="cell-sub small muted" data-testid="pool-decision">
                  {t('talent.pools.decided', { status: t(`talent.pools.status.${m.status}`), at: formatDateTime(m.decidedAt) })}
                  {m.decisionReason ? ` — ${m.decisionReason}` : ''}
                </p>
              )}
              {children && <div class="cell-sub">{children(m)}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
