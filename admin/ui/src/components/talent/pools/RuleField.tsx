import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { FieldProblem } from '../../../api';
import { locale, t } from '../../../i18n';
import { checkRule } from '../../../store/talentPools';
import type { RuleCheck } from '../../../talentPoolShapes';
import { problemText } from '../../FieldProblem';

/**
 * The rule editor: a text box checked by the server as one types (every problem, in the reader's language), with the
 * figures and functions a rule may use; `sampleId` shows how the rule reads for one person.
 */
export function RuleField({ value, onInput, problems, sampleId }: { value: string; onInput: (v: string) => void; problems: FieldProblem[]; sampleId?: number }) {
  const check = useSignal<RuleCheck | null>(null);
  useEffect(() => {
    if (!value.trim()) {
      check.value = null;
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      checkRule(value, sampleId)
        .then((r) => {
          if (live) check.value = r;
        })
        .catch(() => {
          if (live) check.value = null;
        });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value, sampleId]);
  const shown = [...(check.value?.problems ?? []), ...problems.filter((p) => p.field === 'rule' && !check.value?.problems.some((q) => q.code === p.code))];
  const sample = check.value?.sample;
  return (
    <div class="stack">
      <label>
        <span>{t('talent.pools.rule')}</span>
        <textarea data-testid="pool-rule" rows={3} maxLength={1000} spellcheck={false} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      </label>
      {shown.length > 0 ? (
        <ul class="error small" role="alert" data-testid="rule-problems">
          {shown.map((p, i) => (
            <li key={i} data-code={p.code}>
              {problemText(p)}
            </li>
          ))}
        </ul>
      ) : (
        check.value && (
          <p class="small ok" data-testid="rule-ok">
            {t('talent.pools.ruleOk')}
          </p>
        )
      )}
      {sample && (
        <p class="small" data-testid="rule-sample">
          {t('talent.pools.sample', { name: sample.name })} {sample.reason[locale.value]}
        </p>
      )}
      <details class="small muted">
        <summary>{t('talent.pools.ruleHelp')}</summary>
        <p>{t('talent.pools.ruleFigures')}</p>
        <p>{t('talent.pools.ruleFunctions')}</p>
        <p>
          <code>min_annual(3) &gt;= 4 and skill("系统设计") &gt;= 4</code>
        </p>
      </details>
    </div>
  );
}
