import type { Logger } from '../../bot/logger';
import { FakeSlack } from './fakeSlack';
import type { FakeSlackLimits } from './fakeSlackLimits';
import { TestClock } from './clock';
import { PEOPLE_HEADER, TestApp } from './harness';
import { httpTransport, socketTransport, SlackWorkspace, type SlackMember } from './slackWorkspace';

export const SLACK_SIGNING_SECRET = 'fake-signing-secret-0123456789abcdef';

/** The test team on Slack: 韩梅梅 has no slack_user_id in the import, so the app finds her by e-mail. */
export const SLACK_PEOPLE = [
  { email: 'wang.fang@example.com', slack: 'U0WANGFANG', row: 'E1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,U0WANGFANG,,manager' },
  { email: 'li.lei@example.com', slack: 'U0LILEI', row: 'E2,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,U0LILEI,,employee' },
  { email: 'han.meimei@example.com', slack: 'U0HANMM', row: 'E3,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee' },
  { email: 'kevin.li@example.com', slack: 'U0KEVIN', row: 'E4,Kevin Li,kevin.li@example.com,研发中心/后端组,wang.fang@example.com,rnd,America/Los_Angeles,en,U0KEVIN,,employee' },
];
export const SLACK_TEAM_CSV = [PEOPLE_HEADER, ...SLACK_PEOPLE.map((p) => p.row)].join('\n');

export interface SlackTestApp {
  t: TestApp;
  fake: FakeSlack;
  ws: SlackWorkspace;
  clock: TestClock;
  member: (email: string) => SlackMember;
  /** Delivers everything due, moving the clock a second at a time while messages wait (pacing, Retry-After). */
  settle: (maxSeconds?: number) => Promise<void>;
  pending: () => number;
  close: () => Promise<void>;
}

/** Drains the outbox a test-clock second at a time until nothing is pending; throws if something still is after maxSeconds. */
export async function settleOutbox(t: TestApp, clock: TestClock, maxSeconds = 120): Promise<void> {
  const pending = () => t.sql<{ n: number }>(`select count(*) as n from deliveries where status = 'pending'`)[0].n;
  for (let s = 0; s <= maxSeconds; s++) {
    const before = pending();
    await t.app.dispatcher.drain();
    const left = pending();
    if (left === 0) return;
    // The fake's rate windows run on the wall clock (a 429's Retry-After is real seconds), the test clock does not:
    // a drain that sent nothing lets a little real time pass too, or thirty quick rounds can all land in one window.
    if (left === before) await new Promise((r) => setTimeout(r, 50));
    clock.advance(1000);
  }
  throw new Error(`${pending()} deliveries still pending after ${maxSeconds} s`);
}

/** The fake Slack's users for these people (their Slack ids and e-mails, named by the e-mail's local part). */
export function addSlackUsers(fake: FakeSlack, people: typeof SLACK_PEOPLE = SLACK_PEOPLE): void {
  for (const p of people) fake.addUser({ id: p.slack, email: p.email, name: p.email.split('@')[0] });
}

/** The app in Slack mode (HTTP, or Socket Mode) against a fake Slack sharing its test clock. */
export async function startSlackApp(opts: { clock?: TestClock; env?: Record<string, string>; limits?: Partial<FakeSlackLimits>; socketMode?: boolean; people?: typeof SLACK_PEOPLE; log?: Logger } = {}): Promise<SlackTestApp> {
  const clock = opts.clock ?? new TestClock('2026-11-27T07:00:00Z');
  const fake = await FakeSlack.start({ now: () => clock.now().getTime(), limits: opts.limits });
  const people = opts.people ?? SLACK_PEOPLE;
  addSlackUsers(fake, people);
  const env: Record<string, string> = { SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.apiUrl, ...opts.env };
  if (opts.socketMode) env.SLACK_APP_TOKEN = fake.appToken;
  else env.SLACK_SIGNING_SECRET = SLACK_SIGNING_SECRET;
  const t = await TestApp.start({ clock, env, log: opts.log });
  const imported = await t.importPeople([PEOPLE_HEADER, ...people.map((p) => p.row)].join('\n'));
  if (imported.status !== 200) throw new Error(`import: ${imported.status} ${await imported.text()}`);
  const ws = new SlackWorkspace(fake, opts.socketMode ? socketTransport(fake) : httpTransport(t.url, SLACK_SIGNING_SECRET));
  const pending = () => t.sql<{ n: number }>(`select count(*) as n from deliveries where status = 'pending'`)[0].n;
  return {
    t,
    fake,
    ws,
    clock,
    member: (email) => ws.member(people.find((p) => p.email === email)!.slack),
    pending,
    settle: (maxSeconds = 120) => settleOutbox(t, clock, maxSeconds),
    close: async () => {
      await t.destroy();
      await fake.close();
    },
  };
}

/** Polls until `check` returns something truthy (Socket Mode acknowledges before the handler has finished). */
export async function waitFor<T>(check: () => T | undefined | false, what = 'condition', timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
