/**
 * The seam between the core and chat platforms. Adapters (local, Slack, WeCom) only translate
 * between these platform-neutral shapes and their own payloads; no business rule lives in them.
 */

export interface MessageField {
  label: string;
  value: string;
}

export interface MessageButton {
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

/** What the bot says: text, optional label/value fields, optional buttons. */
export interface OutboundMessage {
  text: string;
  fields?: MessageField[];
  buttons?: MessageButton[];
  /**
   * Dedupe key of an earlier message this one replaces in place, where the platform can edit what it sent
   * (Slack: the standup prompt becomes the answers). Platforms that cannot, or when that message went out
   * elsewhere, send this as a new message.
   */
  replaces?: string;
  /** Dedupe key of the message this one answers in a thread (Slack); elsewhere it is simply sent after it. */
  threadOf?: string;
  /** Carries a secret (a sign-in link): the local chat's transcript shows it only to the person and to admins. */
  secret?: boolean;
}

export type DeliveryTarget = { kind: 'person'; personId: number } | { kind: 'channel'; channel: string };

export interface OutgoingDelivery {
  id: number;
  target: DeliveryTarget;
  message: OutboundMessage;
}

/** What a person did: said something, or clicked a button. */
export type InboundEvent = {
  platform: string;
  /** Platform-unique id of this event (Slack event_id, WeCom MsgId…), used to drop retries. */
  eventKey: string;
  personId: number;
  /** E-mail of whoever typed this for the person (the console's chat simulator); undefined when it was the person. */
  enteredBy?: string;
} & ({ kind: 'text'; text: string } | { kind: 'action'; actionId: string; value: string });

/**
 * Thrown by adapters; the dispatcher retries retryable ones with backoff (or after retryAfterMs). `deferred`
 * means the platform only asked us to wait (a rate limit): it is not a failed attempt and never dead-letters.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: {
      retryable: boolean;
      retryAfterMs?: number;
      deferred?: boolean;
      /** The platform refused for its rate (HTTP 429): its budget is spent for now, not only this message's. */
      rateLimited?: boolean;
    } = { retryable: true },
  ) {
    super(message);
  }
}

export interface ChatAdapter {
  readonly platform: string;
  /** Messages per second the platform tolerates from us (the dispatcher's token bucket). */
  readonly ratePerSecond: number;
  /** Delivers one message; resolves with the platform's message reference, or throws DeliveryError. */
  send(delivery: OutgoingDelivery): Promise<string | undefined>;
  /**
   * Optional: delivers one identical message to several people in one platform call (WeCom: up to 1000
   * `touser`). Gets deliveries with the same message, at most `maxBatch`; returns one outcome per delivery, in order.
   * Each call takes one token of the rate limit.
   */
  sendBatch?(deliveries: OutgoingDelivery[]): Promise<BatchOutcome[]>;
  readonly maxBatch?: number;
  /**
   * Optional, for an adapter that delivers into this same database (the built-in local chat): writes the message
   * synchronously and returns its reference. The dispatcher calls it inside the transaction that marks the
   * delivery sent, so the message exists exactly when its delivery says so, whatever crashes or fills up.
   */
  deliverWithin?(delivery: OutgoingDelivery): string;
  /**
   * Optional, beside deliverWithin: writes several messages at once (a fan-out delivering at enqueue time, see
   * bot/outbox/deliverAtEnqueue.ts), in the caller's transaction. The messages' references are not kept: the local
   * chat's message points at its delivery (local_messages.delivery_id). `json`: the message serialised, when the
   * caller has it already (the outbox row's payload).
   */
  deliverAllWithin?(deliveries: readonly (OutgoingDelivery & { json?: string })[]): void;
  /**
   * Optional: told which deliveries were just claimed, in the order they will be sent, before they are; it may fetch
   * in the background what sending them needs (Slack: opens unknown DM channels ahead). Must not throw or block.
   */
  prepare?(deliveries: readonly OutgoingDelivery[]): void;
  /** How many sends may be in flight at once (different recipients only; one person's messages stay in order). Default 1. */
  readonly concurrency?: number;
}

export type BatchOutcome = { ok: true; ref?: string } | { ok: false; error: DeliveryError | Error };
