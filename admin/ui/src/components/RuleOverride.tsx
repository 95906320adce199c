import { t } from '../i18n';
import type { LadderRule } from '../types';
import { LadderRuleForm } from './LadderRuleForm';

/** A one-line summary of a ladder: when the owner is reminded, when the manager and beyond are told, quiet hours. */
export function ladderSummary(rule: LadderRule): string {
  const parts = [
    rule.remindBeforeDays > 0 ? t('rules.sum.before', { days: rule.remindBeforeDays }) : t('rules.sum.noBefore'),
    rule.remindOnDueDay ? t('rules.sum.onDue') : t('rules.sum.noDue'),
    t('rules.sum.manager', { days: rule.managerAfterDays }),
    rule.furtherAfterDays === null
      ? t('rules.sum.noFurther')
      : t('rules.sum.further', { days: rule.furtherAfterDays, to: t(`rules.furtherTo.${rule.furtherTo}`) }),
    t('rules.sum.hours', { start: rule.workStart, end: rule.workEnd }),
  ];
  return parts.join(t('rules.sum.separator'));
}

/** One department's override: its summary; open it to change or remove it. */
export function RuleOverride({ department, rule }: { department: string; rule: LadderRule }) {
  return (
    <li class="rule-override" data-testid="rule-override" data-department={department}>
      <details>
        <summary>
          <span class="cell-main">{department}</span>
          <span class="cell-sub" data-testid="rule-summary">
            {ladderSummary(rule)}
          </span>
        </summary>
        <LadderRuleForm department={department} rule={rule} />
      </details>
    </li>
  );
}
