import { DeliveryError, type BatchOutcome, type ChatAdapter, type OutgoingDelivery } from '../port';
import type { WecomClient } from './apiClient';
import { toDeliveryError, WecomApiError } from './apiErrors';
import type { CardUpdates } from './cardUpdates';
import { newTaskId, parseButtonKey } from './cardKeys';
import type { MemberLimiter } from './memberLimiter';
import type { PartProgress } from './partProgress';
import type { Recipients } from './recipients';
import { render, toWire, type Part } from './render';
import type { RobotSender } from './robot';

export interface WecomAdapterDeps {
  client: WecomClient;
  recipients: Recipients;
  limiter: MemberLimiter;
  progress: PartProgress;
  cards: CardUpdates;
  robot: RobotSender;
  /** Buttons whose send-time response_code is kept for the end of the flow they start (standup "start"). */
  heldActions: ReadonlySet<string>;
}

interface Going {
  delivery: OutgoingDelivery;
  personId: number;
  userid: string;
}

const fail = (error: DeliveryError): BatchOutcome => ({ ok: false, error });

/**
 * Delivers outbox messages as WeCom app messages. Identical person messages come in batches (up to 1000,
 * one `touser` list per call); each member is held to WeCom's per-member limits before the call — those
 * over it wait (a retryable outcome with retryAfterMs), because WeCom would silently drop them.
 * Channel messages (announcements) go to the group robot.
 */
export class WecomAdapter implements ChatAdapter {
  readonly platform = 'wecom';
  /** message/send calls a second (each up to 1000 people): a burst cap well under WeCom's per-IP and per-corp budgets. */
  readonly ratePerSecond = 50;
  readonly maxBatch = 1000;

  constructor(private readonly deps: WecomAdapterDeps) {}

  async send(delivery: OutgoingDelivery): Promise<string | undefined> {
    if (delivery.target.kind === 'channel') return this.deps.robot.send(delivery);
    const [outcome] = await this.deliver([delivery]);
    if (!outcome.ok) throw outcome.error;
    return outcome.ref;
  }

  sendBatch(deliveries: OutgoingDelivery[]): Promise<BatchOutcome[]> {
    return this.deliver(deliveries);
  }

  private async deliver(deliveries: OutgoingDelivery[]): Promise<BatchOutcome[]> {
    const outcomes = new Map<number, BatchOutcome>();
    const parts = render(deliveries[0].message); // a batch always shares one message
    const going = this.admit(deliveries, parts.length, outcomes);
    let ref: string | undefined;
    for (let i = 0; i < parts.length; i++) {
      // each member gets the parts they do not have yet (a retry continues after the last part that went out)
      const to = going.filter((g) => !outcomes.has(g.delivery.id) && this.deps.progress.doneOf(g.delivery.id) <= i);
      if (to.length) ref = (await this.sendPart(parts[i], to, outcomes)) ?? ref;
    }
    const delivered = going.filter((g) => !outcomes.has(g.delivery.id));
    for (const g of delivered) {
      this.deps.progress.clear(g.delivery.id);
      outcomes.set(g.delivery.id, { ok: true, ref });
    }
    this.deps.recipients.clearInvalid(delivered.map((g) => g.personId));
    return deliveries.map((d) => outcomes.get(d.id)!);
  }

  /** Who may be sent to now: has a userid, appears once in this call, and is within the member limits. */
  private admit(deliveries: OutgoingDelivery[], parts: number, outcomes: Map<number, BatchOutcome>): Going[] {
    const personIds = deliveries.map((d) => (d.target.kind === 'person' ? d.target.personId : -1));
    const userids = this.deps.recipients.useridsOf(personIds);
    const seen = new Set<string>();
    const going: Going[] = [];
    deliveries.forEach((delivery, i) => {
      const personId = personIds[i];
      const userid = userids.get(personId);
      if (!userid) return outcomes.set(delivery.id, fail(new DeliveryError(`person ${personId} has no WeCom userid`, { retryable: false })));
      const member = userid.toLowerCase();
      if (seen.has(member)) {
        // the same member twice in one touser would get one message: the second goes in the next call
        return outcomes.set(delivery.id, fail(new DeliveryError('same member twice in one batch', { retryable: true, retryAfterMs: 1000, deferred: true })));
      }
      seen.add(member);
      const wait = this.deps.limiter.check(String(personId), delivery.id, parts - this.deps.progress.doneOf(delivery.id));
      if (wait > 0) {
        return outcomes.set(delivery.id, fail(new DeliveryError(`WeCom member limit (30/min, 1000/h) reached for ${userid}`, { retryable: true, retryAfterMs: wait, deferred: true })));
      }
      going.push({ delivery, personId, userid });
    });
    return going;
  }

  /** One message/send call for these members; records who WeCom reported invalid and who got it. */
  private async sendPart(part: Part, to: Going[], outcomes: Map<number, BatchOutcome>): Promise<string | undefined> {
    const taskId = part.kind === 'card' ? newTaskId(to[0].delivery.id) : undefined;
    if (taskId && part.kind === 'card') this.deps.cards.remember(taskId, part.buttons);
    try {
      const sent = await this.deps.client.sendMessage({ touser: to.map((g) => g.userid).join('|'), ...toWire(part, taskId) });
      const invalid = new Set(sent.invalidUsers);
      for (const g of to) {
        if (invalid.has(g.userid.toLowerCase())) this.invalid(g, outcomes);
        else {
          this.deps.progress.advance(g.delivery.id);
          this.deps.limiter.record(String(g.personId), 1);
        }
      }
      if (taskId && part.kind === 'card' && sent.responseCode && to.length === 1) this.holdSendCode(taskId, part, to[0], sent.responseCode);
      return sent.msgid;
    } catch (err) {
      if (err instanceof WecomApiError && err.errcode === 81013) for (const g of to) this.invalid(g, outcomes);
      else for (const g of to) outcomes.set(g.delivery.id, fail(toDeliveryError(err)));
      return undefined;
    }
  }

  private invalid(g: Going, outcomes: Map<number, BatchOutcome>): void {
    this.deps.recipients.markInvalid(g.personId, g.userid, g.delivery.id);
    outcomes.set(g.delivery.id, fail(new DeliveryError(`WeCom did not deliver to ${g.userid} (invaliduser: left, not activated or outside the app's visible range)`, { retryable: false })));
  }

  /**
   * A card sent to one member: its own response_code can update it later (a batch's code is shared by
   * everyone in it, so it is not kept). Kept only for cards that start a flow, to mark them done.
   */
  private holdSendCode(taskId: string, part: Extract<Part, { kind: 'card' }>, g: Going, responseCode: string): void {
    for (const b of part.buttons) {
      const action = parseButtonKey(b.key);
      if (action && this.deps.heldActions.has(action.actionId)) {
        this.deps.cards.hold({ taskId, userid: g.userid, personId: g.personId, responseCode, actionId: action.actionId, value: action.value });
        return;
      }
    }
  }
}
