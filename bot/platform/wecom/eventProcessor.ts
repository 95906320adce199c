import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { people } from '../../../db/schema';
import { handleInbound } from '../../conversations/handleInbound';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ClaimedRows } from '../../outbox/handOff';
import type { ServiceDeps } from '../../services/context';
import type { PlatformHost } from '../plugin';
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
  /** Claims the replies inside the events' transaction and hands them to the sender after its commit. */
  outbox: PlatformHost['outbox'];
}

/** Callbacks kept in memory for the processor at most; beyond it (a backlog) they are read back from the table. */
const MAX_QUEUED = 5_000;

/**
 * Turns recorded WeCom callbacks into InboundEvents for `handleInbound`, one at a time in arrival order.
 * Each event is handled and marked processed in one savepoint, so a crash re-runs it, and the done mark (which takes
 * only an unprocessed row) keeps it from counting twice. Runs right after a callback is answered, at start, and on a
 * timer.
 *
 * What the route has just recorded is processed from memory, as the route parsed it: reading the pending rows back
 * (their XML) and parsing the XML again were ~0.17 ms and ~2 % of each callback in the profiles. The table stays the
 * source of truth: a catch-up pass reads it at start, on the timer (`sweep`), after a failure, and when the memory
 * queue is full.
 */
export class EventProcessor {
  private running?: Promise<void>;
  private again = false;
  /** Recorded callbacks not processed yet, in record order (rising ids), as the route parsed them. */
  private queue: { row: InboundRow; message: CallbackMessage }[] = [];
  /** The next pass reads the pending rows from the table (everything left by a crash, a failure or an overflow). */
  private catchUp = true;
  /**
   * The highest id a table pass has read. Rows become visible in id order (one connection, one write at a time), so a
   * pass has read every pending row up to it: such a row reaching `received` late was processed already.
   */
  private readThrough = 0;
  /** The next flush drains everything: something enqueued was not claimed, or the pass read the table (a restart). */
  private flushAll = true;

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
        // The replies were claimed and handed over; a drain of everything (its reads and claims on every platform)
        // only when the processing left something unclaimed, or read the table.
        if (this.flushAll) {
          this.flushAll = false;
          await this.p.flush();
        } else await this.p.outbox.sendHanded('wecom');
        await this.p.cards.drain();
      } while (this.again || this.queue.length > 0);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Processes the table's pending rows too (a periodic look for anything the memory path did not take). */
  sweep(): Promise<void> {
    this.catchUp = true;
    this.p.cards.expectDue(); // card updates waiting for a retry
    return this.run();
  }

  /** A callback the route has just recorded (committed), as it parsed it. */
  received(row: InboundRow, message: CallbackMessage): void {
    if (row.id <= this.readThrough) return;
    if (this.queue.length < MAX_QUEUED) this.queue.push({ row, message });
    else this.catchUp = true;
  }

  /** Resolves when the run in progress (if any) has finished. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /**
   * Everything waiting (the replies are sent by the flush after it): while a send is in flight the next callbacks
   * gather, and the next pass takes them together, in fewer, fuller transactions and message/send calls.
   */
  private async processPending(): Promise<void> {
    if (this.catchUp) {
      this.catchUp = false;
      this.flushAll = true;
      await this.processTable();
    }
    while (this.queue.length > 0) {
      const taken = this.queue;
      this.queue = [];
      await this.processRows(taken);
    }
  }

  /**
   * Every pending row of the table, in id order. Rows also waiting in the memory queue are taken here (with the
   * message as parsed) and leave the queue; rows recorded while this runs and not read by it stay queued.
   */
  private async processTable(): Promise<void> {
    const parsed = new Map(this.queue.map((q) => [q.row.id, q.message]));
    let afterId = 0;
    try {
      for (;;) {
        const rows = this.p.store.pending(afterId);
        if (rows.length === 0) return;
        afterId = rows[rows.length - 1].id;
        this.readThrough = Math.max(this.readThrough, afterId);
        await this.processRows(rows.map((row) => ({ row, message: parsed.get(row.id) })));
      }
    } finally {
      this.queue = this.queue.filter((q) => q.row.id > this.readThrough);
    }
  }

  /**
   * The events of a slice (up to YIELD_AFTER_MS of work) share one transaction, each in its own savepoint: a commit
   * per event was about half of the processing in the profile (3,000 callbacks). A failing event undoes only its
   * savepoint (and the next pass reads it back from the table); if the commit itself fails, the slice's events stay
   * pending and the next pass takes them again. The slice's replies are claimed in its transaction (no claim of their
   * own later) and handed over to the sender as soon as it has committed.
   */
  private async processRows(rows: readonly { row: InboundRow; message?: CallbackMessage }[]): Promise<void> {
    const { deps, outbox } = this.p;
    for (let i = 0; i < rows.length; ) {
      const started = performance.now();
      let claimed: ClaimedRows;
      try {
        claimed = inTransaction(deps.db, () => {
          const mark = outbox.mark();
          while (i < rows.length) {
            const { row, message } = rows[i++];
            if (!this.processOne(row, message)) this.catchUp = true;
            if (performance.now() - started > YIELD_AFTER_MS) break;
          }
          return outbox.claimSince('wecom', mark);
        });
      } catch (err) {
        this.catchUp = true; // nothing of the slice was stored: the table still has its rows pending
        throw err;
      }
      outbox.handOver(claimed);
      if (claimed.left) this.flushAll = true;
      // Answering WeCom within its 5 s comes first: let waiting callbacks in between slices.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * One event in its own savepoint (a transaction of its own when called alone), which also marks its row processed:
   * the row is the event's one record (handleInbound keeps no second one), so a row found processed already undoes
   * the savepoint (nothing counted twice, whatever path brought it here again). False when it failed.
   */
  private processOne(row: InboundRow, parsed: CallbackMessage | undefined): boolean {
    const { deps, store } = this.p;
    try {
      const message = parsed ?? parseMessage(row.xml);
      inTransaction(deps.db, () => {
        if (!store.done(row.id, this.handle(message, row))) throw new AlreadyProcessed();
      });
      return true;
    } catch (err) {
      if (err instanceof AlreadyProcessed) {
        deps.log.warn({ event: row.dedupeKey }, 'WeCom event reached the processor again after it was processed; left as it was');
        return true;
      }
      const message = err instanceof Error ? err.message : String(err);
      deps.log.error({ err, event: row.dedupeKey }, 'WeCom event could not be processed');
      if (store.failed(row, message)) this.apologise(row);
      return false;
    }
  }

  private handle(m: CallbackMessage, row: InboundRow): Outcome {
    if (m.kind === 'other') return 'ignored';
    const personId = this.p.recipients.personOf(m.from);
    if (personId === undefined) {
      this.p.deps.log.warn({ userid: m.from }, 'WeCom message from a userid no person has (run contacts-sync?)');
      return 'unknown_user';
    }
    const { deps, cards } = this.p;
    const base = { platform: 'wecom', eventKey: row.dedupeKey, personId };
    const recorded = { inboxId: row.id };
    if (m.kind === 'text') {
      handleInbound(deps, { ...base, kind: 'text', text: m.content }, recorded);
    } else {
      const action = parseButtonKey(m.eventKey);
      if (!action) return 'ignored';
      handleInbound(deps, { ...base, kind: 'action', actionId: action.actionId, value: action.value }, recorded);
      if (m.responseCode) {
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
    return 'handled';
  }

  /** Given up after repeated failures: the person hears a plain apology, never an error or a stack. */
  private apologise(row: InboundRow): void {
    try {
      const m = parseMessage(row.xml);
      const personId = this.p.recipients.personOf(m.from);
      if (personId === undefined) return;
      enqueue(this.p.deps, [{ dedupeKey: `wecom-failed:${row.dedupeKey}`, target: { kind: 'person', personId }, message: { text: t(this.localeOf(personId), 'error.generic') }, via: 'wecom' }]);
    } catch (err) {
      this.p.deps.log.error({ err }, 'could not tell the person their message failed');
    }
  }

  private localeOf(personId: number) {
    const row = this.p.deps.db.select({ locale: people.locale }).from(people).where(eq(people.id, personId)).get();
    return asLocale(row?.locale, this.p.deps.settings.defaultLocale);
  }
}

/** The row was marked processed before this processing could: undo it. */
class AlreadyProcessed extends Error {}
