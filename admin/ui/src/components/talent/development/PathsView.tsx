import { useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { assignments, pathReport, pathTemplates } from '../../../store/development';
import { AssignForm } from './AssignForm';
import { AssignmentList } from './AssignmentList';
import { DevelopmentSwitch } from './DevelopmentSwitch';
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
    <div class="page talent-paths stack" data-testid="talent-paths">
      <div class="page-head">
        <h2>{t('talent.paths.title')}</h2>
        <DevelopmentSwitch active="paths" />
      </div>
      <AssignForm />
      <AssignmentList />
      <TemplateList />
      <PathReportCard />
    </div>
  );
}
