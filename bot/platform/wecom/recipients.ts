import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';

/**
 * Who is who on WeCom: person ↔ userid (the `identities` rows contacts-sync and the CSV import write). Every send
 * and every callback runs these, so they are flat statements prepared once (drizzle built and mapped a query per
 * call: ~2.5 % of a callback's CPU in the bench's profile, `useridsOf` and a DELETE per send in `clearInvalid`).
 */
export class Recipients {
  private readonly sql: {
    byUserid: Statement<[string], { person_id: number }>;
    byUseridAnyCase: Statement<[string], { person_id: number }>;
    useridOne: Statement<[number], { userid: string }>;
    useridsMany: Statement<[string], { personId: number; userid: string }>;
    markInvalid: Statement<[number, string, string, number]>;
    invalidAmong: Statement<[string], { person_id: number }>;
    clear: Statement<[string]>;
  };

  constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    const c = db.$client;
    this.sql = {
      byUserid: c.prepare(`select person_id from identities where platform = 'wecom' and external_id = ?`),
      byUseridAnyCase: c.prepare(`select person_id from identities where platform = 'wecom' and lower(external_id) = lower(?)`),
      // identities_person_platform_uq answers both: one person, or a batch's people given as a JSON array
      useridOne: c.prepare(`select external_id as userid from identities where person_id = ? and platform = 'wecom'`),
      // IN (json_each): a join with json_each was planned as a scan of every WeCom identity per element (no statistics)
      useridsMany: c.prepare(
        `select person_id as personId, external_id as userid from identities where platform = 'wecom' and person_id in (select value from json_each(?))`,
      ),
      markInvalid: c.prepare(
        `insert into wecom_invalid_recipients (person_id, userid, reported_at, delivery_id) values (?, ?, ?, ?)
         on conflict (person_id) do update set userid = excluded.userid, reported_at = excluded.reported_at, delivery_id = excluded.delivery_id`,
      ),
      invalidAmong: c.prepare(`select person_id from wecom_invalid_recipients where person_id in (select value from json_each(?))`),
      clear: c.prepare(`delete from wecom_invalid_recipients where person_id in (select value from json_each(?))`),
    };
  }

  /** userid by person id, for the people of one send. */
  useridsOf(personIds: number[]): Map<number, string> {
    if (personIds.length === 1) {
      const row = this.sql.useridOne.get(personIds[0]);
      return new Map(row ? [[personIds[0], row.userid]] : []);
    }
    return new Map(this.sql.useridsMany.all(JSON.stringify(personIds)).map((r) => [r.personId, r.userid]));
  }

  /** The person behind a userid; WeCom userids are case-insensitive (it answers them lower-cased). */
  personOf(userid: string): number | undefined {
    return (this.sql.byUserid.get(userid) ?? this.sql.byUseridAnyCase.get(userid))?.person_id;
  }

  /** WeCom listed this person in `invaliduser`: remembered on the person, and that delivery is not retried. */
  markInvalid(personId: number, userid: string, deliveryId: number): void {
    this.sql.markInvalid.run(personId, userid, this.now().toISOString(), deliveryId);
  }

  /**
   * A later successful send means the member is reachable again. Read first, write only when one of them was
   * listed: almost every send has nobody to clear, and a DELETE outside a transaction is a write transaction of its own.
   */
  clearInvalid(personIds: number[]): void {
    if (personIds.length === 0) return;
    const ids = JSON.stringify(personIds);
    if (this.sql.invalidAmong.get(ids)) this.sql.clear.run(ids);
  }
}
