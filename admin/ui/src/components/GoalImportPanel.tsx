import { t } from '../i18n';
import { GOALS_CSV_HEADER, importGoalsCsv } from '../store/goalImport';
import { CsvImportForm } from './CsvImportForm';

/** Admin/HR: paste or pick a goals CSV; all rows or none are imported, problems are listed by line. */
export function GoalImportPanel() {
  return (
    <details class="card goal-import" data-testid="goal-import">
      <summary>{t('goals.import.title')}</summary>
      <CsvImportForm
        testId="goal-import"
        header={GOALS_CSV_HEADER}
        keys={{ hint: 'goals.import.hint', done: 'goals.import.done', refused: 'goals.import.refused' }}
        submit={importGoalsCsv}
      />
      <p class="muted small" data-testid="goal-import-metric-hint">
        {t('goals.import.metricHint')}
      </p>
    </details>
  );
}
