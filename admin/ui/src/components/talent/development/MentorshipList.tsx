import { useSignal } from '@preact/signals';
import type { Mentorship } from '../../../developmentShapes';
import { errorText } from '../../../errors';
import { formatDateTime } from '../../../format';
import { t } from '../../../i18n';
import { endMentorship, mentorships } from '../../../store/development';

/** The pairings, newest first, with each month's check-in answers; HR ends one with a reason. */
export function MentorshipList() {
  const data = mentorships.data.value;
  if (mentorships.error.value && !data) return <p class="error" role="alert">{errorText(mentorships.error.value)}</p>;
  if (!data) return null;
  return (
    <section class="card panel" data-testid="mentorships" aria-labelledby="mentorships-title">
      <h3 id="mentorships-title">{t('talent.mentors.pairings', { count: data.mentorships.filter((m) => m.status === 'active').length })}</h3>
      {data.mentorships.length === 0 ? <p class="muted">{t('talent.mentors.noPairings')}</p> : (
        <ul class="plain-list">{data.mentorships.map((m) => <PairingItem key={m.id} m={m} />)}</ul>
      )}
    </section>
  );
}

function PairingItem({ m }: { m: Mentorship }) {
  const open = useSignal(false);
  const reason = useSignal('');
  const error = useSignal<unknown>(null);
  const nameOf = (id: number) => (id === m.mentor.id ? m.mentor.name : m.mentee.name);
  return (
    <li class="plain-item" data-testid="mentorship" data-mentee={m.mentee.email} data-status={m.status}>
      <span class="plain-main">
        {t('talent.mentors.pair', { mentor: m.mentor.name, mentee: m.mentee.name })}{' '}
        <span class={`badge ${m.status === 'active' ? 'badge-ok' : 'badge-muted'}`}>{t(`talent.mentors.status.${m.status}`)}</span>
      </span>
      <span class="small muted">{formatDateTime(m.confirmedAt)}</span>
      <span class="cell-sub small">{t('talent.mentors.goalsAre', { goals: m.goals })}</span>
      {m.endReason ? <span class="cell-sub small muted">{t('talent.mentors.endedBecause', { reason: m.endReason })}</span> : null}
      {m.checkins.length > 0 && (
        <ul class="cell-sub small" data-testid="mentoring-checkins">
          {m.checkins.map((c) => (
            <li key={`${c.month}-${c.personId}`}>{c.month} · {nameOf(c.personId)}：{c.answer ?? t('talent.mentors.noAnswer')}</li>
          ))}
        </ul>
      )}
      {m.status === 'active' && (
        <div class="row-actions">
          {open.value ? (
            <>
              <input aria-label={t('talent.paths.reason')} placeholder={t('talent.paths.reason')} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
              <button type="button" disabled={!reason.value.trim()} onClick={() => endMentorship(m.id, reason.value.trim()).catch((err: unknown) => (error.value = err))}>{t('talent.mentors.end')}</button>
            </>
          ) : (
            <button type="button" class="link-button" onClick={() => (open.value = true)}>{t('talent.mentors.end')}</button>
          )}
          {error.value ? <p class="error" role="alert">{errorText(error.value)}</p> : null}
        </div>
      )}
    </li>
  );
}
