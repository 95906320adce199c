import type { webApi } from '@slack/bolt';
import type { Db } from '../../../db/client';
import { linkIdentity, personByEmail, personByExternalId, personWithAccount, type ChatPerson } from '../../services/people/chatIdentities';
import { DeliveryError } from '../port';
import { platformErrorCode } from './deliveryErrors';

/** Answers from Slack that settle a lookup for good (anything else, such as a 429, is worth another try). */
const NOT_FOUND = new Set(['users_not_found', 'user_not_found']);

/**
 * Who is who between our people and Slack users, and which DM channel reaches a user. A person's Slack user is
 * their linked identity, or is found once by e-mail (users.lookupByEmail) and remembered in `identities`.
 * DM channels from conversations.open (or seen on incoming messages) are cached for the life of the process.
 */
export class SlackDirectory {
  private readonly dms = new Map<string, string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly db: Db,
  ) {}

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

  /** The bot's DM channel with a user: conversations.open once, then from memory. */
  async dmChannel(userId: string): Promise<string> {
    const known = this.dms.get(userId);
    if (known) return known;
    const channel = (await this.client.conversations.open({ users: userId })).channel?.id;
    if (!channel) throw new DeliveryError(`conversations.open gave no channel for ${userId}`, { retryable: true });
    this.dms.set(userId, channel);
    return channel;
  }

  /** A DM channel seen on an incoming message: no need to open it again. */
  rememberDm(userId: string, channel: string): void {
    this.dms.set(userId, channel);
  }
}
