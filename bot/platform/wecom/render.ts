import type { MessageButton, OutboundMessage } from '../port';
import { buttonKey } from './cardKeys';
import { clip, splitText } from './textParts';

/** One message/send call's content (recipients, agentid and task_id are added when it is sent). */
export type Part = { kind: 'text'; content: string } | { kind: 'card'; title: string; subtitle?: string; buttons: CardButton[] };

export interface CardButton {
  text: string;
  key: string;
  style: 1 | 2;
}

// The card's own limits (WeCom docs: title up to 36 characters, sub-title up to 160, at most 6 buttons).
const TITLE_CHARS = 36;
const SUBTITLE_CHARS = 160;
const BUTTONS_PER_CARD = 6;
const BUTTON_CHARS = 20;

/** The whole text of a message: its text, then each field as "label" and "value" lines. */
export function bodyOf(message: OutboundMessage): string {
  const fields = (message.fields ?? []).map((f) => `${f.label}\n${f.value}`);
  return [message.text, ...fields].filter((s) => s.trim() !== '').join('\n\n');
}

/**
 * Renders a port message as WeCom messages. Without buttons: text, split at 2048 bytes. With buttons: a
 * `button_interaction` card whose keys carry actionId + value; when the text does not fit on a card, it goes
 * first as text and the card carries only its first line — nothing the person should read is ever cut.
 */
export function render(message: OutboundMessage): Part[] {
  const body = bodyOf(message);
  const buttons = message.buttons ?? [];
  if (buttons.length === 0) return splitText(body).map((content) => ({ kind: 'text', content }));

  const [first = '', ...rest] = body.split('\n');
  const subtitle = rest.join('\n').trim();
  const fits = [...first].length <= TITLE_CHARS && [...subtitle].length <= SUBTITLE_CHARS;
  const parts: Part[] = fits ? [] : splitText(body).map((content) => ({ kind: 'text', content }));
  const title = clip(first.trim() || '…', TITLE_CHARS);
  const chunks = chunk(buttons, BUTTONS_PER_CARD);
  chunks.forEach((group, i) => {
    parts.push({
      kind: 'card',
      title: chunks.length > 1 ? clip(`${title} (${i + 1}/${chunks.length})`, TITLE_CHARS) : title,
      subtitle: fits && i === 0 && subtitle ? subtitle : undefined,
      buttons: group.map(cardButton),
    });
  });
  return parts;
}

function cardButton(b: MessageButton): CardButton {
  return { text: clip(b.label, BUTTON_CHARS), key: buttonKey(b.actionId, b.value), style: b.style === 'primary' ? 1 : 2 };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The message/send body of a part (without touser and agentid). */
export function toWire(part: Part, taskId: string | undefined): Record<string, unknown> {
  if (part.kind === 'text') return { msgtype: 'text', text: { content: part.content } };
  return {
    msgtype: 'template_card',
    template_card: {
      card_type: 'button_interaction',
      main_title: { title: part.title },
      ...(part.subtitle ? { sub_title_text: part.subtitle } : {}),
      task_id: taskId,
      button_list: part.buttons,
    },
  };
}
