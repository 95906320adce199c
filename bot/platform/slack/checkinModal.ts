import type { types } from '@slack/bolt';
import { GOAL_STATUSES, type GoalStatus } from '../../../db/schema';
import { t, type Locale } from '../../i18n';
import type { checkinFormFor } from '../../services/goals/goalChat';
import { CHECKIN_FORM, CHECKIN_INPUTS } from './ids';
import { clip } from './slackText';
import { MODAL_TEXT_CHARS, plain } from './modalText';


type Form = NonNullable<ReturnType<typeof checkinFormFor>>;

/** The goal check-in as one modal: new value (prefilled), status (the suggestion preselected), an optional note. */
export function checkinModal(locale: Locale, form: Form): types.ModalView {
  const option = (s: GoalStatus) => ({ text: plain(t(locale, `goals.status.${s}`), 75), value: s });
  return {
    type: 'modal',
    callback_id: CHECKIN_FORM,
    private_metadata: JSON.stringify({ goalId: form.goalId }),
    title: plain(t(locale, 'slack.checkin.title'), MODAL_TEXT_CHARS),
    submit: plain(t(locale, 'slack.modal.submit'), MODAL_TEXT_CHARS),
    close: plain(t(locale, 'slack.modal.close'), MODAL_TEXT_CHARS),
    blocks: [
      { type: 'section', text: plain(t(locale, 'goals.askValue', form)) },
      {
        type: 'input',
        block_id: CHECKIN_INPUTS.value,
        label: plain(t(locale, 'slack.checkin.value', { unit: form.unit }), 2000),
        element: { type: 'plain_text_input', action_id: CHECKIN_INPUTS.value, initial_value: String(form.currentValue), max_length: 30 },
      },
      {
        type: 'input',
        block_id: CHECKIN_INPUTS.status,
        label: plain(t(locale, 'slack.checkin.status'), 2000),
        element: { type: 'static_select', action_id: CHECKIN_INPUTS.status, options: GOAL_STATUSES.map(option), initial_option: option(form.suggested) },
      },
      {
        type: 'input',
        block_id: CHECKIN_INPUTS.note,
        optional: true,
        label: plain(t(locale, 'slack.checkin.note'), 2000),
        element: { type: 'plain_text_input', action_id: CHECKIN_INPUTS.note, multiline: true, max_length: 1000 },
      },
    ],
  };
}

type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

/** What was entered in a submitted check-in modal. */
export function readCheckin(values: Values, rawMetadata: string): { goalId: number; value: string; status: GoalStatus | null; note: string | null } | undefined {
  let goalId: number | undefined;
  try {
    goalId = (JSON.parse(rawMetadata) as { goalId?: number }).goalId;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(goalId)) return undefined;
  const status = values[CHECKIN_INPUTS.status]?.[CHECKIN_INPUTS.status]?.selected_option?.value;
  return {
    goalId: goalId!,
    value: values[CHECKIN_INPUTS.value]?.[CHECKIN_INPUTS.value]?.value ?? '',
    status: (GOAL_STATUSES as readonly string[]).includes(status ?? '') ? (status as GoalStatus) : null,
    note: values[CHECKIN_INPUTS.note]?.[CHECKIN_INPUTS.note]?.value ?? null,
  };
}
