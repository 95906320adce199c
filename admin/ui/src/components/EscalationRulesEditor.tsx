import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { loadRules, rules, rulesError, rulesLoading, rulesOutcome } from '../store/escalationRules';
import { goalDepartments, loadGoals } from '../store/goals';
import { LadderRuleForm } from './LadderRuleForm';
import { RuleOverride } from './RuleOverride';

/** Admin: the company's reminder/escalation ladder, and per-department overrides (add, change, remove). */
export function EscalationRulesEditor() {
  useEffect(() => {
    void loadRules();
    void loadGoals(); // the departments goals mention, offered when adding an override
  }, []);

  const current = rules.value;
  const outcome = rulesOutcome.value;
  const overridden = new Set(current?.departments.map((d) => d.department) ?? []);
  const suggestions = goalDepartments.value.filter((d) => !overridden.has(d));
  return (
    <div class="rules-editor" data-testid="rules-editor">
      {rulesError.value ? (
        <p class="error" role="alert" data-testid="rules-error">
          {errorText(rulesError.value)}
        </p>
      ) : null}
      {outcome && (
        <p class="notice notice-ok" role="status" data-testid="rules-outcome" data-action={outcome.action} data-department={outcome.department ?? ''}>
          {outcome.department === null
            ? t('rules.savedCompany')
            : t(outcome.action === 'saved' ? 'rules.savedDepartment' : 'rules.removedDepartment', { department: outcome.department })}
        </p>
      )}
      {!current ? (
        <p class="card muted empty">{rulesLoading.value ? t('app.loading') : t('rules.unavailable')}</p>
      ) : (
        <div class="rules-layout">
          <section class="card panel">
            <h3>{t('rules.companyTitle')}</h3>
            <p class="muted small">{t('rules.companyHint')}</p>
            <LadderRuleForm key={`company:${JSON.stringify(current.company)}`} department={null} rule={current.company} />
          </section>
          <section class="card panel">
            <h3>{t('rules.overridesTitle')}</h3>
            <p class="muted small">{t('rules.overridesHint')}</p>
            {current.departments.length === 0 ? (
              <p class="muted small" data-testid="rules-no-overrides">
                {t('rules.noOverrides')}
              </p>
            ) : (
              <ul class="rule-overrides">
                {current.departments.map(({ department, ...rule }) => (
                  <RuleOverride key={`${department}:${JSON.stringify(rule)}`} department={department} rule={rule} />
                ))}
              </ul>
            )}
            <details class="rule-add" data-testid="rule-add">
              <summary>{t('rules.addTitle')}</summary>
              <LadderRuleForm key={`new:${current.departments.length}`} department="" rule={current.company} suggestions={suggestions} />
            </details>
          </section>
        </div>
      )}
    </div>
  );
}
