import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { myDevelopment } from '../../store/development';

/** My page: my development paths (milestones with their dates) and my mentorship; hidden when I have neither. */
export function MyDevelopmentCard() {
  useEffect(() => {
    void myDevelopment.load();
  }, []);
  const d = myDevelopment.data.value;
  if (!d || (d.assignments.length === 0 && d.mentorships.length === 0)) return null;
  return (
    <section class="card panel" data-testid="my-development" aria-labelledby="my-development-title">
      <h3 id="my-development-title">{t('me.development.title')}</h3>
      {d.assignments.map((a) => (
        <div key={a.id} class="stack" data-testid="my-path">
          <p>
            <strong>{a.path}</strong> <span class="small muted">{a.startDate} – {a.endDate}</span>{' '}
            <span class="badge">{t(`talent.paths.status.${a.status}`)}</span>
          </p>
          <progress max={100} value={Math.round((a.completion ?? 0) * 100)} aria-label={t('talent.paths.completionLabel')} />
          <ol class="small">
            {a.milestones.map((m) => (
              <li key={m.goalId}>
                {m.title.split(' · ').slice(1).join(' · ') || m.title} — {t('talent.paths.due', { date: m.dueDate })}{' '}
                {m.done ? <span class="badge badge-ok">{t('talent.paths.done')}</span> : m.overdue ? <span class="badge badge-late">{t('talent.paths.overdue')}</span> : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {d.mentorships.map((m) => (
        <p key={m.id} class="small" data-testid="my-mentorship">
          {t(m.role === 'mentee' ? 'me.development.mentor' : 'me.development.mentee', { name: m.other.name })} · {t('talent.mentors.goalsAre', { goals: m.goals })}
        </p>
      ))}
    </section>
  );
}
