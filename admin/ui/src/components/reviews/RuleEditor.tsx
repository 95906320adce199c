import type { PathProblem } from '../../api';
import { locale, t } from '../../i18n';
import type { TemplateRule } from '../../reviewShapes';
import { ratingScale } from '../../store/reviewCatalogue';
import { edit, move, type EditRule } from '../../store/templateDraft';
import { preview } from '../../store/templatePreview';
import { BilingualInput } from './BilingualInput';
import { MoveButtons } from './MoveButtons';
import { RuleOutcome } from './RuleOutcome';

const EFFECTS: TemplateRule['effect'][] = ['cap', 'floor', 'flag'];

/** One rule: when (an expression such as `collection_rate < 0.8`), the effect, its grade or flag, the reason. */
export function RuleEditor({ rule, index, count, problems }: { rule: EditRule; index: number; count: number; problems: PathProblem[] }) {
  const at = (change: (r: EditRule) => void) => edit((b) => change(b.rules[index]));
  const what = t('reviews.rules.n', { n: index + 1 });
  const outcome = preview.value?.rules.find((r) => r.index === index);
  const grades = ratingScale.data.value ?? [];
  return (
    <li class="rule-edit" data-testid="rule" data-index={index}>
      <div class="template-item-head">
        <strong>{what}</strong>
        <MoveButtons index={index} count={count} what={what} canRemove onMove={(by) => edit((b) => move(b.rules, index, by))} onRemove={() => edit((b) => b.rules.splice(index, 1))} />
      </div>
      <label>
        <span>{t('reviews.rules.when')}</span>
        <input class="mono" data-testid="rule-when" maxLength={500} placeholder="collection_rate < 0.8" value={rule.when} onInput={(e) => at((r) => (r.when = e.currentTarget.value))} />
      </label>
      <div class="form-row">
        <label>
          <span>{t('reviews.rules.effect')}</span>
          <select data-testid="rule-effect" value={rule.effect} onChange={(e) => at((r) => (r.effect = e.currentTarget.value as EditRule['effect']))}>
            {EFFECTS.map((x) => (
              <option key={x} value={x}>
                {t(`reviews.effect.${x}`)}
              </option>
            ))}
          </select>
        </label>
        {rule.effect === 'flag' ? (
          <label>
            <span>{t('reviews.rules.flag')}</span>
            <input data-testid="rule-flag" maxLength={40} placeholder="needs-improvement" value={rule.flag} onInput={(e) => at((r) => (r.flag = e.currentTarget.value))} />
          </label>
        ) : (
          <label>
            <span>{t('reviews.rules.grade')}</span>
            <select data-testid="rule-grade" value={rule.grade} onChange={(e) => at((r) => (r.grade = e.currentTarget.value))}>
              <option value="">{t('reviews.rules.pickGrade')}</option>
              {grades.map((g) => (
                <option key={g.key} value={g.key}>
                  {`${g.key} · ${g.label[locale.value]}`}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <BilingualInput value={rule.reason} label={t('reviews.rules.reason')} testId="rule-reason" onChange={(v) => at((r) => (r.reason = v))} />
      {problems.map((p, i) => (
        <p key={i} class="field-error" data-testid="rule-problem" data-path={p.path}>
          {p.message}
        </p>
      ))}
      {outcome && <RuleOutcome outcome={outcome} />}
    </li>
  );
}
