import { formatNumber, formatRate } from '../../format';
import { t } from '../../i18n';
import type { ProfileView } from '../../store/talent';

/** The profile's tables: results per cycle (with calibration changes and the 9-box), skills, goal attainment per period. */
export function ProfileTables({ v }: { v: ProfileView }) {
  const p = v.profile;
  const gradeOf = (points: number | null) => v.scale.find((g) => g.points === points)?.key ?? '—';
  const level = (l: string | null) => (l ? t(`talent.level.${l}`) : '—');
  return (
    <>
      <section class="card panel" data-testid="talent-results">
        <h3>{t('talent.profile.results')}</h3>
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr><th>{t('talent.profile.cycle')}</th><th>{t('talent.profile.grade')}</th><th>{t('talent.profile.managerGrade')}</th><th>{t('talent.profile.potential')}</th><th>{t('talent.profile.box')}</th></tr>
            </thead>
            <tbody>
              {p.results.map((r, i) => (
                <tr key={r.cycleId} data-testid="talent-result">
                  <td>{r.cycleName}</td>
                  <td><strong>{r.grade}</strong></td>
                  <td>{r.managerGrade ?? '—'}</td>
                  <td>{gradeOf(r.potential)}</td>
                  <td>{t('talent.box', { performance: level(v.boxes[i]?.performance ?? null), potential: level(v.boxes[i]?.potential ?? null) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card panel" data-testid="talent-skills">
        <h3>{t('talent.profile.skills')}</h3>
        {p.skills.length === 0 ? <p class="muted small">{t('talent.profile.noSkills')}</p> : (
          <div class="table-scroll">
            <table class="data-table">
              <thead>
                <tr><th>{t('talent.profile.skill')}</th><th class="num">{t('talent.profile.mean')}</th><th>{t('talent.profile.latest')}</th><th>{t('talent.profile.scores')}</th></tr>
              </thead>
              <tbody>
                {p.skills.map((s) => (
                  <tr key={s.skill} data-testid="talent-skill" data-skill={s.skill}>
                    <td>{s.skill}</td>
                    <td class="num">{formatNumber(s.mean)}</td>
                    <td>{gradeOf(s.latest)}</td>
                    <td>{s.scores.map((x) => gradeOf(x.points)).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card panel" data-testid="talent-goals">
        <h3>{t('talent.profile.goals')}</h3>
        {p.goals.periods.length === 0 ? <p class="muted small">{t('talent.profile.noGoals')}</p> : (
          <table class="data-table">
            <thead>
              <tr><th>{t('talent.profile.period')}</th><th class="num">{t('talent.profile.attainment')}</th></tr>
            </thead>
            <tbody>
              {p.goals.periods.map((g) => (
                <tr key={g.period} data-testid="talent-goal-period"><td>{g.period}</td><td class="num">{formatRate(g.attainment)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
