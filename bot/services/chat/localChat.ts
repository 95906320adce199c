import { and, desc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import { inTransaction, type Db } from '../../../db/client';
import { localMessages } from '../../../db/schema';
import { handleInbound, type InboundResult } from '../../conversations/handleInbound';
import { AppError } from '../../errors';
import type { DeliverNow } from '../../outbox/deliverNow';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { preparedOnce } from '../preparedOnce';
import { risingEventKey } from './inboundEvents';

export interface LocalMessageView {
  id: number;
  from: 'bot' | 'person';
  text: string;
  /** Who typed a person's message for them in the simulator (e-mail), or null. */
  typedBy: string | null;
  /** The message carried a secret (a sign-in link) and was hidden from this reader. */
  redacted?: boolean;
  fields: { label: string; value: string }[];
  buttons: { actionId: string; label: string; value: string; style?: string }[];
  createdAt: string;
}

/** An active person by e-mail, with the platforms they have identities on. */
export function findActivePerson(db: Db, email: string): { id: number; identityPlatforms: string[] } {
  // Every message posted in the local chat asks this: prepared once, one statement (each statement outside a
  // transaction begins a read transaction of its own).
  const person = preparedOnce(db, 'localChat.person', () =>
    db.$client.prepare<[string], { id: number; platforms: string }>(
      `select p.id, (select json_group_array(i.platform) from identities i where i.person_id = p.id) as platforms
       from people p where p.email = ? and p.active = 1`,
    ),
  );
  const found = person.get(email.trim().toLowerCase());
  if (!found) throw new AppError('unknown_employee', `No active person with e-mail ${email}.`, { status: 404 });
  return { id: found.id, identityPlatforms: JSON.parse(found.platforms) as string[] };
}

/**
 * A conversation in the built-in chat, oldest first (the latest `limit`, or everything after `afterId`).
 * Messages carrying a secret (sign-in links) are shown only when `showSecrets` (the person, or an admin).
 */
export function listLocalMessages(db: Db, where: { personId: number } | { channel: string }, afterId = 0, limit = 500, showSecrets = true): LocalMessageView[] {
  const cond: SQL = 'personId' in where
    ? and(eq(localMessages.personId, where.personId), isNull(localMessages.channel), gt(localMessages.id, afterId))!
    : and(eq(localMessages.channel, where.channel), gt(localMessages.id, afterId))!;
  const rows = db.select().from(localMessages).where(cond).orderBy(desc(localMessages.id)).limit(limit).all().reverse();
  return rows.map((r) => {
    const body = r.body as OutboundMessage;
    if (body.secret && !showSecrets) return { id: r.id, from: r.sender, text: '', typedBy: r.typedBy, redacted: true, fields: [], buttons: [], createdAt: r.createdAt };
    return { id: r.id, from: r.sender, text: body.text, typedBy: r.typedBy, fields: body.fields ?? [], buttons: body.buttons ?? [], createdAt: r.createdAt };
  });
}

export type LocalInput = { text: string; id?: string } | { action: string; value: string; id?: string };

/**
 * A person speaks or clicks in the local chat: shown in their conversation, then handled like any platform's event.
 * `typedBy` is the e-mail of whoever typed it for them (the simulator), recorded with the message and the answer.
 * A client's `id` makes a resend a duplicate, for that person only.
 */
export function receiveLocalMessage(deps: ServiceDeps, personId: number, input: LocalInput, typedBy?: string): InboundResult {
  const eventKey = input.id ? `${personId}:${input.id}` : risingEventKey(deps.now());
  const shown = 'text' in input ? input.text : buttonLabel(deps.db, personId, input.action, input.value);
  const event = 'text' in input
    ? { platform: 'local', eventKey, personId, enteredBy: typedBy, kind: 'text' as const, text: input.text }
    : { platform: 'local', eventKey, personId, enteredBy: typedBy, kind: 'action' as const, actionId: input.action, value: input.value };
  const show = preparedOnce(deps.db, 'localChat.said', () =>
    deps.db.$client.prepare<[number, string, string | null, string]>(`insert into local_messages (person_id, sender, body, typed_by, created_at) values (?, 'person', ?, ?, ?)`),
  );
  return handleInbound(deps, event, {
    onAccepted: () => show.run(personId, JSON.stringify({ text: shown }), typedBy ?? null, deps.now().toISOString()),
  });
}

/**
 * receiveLocalMessage with its replies written into the conversation in the same transaction where they may go at
 * once (bot/outbox/deliverNow.ts); `delivered` is false when some of them wait for the outbox (the caller flushes).
 */
export function receiveAndReply(deps: ServiceDeps, deliverNow: DeliverNow, personId: number, input: LocalInput, typedBy?: string): InboundResult & { delivered: boolean } {
  const receive = () => {
    const since = deliverNow.mark();
    const result = receiveLocalMessage(deps, personId, input, typedBy);
    return { ...result, delivered: deliverNow.deliverSince(since) };
  };
  // Already in a transaction (the group commit runs each event in a savepoint that a throw undoes whole): a savepoint
  // of its own would only nest another (SAVEPOINT + RELEASE per answer). Else one of its own.
  return deps.db.$client.inTransaction ? receive() : inTransaction(deps.db, receive);
}

/** The label of the clicked button in the person's recent messages, so the transcript reads naturally. */
function buttonLabel(db: Db, personId: number, actionId: string, value: string): string {
  const recent = listLocalMessages(db, { personId }, 0, 20).reverse();
  for (const m of recent) {
    const b = m.buttons.find((x) => x.actionId === actionId && x.value === value);
    if (b) return `[${b.label}]`;
  }
  return `[${actionId}]`;
}
