import { t } from '../i18n';
import { isManagerOrStaff, subRoute } from '../store/route';
import { currentUser } from '../store/session';
import { EscalationRulesEditor } from './EscalationRulesEditor';
import { GoalsViewSwitch, type GoalsView } from './GoalsViewSwitch';
import { GoalTreeView } from './GoalTreeView';
import { UpdateRateReport } from './UpdateRateReport';

/** Goals: the tree for everyone; the update-rate report for admin/HR/managers; the escalation rules for admin. */
export function GoalsPage() {
  const views: GoalsView[] = ['tree'];
  if (isManagerOrStaff.value) views.push('update-rate');
  if (currentUser.value?.role === 'admin') views.push('escalation');
  const view: GoalsView = (views as string[]).includes(subRoute.value) ? (subRoute.value as GoalsView) : 'tree';

  return (
    <div class="page goals-page" data-testid="goals-page" data-view={view}>
      <div class="page-head">
        <h2>{t('goals.title')}</h2>
        {views.length > 1 && <GoalsViewSwitch views={views} active={view} />}
        <p class="muted">{t(`goals.subtitle.${view}`)}</p>
      </div>
      {view === 'tree' && <GoalTreeView />}
      {view === 'update-rate' && <UpdateRateReport />}
      {view === 'escalation' && <EscalationRulesEditor />}
    </div>
  );
}
