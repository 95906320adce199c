import { t } from '../../../i18n';
import { mentorships, reportFile } from '../../../store/development';

/** Mentees per mentor against the capacity, with the exports. */
export function MentorLoadCard() {
  const load = mentorships.data.value?.load;
  if (!load) return null;
  return (
    <section class="card panel" data-testid="mentor-load" aria-labelledby="mentor-load-title">
      <div class="page-head">
        <h3 id="mentor-load-title">{t('talent.mentors.loadTitle')}</h3>
        <span class="small">
          <a href={reportFile('mentors', 'csv')} download>CSV</a> · <a href={reportFile('mentors', 'xlsx')} download>XLSX</a>
        </span>
      </div>
      {load.length === 0 ? <p class="muted">{t('talent.mentors.noPairings')}</p> : (
        <div class="table-scroll">
          <table class="data-table stack-table">
            <thead>
              <tr>
                <th>{t('talent.mentors.mentor')}</th>
                <th class="num">{t('talent.mentors.mentees')}</th>
                <th class="num">{t('talent.mentors.capacity')}</th>
              </tr>
            </thead>
            <tbody>
              {load.map((r) => (
                <tr key={r.mentorId} data-testid="mentor-load-row" data-full={r.mentees >= r.capacity ? 'yes' : 'no'}>
                  <td>{r.name} <span class="muted small">{r.department ?? ''}</span></td>
                  <td class="num">{r.mentees}</td>
                  <td class="num">{r.capacity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
