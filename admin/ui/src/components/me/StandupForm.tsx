import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import type { MyAnswer, MyStandup } from '../../apiShapes';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { myPoints } from '../../store/myPoints';
import { saveStandup } from '../../store/myStandup';
import { FieldProblem } from '../FieldProblem';
import { loadLog } from '../../store/progressLog';
import { currentUser } from '../../store/session';
import { useSubmit } from '../../useSubmit';

/** Who typed this answer for me (admin/HR in the simulator), or null when I did. */
const enteredByName = (a: MyAnswer | null): string | null => a?.enteredBy || null;

/** The questions with my answers to edit; after the close, only unanswered questions (answered late). */
export function StandupForm({ standup }: { standup: MyStandup }) {
  const answers = useSignal(standup.questions.map((_, i) => standup.answers[i]?.text ?? ''));
  const { busy, error, submit } = useSubmit();
  const saved = useSignal(false);

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (allBlank) return;
    saved.value = false;
    await submit(async () => {
      await saveStandup(answers.value);
      saved.value = true;
      void myPoints.load(); // an on-time standup earns a point
      if (currentUser.value) void loadLog(currentUser.value.email); // this week's answers appear in my log
    });
  }

  const err = error.value;
  const problems = fieldProblems(err);
  // After the close an existing answer (or skip) stays as it was; only unanswered questions may still be answered.
  const locked = (i: number) => !standup.open && !!standup.answers[i];
  const editable = standup.questions.some((_, i) => !locked(i));
  const allBlank = answers.value.every((a, i) => locked(i) || !a.trim());
  return (
    <form class="standup-form" onSubmit={onSubmit} data-testid="standup-form">
      {!standup.open && editable && <p class="notice notice-warning small">{t('me.standup.lateHint')}</p>}
      {standup.questions.map((q, i) => {
        const a = standup.answers[i] ?? null;
        const by = enteredByName(a);
        return (
          <label key={i} class="standup-question" data-testid="standup-question" data-index={i}>
            <span class="standup-q">
              {i + 1}. {q.text}
            </span>
            <textarea
              data-testid="standup-answer"
              rows={3}
              value={answers.value[i]}
              disabled={locked(i)}
              placeholder={a?.skipped ? t('me.standup.skipped') : t('me.standup.placeholder')}
              onInput={(e) => (answers.value = answers.value.map((v, j) => (j === i ? e.currentTarget.value : v)))}
            />
            <FieldProblem field={`answers.${i}`} problems={problems} />
            {(by || a?.late) && (
              <span class="muted small" data-testid="standup-answer-meta">
                {[by ? t('me.standup.enteredBy', { name: by }) : '', a?.late ? t('me.standup.answerLate') : ''].filter(Boolean).join(' · ')}
              </span>
            )}
          </label>
        );
      })}
      {err ? (
        <p class="notice notice-error" role="alert" data-testid="standup-error" data-code={errorCode(err)}>
          {errorCode(err) === 'standup_closed' ? t('me.standup.closedError') : errorCode(err) === 'no_standup' ? t('me.standup.none') : errorText(err)}
        </p>
      ) : null}
      {saved.value && (
        <p class="notice notice-ok" role="status" data-testid="standup-saved">
          {standup.completed ? t('me.standup.savedComplete') : t('me.standup.saved')}
        </p>
      )}
      {editable && (
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="standup-submit" disabled={busy.value || allBlank}>
            {busy.value ? t('form.saving') : t('me.standup.submit')}
          </button>
          <span class="muted small">{allBlank ? t('me.standup.allBlank') : t('me.standup.blankSkips')}</span>
        </div>
      )}
    </form>
  );
}
