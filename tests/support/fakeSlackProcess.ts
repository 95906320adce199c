/**
 * The fake Slack in a process of its own (the bench): like the real Slack, it does not share the app's event
 * loop or CPU. Started with fork(); driven over IPC: start → ready, stats, close.
 */
import { FakeSlack, type FakeSlackOptions } from './fakeSlack';
import type { FakeUser } from './fakeSlackState';

export type FakeSlackRequest =
  | { type: 'start'; options: Omit<FakeSlackOptions, 'now'>; users: FakeUser[] }
  | { type: 'stats' }
  /** Moves the fake's clock on (its rate windows refill as Slack's would over that time); answered 'advanced'. */
  | { type: 'advance'; ms: number }
  | { type: 'close' };

export interface FakeSlackStats {
  /** Calls per method: how many answered ok, and how many with HTTP 429. */
  calls: Record<string, { ok: number; failed: number; limited: number }>;
  /** Users by the number of messages the bot posted in their DM: { "1": 10000 } when everyone got exactly one. */
  dmCounts: Record<string, number>;
  /** When (epoch ms, the fake's clock) chat.postMessage calls were answered: the first and last ok, and every 429. */
  postMessage: { firstOkAt?: number; lastOkAt?: number; limitedAt: number[] };
  /** Tokens in the workspace's chat.postMessage bucket now (null when it has no limit or was not used yet). */
  workspaceTokens: number | null;
}

let fake: FakeSlack | undefined;
/** The fake's clock: the wall clock, moved on by 'advance' (the bench's "next week" moves both the app's and Slack's). */
let offsetMs = 0;
const reply = (m: unknown) => process.send!(m);

process.on('message', async (m: FakeSlackRequest) => {
  if (m.type === 'start') {
    fake = await FakeSlack.start({ ...m.options, now: () => Date.now() + offsetMs });
    for (const u of m.users) fake.addUser(u);
    reply({ type: 'ready', url: fake.url, apiUrl: fake.apiUrl, botToken: fake.botToken, team: fake.state.team, bot: fake.state.bot });
  } else if (m.type === 'stats' && fake) {
    const calls: FakeSlackStats['calls'] = {};
    for (const c of fake.calls) {
      const s = (calls[c.method] ??= { ok: 0, failed: 0, limited: 0 });
      if (c.ok) s.ok++;
      else s.failed++;
      if (c.status === 429) s.limited++;
    }
    const postMessage: FakeSlackStats['postMessage'] = { limitedAt: [] };
    for (const c of fake.calls) {
      if (c.method !== 'chat.postMessage') continue;
      if (c.ok) {
        postMessage.firstOkAt ??= c.at;
        postMessage.lastOkAt = c.at;
      } else if (c.status === 429) postMessage.limitedAt.push(c.at);
    }
    const dmCounts: Record<string, number> = {};
    for (const u of fake.state.users.keys()) {
      const n = String(fake.dmMessages(u).length);
      dmCounts[n] = (dmCounts[n] ?? 0) + 1;
    }
    reply({ type: 'stats', calls, dmCounts, postMessage, workspaceTokens: fake.limiter.tokens('workspace') } satisfies FakeSlackStats & { type: string });
  } else if (m.type === 'advance') {
    offsetMs += m.ms;
    reply({ type: 'advanced', workspaceTokens: fake?.limiter.tokens('workspace') ?? null });
  } else if (m.type === 'close') {
    await fake?.close();
    process.exit(0);
  }
});

// The parent went away (finished, crashed, was killed): so does the fake.
process.on('disconnect', () => process.exit(0));
