import type { types } from '@slack/bolt';
import { t, type Locale } from '../../i18n';
import { ANSWER_ACTION, questionBlockId, SELF_REVIEW_FORM } from './ids';
import { clip } from './slackText';
import { MODAL_TEXT_CHARS, plain } from './modalText';

/** Slack's limit for a plain_text_input. */
const MAX_ANSWER = 3000;

/** The self-review modal: every reflection question as a multiline input, prefilled with what was answered in chat. */
export function selfReviewModal(locale: Locale, form: { reviewId: number; cycle: string; questions: string[]; answers: (string | null)[] }): types.ModalView {
  return {
    type: 'modal',
    callback_id: SELF_REVIEW_FORM,
    private_metadata: JSON.stringify({ reviewId: form.reviewId }),
    title: plain(t(locale, 'review.self.formTitle'), MODAL_TEXT_CHARS),
    submit: plain(t(locale, 'slack.modal.submit'), MODAL_TEXT_CHARS),
    close: plain(t(locale, 'slack.modal.close'), MODAL_TEXT_CHARS),
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: t(locale, 'review.self.formIntro', { cycle: form.cycle }), emoji: true }] },
      ...form.questions.map(
        (question, i): types.InputBlock => ({
          type: 'input',
          block_id: questionBlockId(i),
          label: plain(question, 2000),
          element: { type: 'plain_text_input', action_id: ANSWER_ACTION, multiline: true, max_length: MAX_ANSWER, ...(form.answers[i] ? { initial_value: clip(form.answers[i]!, MAX_ANSWER) } : {}) },
        }),
      ),
    ],
  };
}

/** The review a submitted self-review modal belongs to. */
export function readReviewId(raw: string): number | undefined {
  try {
    const id = (JSON.parse(raw) as { reviewId?: unknown }).reviewId;
    return Number.isInteger(id) ? (id as number) : undefined;
  } catch {
    return undefined;
  }
}
