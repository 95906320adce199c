import { useEffect, useMemo } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatRate } from '../../format';
import { t } from '../../i18n';
import { hrefOf, personHref } from '../../store/route';
import { talentProfile, type ProfileView } from '../../store/talent';
import { ChartCard } from '../charts/ChartCard';
import { EChart } from '../charts/EChart';
import { gradesOverTime } from './profileChart';
import { ProfileTables } from './ProfileTables';

/** One person's talent profile (`#/talent/person/:id`): the explanation, grades over time, skills, goals, updates, collaboration. */
export function TalentProfilePage({ personId }: { personId: number }) {
  const res = talentProfile.of(personId);
  useEffect(() => {
    void res.load();
  }, [personId]);
  const v = res.data.value;
  const option = useMemo(() => (v ? gradesOverTime(v) : null), [v]);
  if (res.error.value && !v) return <p class="error" role="alert" data-testid="talent-profile-error">{errorText(res.error.value)}</p>;
  if (!v || !option) return <p class="muted">{t('app.loading')}</p>;
  return (
    <div class="stack" data-testid="talent-profile" data-person={v.person.id}>
      <div class="panel-head">
        <h3 data-testid="talent-profile-name">{t('talent.profile.title', { name: v.person.name })}</h3>
        <span class="row-actions">
          <a class="button small" href={`/api/talent/people/${v.person.id}/profile?format=xlsx`} download data-testid="talent-profile-xlsx">XLSX</a>
          <a class="button small" href={`/api/talent/people/${v.person.id}/profile?format=csv`} download data-testid="talent-profile-csv">CSV</a>
          <a class="small" href={personHref(v.person.id)}>{t('talent.profile.personPage')}</a>
          <a class="small" href={hrefOf('talent')}>{t('talent.profile.back')}</a>
        </span>
      </div>
      <p class="muted small">{[v.person.department, v.person.email].filter(Boolean).join(' · ')}</p>
      <section class="card panel" data-testid="talent-explanation">
        <h3>{t('talent.profile.explanation')}</h3>
        <ul class="plain-list">
          {v.explanation.map((line) => (
            <li key={line} data-testid="talent-explanation-line">{line}</li>
          ))}
        </ul>
      </section>
      <ChartCard id="talent-grades" title={t('talent.profile.gradesOverTime')} note={t('talent.profile.pointsNote', { top: v.scale.length })}>
        {(onChart) => <EChart testid="echart-talent-grades" label={t('talent.profile.gradesOverTime')} option={option} onChart={onChart} />}
      </ChartCard>
      <div class="person-grid">
        <Facts v={v} />
        <ProfileTables v={v} />
      </div>
    </div>
  );
}

function Facts({ v }: { v: ProfileView }) {
  const p = v.profile;
  return (
    <section class="card panel" data-testid="talent-facts">
      <h3>{t('talent.profile.facts')}</h3>
      <dl class="facts">
        <dt>{t('talent.profile.goalMean')}</dt>
        <dd data-testid="talent-goal-mean">{formatRate(p.goals.mean)}</dd>
        <dt>{t('talent.profile.goalSpread')}</dt>
        <dd>{p.goals.variance === null ? '—' : `±${Math.round(Math.sqrt(p.goals.variance) * 1000) / 10}`}</dd>
        <dt>{t('talent.profile.onTime')}</dt>
        <dd data-testid="talent-on-time">{formatRate(p.onTimeRate)}</dd>
        <dt>{t('talent.profile.sharedGoals')}</dt>
        <dd data-testid="talent-shared-goals">{p.collaboration.sharedGoals}</dd>
        <dt>{t('talent.profile.projects')}</dt>
        <dd data-testid="talent-projects">{p.collaboration.projects}</dd>
        <dt>{t('talent.profile.potential')}</dt>
        <dd data-testid="talent-potential">{v.scale.find((g) => g.points === p.potential)?.key ?? '—'}</dd>
      </dl>
      <p class="muted small">{t('talent.profile.window', { from: v.window.from, to: v.window.to })}</p>
    </section>
  );
}
