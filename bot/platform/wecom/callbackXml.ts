import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { CallbackRefused } from './callbackCrypto';
import { refuseDoctype } from './xmlDoctype';

// Every value stays a string: MsgId can be a 64-bit number (or not a number at all) and must not be rounded.
// No entity processing at all (a DTD is refused before this anyway): WeCom wraps every string in CDATA and its
// numbers carry no entities, so nothing is lost, and no declared or predefined entity is ever expanded.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: false });

const text = z.string();
const messageSchema = z.object({
  FromUserName: text.min(1),
  CreateTime: text.regex(/^\d{1,12}$/),
  MsgType: text.min(1),
  MsgId: text.optional(),
  Content: text.optional(),
  Event: text.optional(),
  EventKey: text.optional(),
  TaskId: text.optional(),
  ResponseCode: text.optional(),
  AgentID: text.optional(),
});

export type CallbackMessage =
  | { kind: 'text'; from: string; createTime: string; msgId?: string; content: string }
  | { kind: 'card_click'; from: string; createTime: string; taskId: string; eventKey: string; responseCode?: string }
  | { kind: 'other'; from: string; createTime: string; msgType: string; event?: string; msgId?: string };

/** Parses `<xml>…</xml>` with a real XML parser, DTDs refused; anything not well-formed is refused (400). */
function xmlRoot(xml: string): unknown {
  refuseDoctype(xml);
  if (XMLValidator.validate(xml) !== true) throw new CallbackRefused(400, 'malformed_xml', 'The message is not well-formed XML.');
  const doc = parser.parse(xml) as { xml?: unknown };
  if (!doc.xml || typeof doc.xml !== 'object') throw new CallbackRefused(400, 'malformed_xml', 'The message has no <xml> root.');
  return doc.xml;
}

/** The decrypted message or event (only ever parsed after its signature was checked and it was decrypted). */
export function parseMessage(xml: string): CallbackMessage {
  const parsed = messageSchema.safeParse(xmlRoot(xml));
  if (!parsed.success) throw new CallbackRefused(400, 'incomplete_message', 'The message lacks FromUserName, CreateTime or MsgType.');
  const m = parsed.data;
  const base = { from: m.FromUserName, createTime: m.CreateTime };
  if (m.MsgType === 'text') return { kind: 'text', ...base, msgId: m.MsgId, content: m.Content ?? '' };
  if (m.MsgType === 'event' && m.Event === 'template_card_event' && m.TaskId && m.EventKey) {
    return { kind: 'card_click', ...base, taskId: m.TaskId, eventKey: m.EventKey, responseCode: m.ResponseCode };
  }
  return { kind: 'other', ...base, msgType: m.MsgType, event: m.Event, msgId: m.MsgId };
}

/**
 * The key WeCom retries share: MsgId for messages; FromUserName+CreateTime for events (plus the event name);
 * card clicks add TaskId+EventKey, since one person can click two cards within the same second.
 */
export function dedupeKey(m: CallbackMessage): string {
  if (m.kind === 'card_click') return `card:${m.from}:${m.createTime}:${m.taskId}:${m.eventKey}`;
  if (m.msgId) return `msg:${m.msgId}`;
  if (m.kind === 'other' && m.msgType === 'event') return `event:${m.from}:${m.createTime}:${m.event ?? ''}`;
  return `msg:${m.from}:${m.createTime}`;
}
