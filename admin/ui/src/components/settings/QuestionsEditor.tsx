import type { FieldProblem as Problem } from '../../api';
import { t } from '../../i18n';
import type { Question } from '../../store/settings';
import { FieldProblem } from '../FieldProblem';

/**
 * The standup questions: each in zh-CN and English, reordered with ↑/↓, one of them marked as the blocker
 * question (a real answer alerts the manager at once). `field` is where the server reports their problems.
 */
export function QuestionsEditor({ value, onChange, problems, field, name }: { value: Question[]; onChange: (next: Question[]) => void; problems: Problem[]; field: string; name: string }) {
  const set = (i: number, change: Partial<Question>) => onChange(value.map((q, j) => (j === i ? { ...q, ...change } : q)));
  const move = (i: number, by: number) => {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  const markBlocker = (i: number) => onChange(value.map((q, j) => ({ 'zh-CN': q['zh-CN'], en: q.en, ...(j === i ? { blocker: true } : {}) })));
  return (
    <fieldset class="questions-editor" data-testid="questions-editor" data-field={field}>
      <legend>{t('settings.questions')}</legend>
      <ol class="question-list">
        {value.map((q, i) => (
          <li key={i} class="question-row" data-testid="question-row">
            <label>
              <span>{t('settings.question.zh')}</span>
              <input data-testid="question-zh" value={q['zh-CN']} maxLength={300} onInput={(e) => set(i, { 'zh-CN': e.currentTarget.value })} />
              <FieldProblem field={`${field}.${i}.zh-CN`} problems={problems} />
            </label>
            <label>
              <span>{t('settings.question.en')}</span>
              <input data-testid="question-en" value={q.en} maxLength={300} onInput={(e) => set(i, { en: e.currentTarget.value })} />
              <FieldProblem field={`${field}.${i}.en`} problems={problems} />
            </label>
            <div class="question-actions">
              <label class="checkbox">
                <input type="radio" name={name} data-testid="question-blocker" checked={Boolean(q.blocker)} onChange={() => markBlocker(i)} />
                <span>{t('settings.question.blocker')}</span>
              </label>
              <button type="button" aria-label={t('settings.question.up')} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
              <button type="button" aria-label={t('settings.question.down')} disabled={i === value.length - 1} onClick={() => move(i, 1)}>↓</button>
              <button type="button" data-testid="question-remove" disabled={value.length <= 1} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                {t('settings.question.remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <FieldProblem field={field} problems={problems} />
      <button type="button" data-testid="question-add" disabled={value.length >= 10} onClick={() => onChange([...value, { 'zh-CN': '', en: '' }])}>
        {t('settings.question.add')}
      </button>
    </fieldset>
  );
}
