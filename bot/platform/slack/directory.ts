import type { webApi } from '@slack/bolt';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';
import type { DmOpenOutcome } from '../../services/people/openSlackDms';
import { linkIdentity, personByEmail, type ChatPerson } from '../../services/people/chatIdentities';
import { DeliveryError } from '../port';
import { platformErrorCode, toDeliveryError } from './deliveryErrors';

/** Answers from Slack that settle a lookup for good (anything else, such as a 429, is worth another try). */
const NOT_FOUND = new Set(['users_not_found', 'user_not_found']);

/**
 * Who is who between our people and Slack users, and which DM channel reaches a user. A person's Slack user is
 * their linked identity, or is found once by e-mail (users.lookupByEmail) and remembered in `identities`.
 * DM channels from conversations.open (or seen on incoming messages) are kept in `identities.dm_channel`, so after a
 * restart a known person's message is one Web API call (chat.postMessage), not two; and in memory as they are read.
 */
export class SlackDirectory {
  private readonly dms = new Map<string, string>();
  /** conversations.open calls in flight (ahead of the sends, or by a send), by user: a send awaits the one running. */
  private readonly opening = new Map<string, Promise<string>>();
  /** Users whose DM is to be opened ahead of their message (openAhead), in the order their messages go. */
  private readonly ahead: string[] = [];
  private aheadRunning = 0;
  /** After a 429 on conversations.open, no DM is opened ahead until then (its Retry-After); a send still tries its own. */
  private openPausedUntil = 0;
  private aheadTimer?: NodeJS.Timeout;
  /** DM channels to store, written together once per turn of the event loop (a commit per opened DM was a cost of its own). */
  private readonly toStore = new Map<string, string>();
  private readonly storedDm: Statement<[string], { dm: string | null }>;
  private readonly recipientRow: Statement<[number], Omit<ChatPerson, 'active'> & { active: number; userId: string | null; dm: string | null }>;
  private readonly byUser: Statement<[string], Omit<ChatPerson, 'active'> & { active: number }>;
  private readonly storeDm: Statement<[{ dm: string; user: string }]>;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly db: Db,
    /** The dispatcher's clock (ms): a 429's Retry-After on conversations.open is waited out on it. */
    private readonly now: () => number = Date.now,
  ) {
    this.storedDm = db.$client.prepare(`select dm_channel as dm from identities where platform = 'slack' and external_id = ?`);
    // Twice per outbox message (the claim's look-ahead, then the send): one flat statement, not drizzle's mapping.
    this.recipientRow = db.$client.prepare(
      `select p.id, p.name, p.email, p.locale, p.timezone, p.active, i.external_id as userId, i.dm_channel as dm
       from people p left join identities i on i.person_id = p.id and i.platform = 'slack' where p.id = ?`,
    );
    // Every event and interaction asks who sent it: flat too (drizzle's mapping was half of this lookup).
    this.byUser = db.$client.prepare(
      `select p.id, p.name, p.email, p.locale, p.timezone, p.active
       from identities i join people p on p.id = i.person_id where i.platform = 'slack' and i.external_id = ?`,
    );
    // Only for a user linked to a person; an unknown user's DM is not worth a row (and has none to go in).
    this.storeDm = db.$client.prepare(`update identities set dm_channel = @dm where platform = 'slack' and external_id = @user and dm_channel is not @dm`);
  }

  /** The Slack user to write to; throws DeliveryError when there is none (not retryable) or Slack is busy. */
  async userOf(personId: number): Promise<{ userId: string; person: ChatPerson }> {
    const person = this.recipient(personId);
    if (!person) throw new DeliveryError(`person ${personId} does not exist`, { retryable: false });
    if (person.userId) return { userId: person.userId, person };
    let userId: string | undefined;
    try {
      userId = (await this.client.users.lookupByEmail({ email: person.email })).user?.id;
    } catch (err) {
      if (!NOT_FOUND.has(platformErrorCode(err) ?? '')) throw err;
    }
    if (!userId) throw new DeliveryError(`no Slack user has the e-mail ${person.email}`, { retryable: false });
    if (linkIdentity(this.db, personId, 'slack', userId) === 'taken') {
      throw new DeliveryError(`Slack user ${userId} (${person.email}) is linked to another person; an admin must fix the import`, { retryable: false });
    }
    return { userId, person };
  }

  /**
   * A person with their Slack user and DM channel as stored (null when not known yet); a stored channel is kept in
   * memory too, so the send that follows needs no other read.
   */
  recipient(personId: number): (ChatPerson & { userId: string | null; dm: string | null }) | undefined {
    const row = this.recipientRow.get(personId);
    if (!row) return undefined;
    if (row.userId && row.dm && !this.dms.has(row.userId)) this.dms.set(row.userId, row.dm);
    return { ...row, active: row.active === 1 };
  }

  /**
   * The active person behind a Slack user, or undefined when Slack says who they are and we have no such
   * person. Slack errors other than "not found" are thrown, so an event is retried rather than misanswered.
   */
  async personOf(userId: string): Promise<ChatPerson | undefined> {
    const linked = this.byUser.get(userId);
    if (linked) return linked.active ? { ...linked, active: true } : undefined;
    let email: string | undefined;
    try {
      email = (await this.client.users.info({ user: userId })).user?.profile?.email;
    } catch (err) {
      if (NOT_FOUND.has(platformErrorCode(err) ?? '')) return undefined;
      throw err;
    }
    const person = email ? personByEmail(this.db, email) : undefined;
    if (!person?.active || linkIdentity(this.db, person.id, 'slack', userId) !== 'linked') return undefined;
    return person;
  }

  /**
   * The bot's DM channel with a user: from memory, else from the database, else conversations.open once (and kept).
   * An open already running for the user (ahead of this send) is awaited, and its error is this send's.
   */
  async dmChannel(userId: string): Promise<string> {
    const known = this.knownDm(userId);
    if (known) return known;
    return this.opening.get(userId) ?? this.open(userId);
  }

  /**
   * The slack-dm-open job's call (bot/services/people/openSlackDms.ts): the user's DM channel, opened now if it is
   * not known (and stored like any other). A 429 comes back as its Retry-After for the job to wait out.
   */
  async openDm(userId: string): Promise<DmOpenOutcome> {
    const known = this.knownDm(userId);
    if (known) return { ok: true, channel: known, called: false };
    try {
      return { ok: true, channel: await (this.opening.get(userId) ?? this.open(userId)), called: true };
    } catch (err) {
      const refusal = toDeliveryError(err);
      // open() turned a 429 into a deferral with its Retry-After (and paused the opening ahead meanwhile)
      if (refusal.options.deferred && refusal.options.retryAfterMs != null) return { ok: false, retryAfterMs: refusal.options.retryAfterMs };
      return { ok: false, error: refusal.message, retryable: refusal.options.retryable };
    }
  }

  /**
   * Opens the DM channels of these users ahead of their messages (the dispatcher tells the adapter what it claimed),
   * `width` at a time, so a first message to someone waits for one Web API call, not two in a row: sends and opens
   * overlap. Never throws; a failure is met again by the send that needs the channel. A 429 pauses the opening for
   * its Retry-After (conversations.open has its own limit, Tier 3).
   */
  openAhead(userIds: readonly string[], width: number): void {
    // The caller passes users with no stored channel (recipient()): only memory is checked here, not the database.
    for (const user of userIds) if (!this.dms.has(user) && !this.opening.has(user)) this.ahead.push(user);
    this.pumpAhead(width);
  }

  private pumpAhead(width: number): void {
    const wait = this.openPausedUntil - this.now();
    if (wait > 0) {
      this.aheadTimer ??= setTimeout(() => {
        this.aheadTimer = undefined;
        this.pumpAhead(width);
      }, wait);
      this.aheadTimer.unref(); // only a head start: never keeps the process up
      return;
    }
    while (this.aheadRunning < width && this.ahead.length > 0) {
      const user = this.ahead.shift()!;
      if (this.dms.has(user) || this.opening.has(user)) continue;
      this.aheadRunning++;
      this.open(user)
        .catch(() => undefined) // the send that needs it meets the error (it awaits this call, or opens again)
        .finally(() => {
          this.aheadRunning--;
          this.pumpAhead(width);
        });
    }
  }

  private knownDm(userId: string): string | undefined {
    let known = this.dms.get(userId);
    if (known === undefined) {
      known = this.storedDm.get(userId)?.dm ?? undefined;
      if (known) this.dms.set(userId, known);
    }
    return known;
  }

  private open(userId: string): Promise<string> {
    const call = (async () => {
      let opened: Awaited<ReturnType<webApi.WebClient['conversations']['open']>>;
      try {
        opened = await this.client.conversations.open({ users: userId });
      } catch (err) {
        const refusal = toDeliveryError(err);
        if (!refusal.options.rateLimited) throw refusal;
        // conversations.open has its own limit (Tier 3): its 429 spends nothing of chat.postMessage's budget.
        this.openPausedUntil = this.now() + (refusal.options.retryAfterMs ?? 1000);
        throw new DeliveryError(refusal.message, { ...refusal.options, rateLimited: false });
      }
      const channel = opened.channel?.id;
      if (!channel) throw new DeliveryError(`conversations.open gave no channel for ${userId}`, { retryable: true });
      this.rememberDm(userId, channel);
      return channel;
    })().finally(() => this.opening.delete(userId));
    this.opening.set(userId, call);
    return call;
  }

  /** A DM channel seen on an incoming message (or just opened): no need to open it again, even after a restart. */
  rememberDm(userId: string, channel: string): void {
    if (this.dms.get(userId) === channel) return;
    this.dms.set(userId, channel);
    if (this.toStore.size === 0) setImmediate(() => this.storeDms());
    this.toStore.set(userId, channel);
  }

  /** Writes the DM channels remembered this turn, in one transaction. */
  storeDms(): void {
    if (this.toStore.size === 0) return;
    const rows = [...this.toStore];
    this.toStore.clear();
    try {
      this.db.$client.transaction(() => {
        for (const [user, dm] of rows) this.storeDm.run({ dm, user });
      })();
    } catch {
      // Only a cache: not stored now, the DM is opened again after a restart.
    }
  }
}
