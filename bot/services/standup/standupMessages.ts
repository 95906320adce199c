import { t, type Locale } from '../../i18n';
import type { MessageField, OutboundMessage } from '../../platform/port';
import type { StandupQuestion } from '../context';
import { boundedMemo } from '../boundedMemo';

/** Platform-neutral standup messages; every adapter renders these the same way. */

export const STANDUP_ACTIONS = { skip: 'standup.skip', edit: 'standup.edit', confirmPrefill: 'standup.confirmPrefill' } as const;

export interface AnswerView {
  questionIndex: number;
  answer: string | null;
  skipped: boolean;
}

export function questionText(locale: Locale, questions: StandupQuestion[], index: number): string {
  return t(locale, 'standup.question', { n: index + 1, total: questions.length, question: questions[index][locale] });
}

/**
 * A question with a Skip button, optionally preceded by an intro line and followed by last week's plan, what the
 * connected systems recorded this week (with a Confirm button: question 1 only) and the current answer.
 */
export function questionMessage(
  locale: Locale,
  questions: StandupQuestion[],
  index: number,
  opts: { lead?: string; current?: string | null; lastPlan?: string | null; prefill?: string | null } = {},
): OutboundMessage {
  const parts = [
    opts.lead,
    questionText(locale, questions, index),
    opts.lastPlan ? t(locale, 'standup.lastPlan', { plan: opts.lastPlan }) : undefined,
    opts.prefill ? `${opts.prefill}\n${t(locale, 'standup.prefillHint')}` : undefined,
    opts.current ? t(locale, 'standup.currentAnswer', { answer: opts.current }) : undefined,
  ];
  const confirm = opts.prefill ? [{ actionId: STANDUP_ACTIONS.confirmPrefill, label: t(locale, 'standup.button.confirmPrefill'), value: String(index), style: 'primary' as const }] : [];
  return {
    text: parts.filter(Boolean).join('\n\n'),
    buttons: [...confirm, { actionId: STANDUP_ACTIONS.skip, label: t(locale, 'standup.button.skip'), value: String(index) }],
  };
}

export function answerFields(locale: Locale, questions: StandupQuestion[], answers: AnswerView[]): MessageField[] {
  return questions.map((q, i) => {
    const a = answers.find((x) => x.questionIndex === i);
    const value = !a ? t(locale, 'standup.noAnswer') : a.skipped ? t(locale, 'standup.skipped') : (a.answer ?? '');
    return { label: q[locale], value };
  });
}

export function editButtons(locale: Locale, questions: StandupQuestion[]) {
  return questions.map((_, i) => ({ actionId: STANDUP_ACTIONS.edit, label: t(locale, 'standup.button.edit', { n: i + 1 }), value: String(i + 1) }));
}

const formats = new Map<string, Intl.DateTimeFormat>();
const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 512;

/**
 * Formats an instant for a person, e.g. "11月30日周一 10:00" or "Mon, Nov 30, 10:00" (formatters cached). The text of
 * an instant given as a string is kept too (a pure function of the three, bounded): every standup summary shows its
 * round's closing time, the same for everyone in a zone, and Intl's format() was ~14 µs of each completing answer.
 */
export function formatMoment(instant: string | Date, locale: Locale, tz: string): string {
  const key = `${locale}|${tz}`;
  const format = () => {
    let f = formats.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { timeZone: tz, weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
      formats.set(key, f);
    }
    return f.format(new Date(instant));
  };
  return typeof instant === 'string' ? boundedMemo(formatted, `${key}|${instant}`, FORMATTED_LIMIT, format) : format();
}
