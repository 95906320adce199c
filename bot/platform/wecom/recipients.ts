import type { Statement } from 'better-sqlite3';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { identities, wecomInvalidRecipients } from '../../../db/schema';

/** Who is who on WeCom: person ↔ userid (the `identities` rows contacts-sync and the CSV import write). */
export class Recipients {
  private readonly byUserid: Statement<[string], { person_id: number }>;
  private readonly byUseridAnyCase: Statement<[string], { person_id: number }>;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    this.byUserid = db.$client.prepare(`select person_id from identities where platform = 'wecom' and external_id = ?`);
    this.byUseridAnyCase = db.$client.prepare(`select person_id from identities where platform = 'wecom' and lower(external_id) = lower(?)`);
  }

  /** userid by person id, for the people of one send. */
  useridsOf(personIds: number[]): Map<number, string> {
    const rows = this.db
      .select({ personId: identities.personId, userid: identities.externalId })
      .from(identities)
      .where(and(eq(identities.platform, 'wecom'), inArray(identities.personId, personIds)))
      .all();
    return new Map(rows.map((r) => [r.personId, r.userid]));
  }

  /** The person behind a userid; WeCom userids are case-insensitive (it answers them lower-cased). */
  personOf(userid: string): number | undefined {
    return (this.byUserid.get(userid) ?? this.byUseridAnyCase.get(userid))?.person_id;
  }

  /** WeCom listed this person in `invaliduser`: remembered on the person, and that delivery is not retried. */
  markInvalid(personId: number, userid: string, deliveryId: number): void {
    const values = { userid, reportedAt: this.now().toISOString(), deliveryId };
    this.db.insert(wecomInvalidRecipients).values({ personId, ...values }).onConflictDoUpdate({ target: wecomInvalidRecipients.personId, set: values }).run();
  }

  /** A later successful send means the member is reachable again. */
  clearInvalid(personIds: number[]): void {
    if (personIds.length) this.db.delete(wecomInvalidRecipients).where(inArray(wecomInvalidRecipients.personId, personIds)).run();
  }
}
