import { t } from '../../i18n';
import { hrefOf } from '../../store/route';
import { importPeopleCsv, PEOPLE_CSV_HEADER } from '../../store/peopleImport';
import { CsvImportForm } from '../CsvImportForm';

/** Admin: pick or paste a people CSV; all rows or none, problems by line; re-import updates by e-mail. */
export function PeopleImportPanel() {
  return (
    <section class="card panel" data-testid="people-import" aria-labelledby="people-import-title">
      <h3 id="people-import-title">{t('setup.import.title')}</h3>
      <p class="small">
        <a href={hrefOf('people', 'import')} data-testid="people-import-preview-link">{t('setup.import.previewLink')}</a>
      </p>
      <CsvImportForm
        testId="people-import"
        header={PEOPLE_CSV_HEADER}
        keys={{ hint: 'setup.import.hint', done: 'setup.import.done', refused: 'setup.import.refused' }}
        submit={importPeopleCsv}
      />
    </section>
  );
}
