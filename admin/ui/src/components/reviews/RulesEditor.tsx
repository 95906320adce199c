import type { PathProblem } from '../../api';
import { t } from '../../i18n';
import { metricDefinitions } from '../../store/reviewCatalogue';
import { edit, newRule, type EditRule } from '../../store/templateDraft';
import { RuleEditor } from './RuleEditor';

/** Figures every review has, next to the catalogue's metrics. */
const GOAL_FIGURES = ['goal_attainment', 'checkin_on_time_rate', 'standup_answer_rate', 'points'];

/** The template's rules: each a condition on the figures and what it does (cap, floor or flag) with a reason. */
export function RulesEditor({ rules, problems }: { rules: EditRule[]; problems: PathProblem[] }) {
  const names = [...(metricDefinitions.data.value ?? []).map((d) => d.key), ...GOAL_FIGURES];
  return (
    <section class="template-rules" data-testid="template-rules" aria-labelledby="template-rules-title">
      <h4 class="subhead" id="template-rules-title">{t('reviews.rules.title')}</h4>
      <p class="muted small" data-testid="rule-names">{t('reviews.rules.hint', { names: names.join(', ') })}</p>
      {rules.length === 0 && <p class="muted small">{t('reviews.rules.none')}</p>}
      <ol class="rule-list">
        {rules.map((r, i) => (
          <RuleEditor key={i} rule={r} index={i} count={rules.length} problems={problems.filter((p) => p.path === `rules.${i}` || p.path.startsWith(`rules.${i}.`))} />
        ))}
      </ol>
      <button type="button" data-testid="rule-add" onClick={() => edit((b) => b.rules.push(newRule()))}>
        {t('reviews.rules.add')}
      </button>
    </section>
  );
}
