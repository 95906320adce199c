import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, uniqueIndex, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

export const departments = sqliteTable(
  'departments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Full path such as "研发中心/后端组": the natural key used by imports. */
    path: text('path').notNull(),
    name: text('name').notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => departments.id),
    leaderId: integer('leader_id'),
  },
  (t) => [uniqueIndex('departments_path_uq').on(t.path)],
);

export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeNo: text('employee_no').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    managerId: integer('manager_id').references((): AnySQLiteColumn => people.id),
    jobFunction: text('job_function').notNull().default('general'),
    timezone: text('timezone').notNull(),
    locale: text('locale').notNull(),
    role: text('role', { enum: ['admin', 'hr', 'manager', 'employee'] }).notNull().default('employee'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** The hire date (YYYY-MM-DD) when known: mentor matching's seniority (else created_at). */
    hiredOn: text('hired_on'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('people_email_uq').on(t.email),
    index('people_manager_idx').on(t.managerId),
    index('people_active_tz_idx').on(t.active, t.timezone),
    // a department's people (the leaderboard's department filter: a scan of 100,000 people otherwise)
    index('people_department_idx').on(t.departmentId, t.active),
    // HR's people (the ladder's further step, appeals): a scan of every active person otherwise, 40 ms at 100,000
    index('people_hr_idx').on(t.active).where(sql`role = 'hr'`),
  ],
);

/** A person's account on a chat platform (slack user id, wecom userid). */
export const identities = sqliteTable(
  'identities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull().references(() => people.id),
    platform: text('platform', { enum: ['slack', 'wecom'] }).notNull(),
    externalId: text('external_id').notNull(),
    /**
     * Slack: the bot's DM channel with this user (conversations.open, or seen on a message they sent), kept so a
     * restart does not open every DM again; cleared when external_id changes.
     */
    dmChannel: text('dm_channel'),
  },
  (t) => [
    uniqueIndex('identities_platform_ext_uq').on(t.platform, t.externalId),
    uniqueIndex('identities_person_platform_uq').on(t.personId, t.platform),
    // The slack-dm-open job's work list: Slack users whose DM channel is not open yet (empty once all are).
    index('identities_slack_dm_missing_idx').on(t.externalId).where(sql`platform = 'slack' and dm_channel is null`),
  ],
);

/** Leave, inclusive local dates (YYYY-MM-DD). */
export const leaves = sqliteTable(
  'leaves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull().references(() => people.id),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    reason: text('reason'),
  },
  (t) => [index('leaves_person_dates_idx').on(t.personId, t.startDate, t.endDate)],
);

/** Company calendar entries on top of the national one: extra days off, or extra working days. */
export const holidays = sqliteTable(
  'holidays',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    date: text('date').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['off', 'work'] }).notNull().default('off'),
  },
  (t) => [uniqueIndex('holidays_date_uq').on(t.date)],
);
