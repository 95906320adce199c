import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { errorText } from '../../errors';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { byWeek, journalEntries, journalError, journalFilters, journalLoading, journalQuery, loadJournal, setJournalFilters } from '../../store/journal';
import type { Person } from '../../types';
import { JournalEntry } from './JournalEntry';
import '../charts/charts.css';

/**
 * The progress log (进展日志) read like a journal: week by week, each person's three answers, blockers, late and edited
 * answers marked; filtered by person, department and weeks, and exported as CSV or XLSX — always only the people the
 * reader may see (yourself; your subtree; everyone for HR and admins).
 */
export function JournalPage() {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    void loadJournal();
    api.get<{ people: Person[] }>('/api/people?limit=200').then((r) => setPeople(r.people)).catch(() => setPeople([]));
  }, []);
  const f = journalFilters.value;
  const departments = [...new Set(people.map((p) => p.department).filter((d): d is string => !!d))].sort();
  const csv = journalQuery('csv');
  const xlsx = journalQuery('xlsx');
  const weeks = byWeek(journalEntries.value);
  return (
    <div class="page journal-page" data-testid="journal-page">
      <div class="page-head">
        <h2>{t('journal.title')}</h2>
        <div class="journal-exports">
          {csv ? (
            <a class="button" href={`/api/progress-log?${csv}`} download data-testid="journal-csv">
              {t('journal.csv')}
            </a>
          ) : null}
          {xlsx ? (
            <a class="button primary" href={`/api/progress-log?${xlsx}`} download data-testid="journal-xlsx">
              {t('journal.xlsx')}
            </a>
          ) : null}
        </div>
      </div>
      <form class="filters" role="search" data-testid="journal-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('journal.fromWeek')}</span>
          <input type="week" data-testid="journal-from" value={f.fromWeek} onChange={(e) => setJournalFilters({ fromWeek: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('journal.toWeek')}</span>
          <input type="week" data-testid="journal-to" value={f.toWeek} onChange={(e) => setJournalFilters({ toWeek: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('journal.person')}</span>
          <input type="email" list="journal-people" data-testid="journal-person" placeholder={t('journal.everyone')} value={f.email} onChange={(e) => setJournalFilters({ email: e.currentTarget.value })} />
          <datalist id="journal-people">
            {people.map((p) => (
              <option key={p.email} value={p.email}>
                {p.name}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          <span>{t('journal.department')}</span>
          <input type="text" list="journal-departments" data-testid="journal-department" placeholder={t('journal.allDepartments')} value={f.department} onChange={(e) => setJournalFilters({ department: e.currentTarget.value })} />
          <datalist id="journal-departments">
            {departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
      </form>
      {!journalQuery() ? (
        <p class="error" role="alert">
          {t('journal.badRange')}
        </p>
      ) : null}
      {journalError.value ? (
        <p class="error" role="alert" data-testid="journal-error">
          {errorText(journalError.value)}
        </p>
      ) : null}
      {weeks.length === 0 ? (
        <p class="muted card empty" data-testid="journal-empty">
          {journalLoading.value ? t('app.loading') : t('journal.empty')}
        </p>
      ) : (
        weeks.map((w) => (
          <section key={w.week} class="journal-week" data-testid="journal-week" data-week={w.week}>
            <h3>
              {w.week} <span class="muted small">{formatDate(w.dueDate)}</span>{' '}
              <span class="muted small">{t('journal.weekCount', { answered: w.entries.filter((e) => e.completedAt).length, asked: w.entries.length })}</span>
            </h3>
            <ol class="journal-people">
              {w.entries.map((e) => (
                <JournalEntry key={`${e.week}-${e.personId}`} entry={e} />
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}
