import type { types } from '@slack/bolt';
import { t, type Locale } from '../../i18n';
import type { StandupForm } from '../../services/standup/standupForm';
import { MAX_ANSWER_LENGTH } from '../../services/standup/submitStandupForm';
import { ANSWER_ACTION, questionBlockId, STANDUP_FORM } from './ids';
import { clip } from './slackText';
import { MODAL_TEXT_CHARS, plain } from './modalText';

const LABEL_CHARS = 2000;

export interface FormMetadata {
  requestId: number;
  /** Opened from the App Home tab, which is then refreshed after the submission. */
  fromHome?: boolean;
}


/** The standup modal: every question as a multiline input, prefilled with the current answers (question 1, while unanswered, with what the systems recorded this week). */
export function standupModal(form: Extract<StandupForm, { kind: 'open' }>, meta: FormMetadata): types.ModalView {
  const { locale } = form;
  const intro = form.late ? t(locale, 'slack.modal.introLate', { week: form.periodKey }) : t(locale, 'slack.modal.intro', { week: form.periodKey, closesAt: form.closesAt });
  const inputs: types.InputBlock[] = form.questions.map((question, i) => {
    const current = form.answers[i] ?? (i === 0 ? form.prefill : null);
    return {
      type: 'input',
      block_id: questionBlockId(i),
      optional: true,
      label: plain(question, LABEL_CHARS),
      element: {
        type: 'plain_text_input',
        action_id: ANSWER_ACTION,
        multiline: true,
        max_length: MAX_ANSWER_LENGTH,
        ...(current ? { initial_value: clip(current, MAX_ANSWER_LENGTH) } : {}),
      },
    };
  });
  return {
    type: 'modal',
    callback_id: STANDUP_FORM,
    private_metadata: JSON.stringify(meta),
    title: plain(t(locale, 'slack.modal.title'), MODAL_TEXT_CHARS),
    submit: plain(t(locale, 'slack.modal.submit'), MODAL_TEXT_CHARS),
    close: plain(t(locale, 'slack.modal.close'), MODAL_TEXT_CHARS),
    blocks: [{ type: 'context', elements: [{ type: 'plain_text', text: intro, emoji: true }] }, ...inputs],
  };
}

/** A modal that only says something (nothing to answer, the round has closed). */
export function infoModal(locale: Locale, text: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(t(locale, 'slack.modal.title'), MODAL_TEXT_CHARS),
    close: plain(t(locale, 'slack.modal.ok'), MODAL_TEXT_CHARS),
    blocks: [{ type: 'section', text: plain(text) }],
  };
}

/** The answers of a submitted standup modal, by question; null for an empty input. */
export function readAnswers(values: Record<string, Record<string, { value?: string | null }>>): (string | null)[] {
  const count = Object.keys(values).filter((k) => /^q\d+$/.test(k)).length;
  return Array.from({ length: count }, (_, i) => values[questionBlockId(i)]?.[ANSWER_ACTION]?.value ?? null);
}

export function readMetadata(raw: string): FormMetadata | undefined {
  try {
    const meta = JSON.parse(raw) as Partial<FormMetadata>;
    return Number.isInteger(meta.requestId) ? { requestId: meta.requestId!, fromHome: meta.fromHome === true } : undefined;
  } catch {
    return undefined;
  }
}

/** The modal for whatever the form service found: the questions, or why there is nothing to answer. */
export function formModal(form: StandupForm, fromHome = false): types.ModalView {
  if (form.kind === 'open') return standupModal(form, { requestId: form.requestId, ...(fromHome ? { fromHome } : {}) });
  const text = form.kind === 'closed' ? t(form.locale, 'standup.closed', { week: form.periodKey }) : t(form.locale, 'standup.nothingOpen');
  return infoModal(form.locale, text);
}
