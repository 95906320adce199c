import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { people } from '../../../db/schema';
import { handleInbound } from '../../conversations/handleInbound';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../../services/context';
import { standupSettled } from '../../services/standup/standupOpening';
import { parseButtonKey } from './cardKeys';
import type { CardUpdates } from './cardUpdates';
import { parseMessage, type CallbackMessage } from './callbackXml';
import type { InboundRow, InboundStore, Outcome } from './inboundStore';
import type { Recipients } from './recipients';

const YIELD_AFTER_MS = 5;

export interface EventProcessorDeps {
  deps: ServiceDeps;
  store: InboundStore;
  recipients: Recipients;
  cards: CardUpdates;
  /** Buttons whose click code is held until the flow they start is done (standup "start" → the round). */
  heldActions: ReadonlySet<string>;
  /** Sends what the events put in the outbox. */
  flush: () => Promise<unknown>;
}

/**
 * Turns recorded WeCom callbacks into InboundEvents for `handleInbound`, one at a time in arrival order.
 * Each event is handled and marked processed in one transaction, so a crash re-runs it (and handleInbound's
 * own dedupe keeps it from counting twice). Runs right after a callback is answered, at start, and on a timer.
 */
/** Parsed messages kept for the processor at most; beyond it (a backlog) the stored XML is parsed again. */
const MAX_PARSED = 5_000;

export class EventProcessor {
  private running?: Promise<void>;
  private again = false;
  /**
   * Messages as the callback route parsed them, by dedupe key, until processed: parsing the decrypted XML again was
   * ~0.17 ms of each callback (the profile: parseMessage called twice, fast-xml-parser's validate + parse). The
   * stored XML stays the source of truth: a key not here (after a restart, or beyond MAX_PARSED) is parsed from it.
   */
  private readonly parsed = new Map<string, CallbackMessage>();

  constructor(private readonly p: EventProcessorDeps) {}

  /** Process what is pending now (returns when it is done, including the replies' delivery). */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.processPending();
        await this.p.flush();
        await this.p.cards.drain();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** A callback the route has just recorded, as it parsed it. */
  received(dedupeKey: string, message: CallbackMessage): void {
    if (this.parsed.size < MAX_PARSED) this.parsed.set(dedupeKey, message);
  }

  /** Resolves when the run in progress (if any) has finished. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /**
   * The events of a slice (up to YIELD_AFTER_MS of work) share one transaction, each in its own savepoint: a commit
   * per event was about half of the processing in the profile (3,000 callbacks). A failing event undoes only its
   * savepoint; if the commit itself fails, the slice's events stay pending and the next run takes them again.
   */
  private async processPending(): Promise<void> {
    let afterId = 0;
    for (;;) {
      const rows = this.p.store.pending(afterId);
      if (rows.length === 0) return;
      for (let i = 0; i < rows.length; ) {
        const started = performance.now();
        inTransaction(this.p.deps.db, () => {
          while (i < rows.length) {
            afterId = rows[i].id;
            this.processOne(rows[i++]);
            if (performance.now() - started > YIELD_AFTER_MS) break;
          }
        });
        // Answering WeCom within its 5 s comes first: let waiting callbacks in between slices.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** One event in its own savepoint (a transaction of its own when called alone). */
  private processOne(row: InboundRow): void {
    const { deps, store } = this.p;
    try {
      const message = this.parsed.get(row.dedupeKey) ?? parseMessage(row.xml);
      this.parsed.delete(row.dedupeKey);
      inTransaction(deps.db, () => store.done(row.id, this.handle(message, row.dedupeKey)));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.log.error({ err, event: row.dedupeKey }, 'WeCom event could not be processed');
      if (store.failed(row, message)) this.apologise(row);
    }
  }

  private handle(m: CallbackMessage, eventKey: string): Outcome {
    if (m.kind === 'other') return 'ignored';
    const personId = this.p.recipients.personOf(m.from);
    if (personId === undefined) {
      this.p.deps.log.warn({ userid: m.from }, 'WeCom message from a userid no person has (run contacts-sync?)');
      return 'unknown_user';
    }
    const { deps, cards } = this.p;
    const base = { platform: 'wecom', eventKey, personId };
    let duplicate: boolean;
    if (m.kind === 'text') {
      duplicate = handleInbound(deps, { ...base, kind: 'text', text: m.content }).duplicate;
    } else {
      const action = parseButtonKey(m.eventKey);
      if (!action) return 'ignored';
      duplicate = handleInbound(deps, { ...base, kind: 'action', actionId: action.actionId, value: action.value }).duplicate;
      if (!duplicate && m.responseCode) {
        const click = { taskId: m.taskId, userid: m.from, personId, responseCode: m.responseCode, actionId: action.actionId, value: action.value };
        if (this.p.heldActions.has(action.actionId)) cards.hold(click);
        else {
          const label = cards.labelOf(m.taskId, m.eventKey);
          const locale = this.localeOf(personId);
          cards.settle(click, label ? t(locale, 'wecom.card.clicked', { label }) : t(locale, 'wecom.card.received'));
        }
      }
    }
    // A standup this event finished (or a leave it recorded) turns its held "start" card into "done".
    cards.finishHeld(personId, (actionId, value) => this.p.heldActions.has(actionId) && standupSettled(deps, personId, value), () => t(this.localeOf(personId), 'wecom.card.done'));
    return duplicate ? 'duplicate' : 'handled';
  }

  /** Given up after repeated failures: the person hears a plain apology, never an error or a stack. */
  private apologise(row: InboundRow): void {
    try {
      const m = parseMessage(row.xml);
      const personId = this.p.recipients.personOf(m.from);
      if (personId === undefined) return;
      enqueue(this.p.deps, [{ dedupeKey: `wecom-failed:${row.dedupeKey}`, target: { kind: 'person', personId }, message: { text: t(this.localeOf(personId), 'error.generic') } }]);
    } catch (err) {
      this.p.deps.log.error({ err }, 'could not tell the person their message failed');
    }
  }

  private localeOf(personId: number) {
    const row = this.p.deps.db.select({ locale: people.locale }).from(people).where(eq(people.id, personId)).get();
    return asLocale(row?.locale, this.p.deps.settings.defaultLocale);
  }
}
