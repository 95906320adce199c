import type { webApi } from '@slack/bolt';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';
import { linkIdentity, personByEmail, personByExternalId, personWithAccount, type ChatPerson } from '../../services/people/chatIdentities';
import { DeliveryError } from '../port';
import { platformErrorCode } from './deliveryErrors';

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
  private readonly storedDm: Statement<[string], { dm: string | null }>;
  private readonly storeDm: Statement<[{ dm: string; user: string }]>;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly db: Db,
  ) {
    this.storedDm = db.$client.prepare(`select dm_channel as dm from identities where platform = 'slack' and external_id = ?`);
    // Only for a user linked to a person; an unknown user's DM is not worth a row (and has none to go in).
    this.storeDm = db.$client.prepare(`update identities set dm_channel = @dm where platform = 'slack' and external_id = @user and dm_channel is not @dm`);
  }

  /** The Slack user to write to; throws DeliveryError when there is none (not retryable) or Slack is busy. */
  async userOf(personId: number): Promise<{ userId: string; person: ChatPerson }> {
    const person = personWithAccount(this.db, personId, 'slack');
    if (!person) throw new DeliveryError(`person ${personId} does not exist`, { retryable: false });
    if (person.externalId) return { userId: person.externalId, person };
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
   * The active person behind a Slack user, or undefined when Slack says who they are and we have no such
   * person. Slack errors other than "not found" are thrown, so an event is retried rather than misanswered.
   */
  async personOf(userId: string): Promise<ChatPerson | undefined> {
    const linked = personByExternalId(this.db, 'slack', userId);
    if (linked) return linked.active ? linked : undefined;
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

  /** The bot's DM channel with a user: from memory, else from the database, else conversations.open once (and kept). */
  async dmChannel(userId: string): Promise<string> {
    const known = this.dms.get(userId) ?? this.storedDm.get(userId)?.dm ?? undefined;
    if (known) {
      this.dms.set(userId, known);
      return known;
    }
    const channel = (await this.client.conversations.open({ users: userId })).channel?.id;
    if (!channel) throw new DeliveryError(`conversations.open gave no channel for ${userId}`, { retryable: true });
    this.rememberDm(userId, channel);
    return channel;
  }

  /** A DM channel seen on an incoming message (or just opened): no need to open it again, even after a restart. */
  rememberDm(userId: string, channel: string): void {
    if (this.dms.get(userId) === channel) return;
    this.dms.set(userId, channel);
    this.storeDm.run({ dm: channel, user: userId });
  }
}
