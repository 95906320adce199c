import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { MentorProposal, Reason } from '../../../developmentShapes';
import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { confirmMentor, proposalsFor } from '../../../store/development';
import type { Person } from '../../../types';
import { useSubmit } from '../../../useSubmit';

export const reasonText = (r: Reason): string => t(`talent.mentors.reason.${r.code}`, r.params);

/** Proposed mentors for one person (score, why), then those ruled out (why not); confirming asks for the goals. */
export function ProposalList({ mentee }: { mentee: Person }) {
  const menteeId = Number(mentee.id);
  const res = proposalsFor.of(menteeId);
  useEffect(() => {
    void res.load();
  }, [menteeId]);
  const p = res.data.value;
  if (res.error.value && !p) return <p class="error" role="alert">{errorText(res.error.value)}</p>;
  if (!p) return <p class="muted">{t('app.loading')}</p>;
  return (
    <section class="card panel stack" data-testid="mentor-proposals" aria-labelledby="proposals-title">
      <h3 id="proposals-title">{t('talent.mentors.proposalsFor', { name: p.mentee.name })}</h3>
      <p class="small muted">
        {t('talent.mentors.rules', { capacity: p.settings.capacity })} {p.settings.separateLine ? t('talent.mentors.separateLine') : ''}
      </p>
      {p.current ? <p class="small" data-testid="current-mentor">{t('talent.mentors.current', { name: p.current.mentorName })}</p> : null}
      {p.proposals.length === 0 ? <p class="muted" data-testid="no-proposals">{t('talent.mentors.none')}</p> : (
        <ul class="plain-list">{p.proposals.map((m) => <ProposalItem key={m.personId} menteeId={menteeId} m={m} canConfirm={!p.current} />)}</ul>
      )}
      {p.excluded.length > 0 && (
        <>
          <h4>{t('talent.mentors.excluded')}</h4>
          <ul class="plain-list">
            {p.excluded.map((m) => (
              <li key={m.personId} class="plain-item" data-testid="mentor-excluded" data-name={m.name}>
                <span class="plain-main">{m.name} <span class="muted small">{m.department ?? ''}</span></span>
                <span class="cell-sub small">{m.excluded.map(reasonText).join('；')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ProposalItem({ menteeId, m, canConfirm }: { menteeId: number; m: MentorProposal; canConfirm: boolean }) {
  const open = useSignal(false);
  const goals = useSignal('');
  const { busy, error, submit } = useSubmit();
  async function confirm() {
    await submit(async () => {
      await confirmMentor(menteeId, m.personId, goals.value.trim());
      open.value = false;
    });
  }
  return (
    <li class="plain-item" data-testid="mentor-proposal" data-name={m.name}>
      <span class="plain-main">
        <strong>{m.name}</strong> <span class="muted small">{m.department ?? ''}</span>
      </span>
      <span class="badge" data-testid="mentor-score">{t('talent.mentors.score', { score: m.score })}</span>
      <span class="cell-sub small">{m.reasons.map(reasonText).join('；')} · {t('talent.mentors.load', { mentees: m.mentees, capacity: m.capacity })}</span>
      {canConfirm && (
        <div class="row-actions">
          {open.value ? (
            <>
              <textarea rows={2} aria-label={t('talent.mentors.goals')} placeholder={t('talent.mentors.goals')} data-testid="mentorship-goals" value={goals.value} onInput={(e) => (goals.value = e.currentTarget.value)} />
              <button type="button" class="primary" data-testid="mentor-confirm-submit" disabled={busy.value || !goals.value.trim()} onClick={confirm}>{t('talent.mentors.confirm')}</button>
            </>
          ) : (
            <button type="button" data-testid="mentor-confirm" onClick={() => (open.value = true)}>{t('talent.mentors.choose')}</button>
          )}
          {error.value ? <p class="error" role="alert">{errorText(error.value)}</p> : null}
        </div>
      )}
    </li>
  );
}
