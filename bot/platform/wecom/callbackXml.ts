import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { CallbackRefused } from './callbackCrypto';

// Every value stays a string: MsgId can be a 64-bit number (or not a number at all) and must not be rounded.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

const text = z.string();
const envelopeSchema = z.object({ Encrypt: text.min(1), ToUserName: text.optional(), AgentID: text.optional() });
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

/** Parses `<xml>…</xml>` with a real XML parser; anything that is not well-formed is refused (400). */
function xmlRoot(xml: string): unknown {
  if (XMLValidator.validate(xml) !== true) throw new CallbackRefused(400, 'malformed XML');
  const doc = parser.parse(xml) as { xml?: unknown };
  if (!doc.xml || typeof doc.xml !== 'object') throw new CallbackRefused(400, 'no <xml> root');
  return doc.xml;
}

/** The POST body: `<xml><ToUserName/><AgentID/><Encrypt/></xml>`. */
export function parseEnvelope(xml: string): { encrypt: string } {
  const parsed = envelopeSchema.safeParse(xmlRoot(xml));
  if (!parsed.success) throw new CallbackRefused(400, 'no <Encrypt> in the envelope');
  return { encrypt: parsed.data.Encrypt };
}

/** The decrypted message or event. */
export function parseMessage(xml: string): CallbackMessage {
  const parsed = messageSchema.safeParse(xmlRoot(xml));
  if (!parsed.success) throw new CallbackRefused(400, 'the message lacks FromUserName, CreateTime or MsgType');
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
