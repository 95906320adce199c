import { useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { assignments, pathReport, pathTemplates } from '../../../store/development';
import { AssignForm } from './AssignForm';
import { AssignmentList } from './AssignmentList';
import { PathReportCard } from './PathReportCard';
import { TemplateList } from './TemplateList';

/** `#/talent/paths` (HR, admin): path templates, assigning one, the assignments with completion, the report. */
export function PathsView() {
  useEffect(() => {
    void pathTemplates.load();
    void assignments.load();
    void pathReport.load();
  }, []);
  return (
    <div class="talent-paths stack" data-testid="talent-paths">
      <h3 class="sr-only">{t('talent.paths.title')}</h3>
      <AssignForm />
      <AssignmentList />
      <TemplateList />
      <PathReportCard />
    </div>
  );
}
