import type { types } from '@slack/bolt';
import { t, type Locale } from '../../i18n';
import { STANDUP_ACTIONS } from '../../services/standup/standupMessages';
import type { MessageButton, OutboundMessage } from '../port';
import { encodeActionId, OPEN_STANDUP_FORM } from './ids';
import { clip, splitText, toSlackText } from './slackText';

type Block = types.KnownBlock;
type Button = types.Button;

/** Slack's limits for a message (docs.slack.dev/reference/block-kit): we stay inside them rather than be refused. */
const SECTION_CHARS = 3000;
const FALLBACK_CHARS = 3000;
const BUTTON_LABEL_CHARS = 75;
const BUTTON_VALUE_CHARS = 2000;
const BUTTONS_PER_BLOCK = 25;
const MAX_BLOCKS = 50;

export interface SlackMessage {
  /** The notification / fallback text. */
  text: string;
  blocks: Block[];
}

/**
 * Renders a platform-neutral message as Block Kit: the text, the fields (bold label, value), then buttons.
 * Standup buttons become Slack's richer UI: a question gets "Answer now" (the modal with every question),
 * and the per-question Edit buttons of a summary become one "Edit" that opens the modal prefilled.
 */
export function renderMessage(message: OutboundMessage, locale: Locale): SlackMessage {
  // People's own words (names, answers) are shown as plain text: no accidental formatting, no mentions.
  const blocks: Block[] = splitText(message.text, SECTION_CHARS).filter((s) => s.trim()).map((s) => ({ type: 'section', text: { type: 'plain_text', text: s, emoji: true } }));
  if (message.fields?.length) {
    const body = message.fields.map((f) => `*${toSlackText(f.label)}*\n${toSlackText(f.value)}`).join('\n\n');
    for (const piece of splitText(body, SECTION_CHARS)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
  }
  const buttons = slackButtons(message.buttons ?? [], locale);
  const actionBlocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_BLOCK) actionBlocks.push({ type: 'actions', elements: buttons.slice(i, i + BUTTONS_PER_BLOCK) });
  const room = MAX_BLOCKS - actionBlocks.length;
  return { text: clip(toSlackText(message.text), FALLBACK_CHARS), blocks: [...blocks.slice(0, room), ...actionBlocks] };
}

function slackButtons(buttons: MessageButton[], locale: Locale): Button[] {
  const out: Button[] = [];
  // One modal button per message: Slack wants action ids unique within a block.
  if (buttons.some((b) => b.actionId === STANDUP_ACTIONS.skip)) out.push(openFormButton(t(locale, 'slack.button.answerNow'), 'primary'));
  else if (buttons.some((b) => b.actionId === STANDUP_ACTIONS.edit)) out.push(openFormButton(t(locale, 'slack.button.edit')));
  buttons.forEach((b, i) => {
    if (b.actionId === STANDUP_ACTIONS.edit) return;
    out.push({
      type: 'button',
      action_id: encodeActionId(b.actionId, i),
      text: { type: 'plain_text', text: clip(b.label, BUTTON_LABEL_CHARS), emoji: true },
      value: clip(b.value, BUTTON_VALUE_CHARS),
      ...(b.style ? { style: b.style } : {}),
    });
  });
  return out;
}

export function openFormButton(label: string, style?: 'primary'): Button {
  return { type: 'button', action_id: OPEN_STANDUP_FORM, text: { type: 'plain_text', text: clip(label, BUTTON_LABEL_CHARS), emoji: true }, value: 'open', ...(style ? { style } : {}) };
}
