import type { Statement } from 'better-sqlite3';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { wecomCardUpdates, wecomCards } from '../../../db/schema';
import type { Logger } from '../../logger';
import type { WecomClient } from './apiClient';
import { WecomApiError } from './apiErrors';
import type { CardButton } from './render';

const MAX_ATTEMPTS = 6;

/** What sending a due update needs of its row. */
type DueUpdate = Pick<typeof wecomCardUpdates.$inferSelect, 'id' | 'taskId' | 'userid' | 'responseCode' | 'label' | 'attempts'>;

export interface Click {
  taskId: string;
  userid: string;
  personId: number;
  responseCode: string;
  actionId: string;
  value: string;
  eventKey: string;
}

/**
 * Clicked cards get their buttons replaced by one grey label (update_template_card). A response_code works
 * once, so a click either spends its code at once (`due`) or — for a button that starts a flow, such as the
 * standup's "start" — keeps it (`held`) until that flow is finished, and the card then reads "done".
 * Updates are rows, sent after the transaction that caused them and retried, like the outbox.
 */
export class CardUpdates {
  private running?: Promise<void>;
  /**
   * Whether an update may be due: set by whatever makes one due (a click settled, a held code finished) and by the
   * processor's 30 s sweep (a failed send's retry comes due with time, and is looked at then); cleared when a drain
   * finds none. Every batch of callbacks drains, and the "what is due" read (an autocommit read) almost always found
   * nothing.
   */
  private maybeDue = true;
  private readonly heldOf: Statement<[number], { id: number; actionId: string | null; actionValue: string | null }>;
  // Prepared once: every processed batch of callbacks drains (most drains find nothing due) and every card sent is
  // remembered; built by drizzle per call, the two were ~3.5 % of a WeCom callback's CPU in the bench's profile.
  private readonly dueNow: Statement<[string], DueUpdate>;
  private readonly rememberCard: Statement<[string, string, string]>;

  constructor(
    private readonly db: Db,
    private readonly client: WecomClient,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {
    this.heldOf = db.$client.prepare(`select id, action_id as actionId, action_value as actionValue from wecom_card_updates where person_id = ? and status = 'held'`);
    this.dueNow = db.$client.prepare(
      `select id, task_id as taskId, userid, response_code as responseCode, label, attempts from wecom_card_updates
       where status = 'due' and next_attempt_at <= ? order by id limit 100`,
    );
    this.rememberCard = db.$client.prepare(`insert into wecom_cards (task_id, buttons, created_at) values (?, ?, ?) on conflict do nothing`);
  }

  /** Remembers a card's buttons before it is sent, so a click can be answered with the clicked label. */
  remember(taskId: string, buttons: CardButton[]): void {
    this.rememberCard.run(taskId, JSON.stringify(buttons.map((b) => ({ key: b.key, label: b.text }))), this.now().toISOString());
  }

  labelOf(taskId: string, key: string): string | undefined {
    const card = this.db.select({ buttons: wecomCards.buttons }).from(wecomCards).where(eq(wecomCards.taskId, taskId)).get();
    return card?.buttons.find((b) => b.key === key)?.label;
  }

  /** A code to spend later: a click on a flow-starting button, or the send's own code of a one-person card. */
  hold(c: Omit<Click, 'eventKey'>): void {
    this.upsert(c, 'held', null);
  }

  /** A click whose card can be settled now: its buttons become `label`. */
  settle(c: Omit<Click, 'eventKey'>, label: string): void {
    this.upsert(c, 'due', label);
    this.maybeDue = true;
  }

  /** Something else may have made an update due (a retry's time has come): the next drain looks. */
  expectDue(): void {
    this.maybeDue = true;
  }

  /** Held codes of this person whose flow is now finished become due, labelled `label()`. Runs after every event. */
  finishHeld(personId: number, isFinished: (actionId: string, value: string) => boolean, label: () => string): number {
    const held = this.heldOf.all(personId).filter((r) => isFinished(r.actionId ?? '', r.actionValue ?? ''));
    if (held.length === 0) return 0;
    this.maybeDue = true;
    this.db
      .update(wecomCardUpdates)
      .set({ status: 'due', label: label(), updatedAt: this.now().toISOString() })
      .where(inArray(wecomCardUpdates.id, held.map((r) => r.id)))
      .run();
    return held.length;
  }

  /** Sends every due update (one drain at a time); failures are retried with backoff, then given up. */
  drain(): Promise<void> {
    if (!this.maybeDue && !this.running) return Promise.resolve();
    this.running ??= this.sendDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      this.maybeDue = false; // set again by anything made due while this runs
      const due = this.dueNow.all(this.now().toISOString());
      if (due.length === 0) return;
      for (const row of due) await this.sendOne(row);
    }
  }

  private async sendOne(row: DueUpdate): Promise<void> {
    const at = this.now();
    try {
      await this.client.updateCardButton(row.userid, row.responseCode, row.label ?? '✓');
      this.db.update(wecomCardUpdates).set({ status: 'done', attempts: row.attempts + 1, lastError: null, updatedAt: at.toISOString() }).where(eq(wecomCardUpdates.id, row.id)).run();
    } catch (err) {
      const attempts = row.attempts + 1;
      // A spent or expired code (72 h) is a content error: trying again cannot help.
      const final = attempts >= MAX_ATTEMPTS || (err instanceof WecomApiError && err.kind === 'content');
      const wait = err instanceof WecomApiError && err.retryAfterMs ? err.retryAfterMs : Math.min(600_000, 5000 * 2 ** attempts);
      this.db
        .update(wecomCardUpdates)
        .set({
          status: final ? 'failed' : 'due',
          attempts,
          lastError: (err as Error).message.slice(0, 2000),
          nextAttemptAt: new Date(at.getTime() + wait).toISOString(),
          updatedAt: at.toISOString(),
        })
        .where(eq(wecomCardUpdates.id, row.id))
        .run();
      this.log.warn({ taskId: row.taskId, attempts, final, err: (err as Error).message }, 'WeCom card update failed');
    }
  }

  private upsert(c: Omit<Click, 'eventKey'>, status: 'held' | 'due', label: string | null): void {
    const at = this.now().toISOString();
    const values = {
      personId: c.personId,
      responseCode: c.responseCode,
      actionId: c.actionId,
      actionValue: c.value,
      status,
      label,
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      updatedAt: at,
    };
    // A newer click on the same card replaces the older code: WeCom answers each click with a fresh one.
    this.db
      .insert(wecomCardUpdates)
      .values({ taskId: c.taskId, userid: c.userid, ...values })
      .onConflictDoUpdate({ target: [wecomCardUpdates.taskId, wecomCardUpdates.userid], set: values })
      .run();
  }
}
