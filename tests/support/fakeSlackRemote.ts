import type { FakeSlackOptions } from './fakeSlack';
import { forkFake } from './fakeProcess';
import type { FakeSlackRequest, FakeSlackStats } from './fakeSlackProcess';
import type { FakeSlackState, FakeUser } from './fakeSlackState';

export interface RemoteFakeSlack {
  apiUrl: string;
  botToken: string;
  team: FakeSlackState['team'];
  bot: FakeSlackState['bot'];
  stats: () => Promise<FakeSlackStats>;
  /** Moves the fake's clock on by `ms` (as the app's test clock moves): Slack's rate windows refill over that time. */
  advance: (ms: number) => Promise<{ workspaceTokens: number | null }>;
  close: () => Promise<void>;
}

/** Starts the fake Slack in a process of its own (fakeSlackProcess.ts), as the real one runs on other machines. */
export async function startRemoteFakeSlack(options: Omit<FakeSlackOptions, 'now'>, users: FakeUser[]): Promise<RemoteFakeSlack> {
  const { ask, close } = forkFake<FakeSlackRequest>('fakeSlackProcess.ts', 'the fake Slack');
  const ready = await ask<Omit<RemoteFakeSlack, 'stats' | 'advance' | 'close'>>({ type: 'start', options, users }, 'ready');
  return {
    apiUrl: ready.apiUrl,
    botToken: ready.botToken,
    team: ready.team,
    bot: ready.bot,
    stats: () => ask<FakeSlackStats>({ type: 'stats' }, 'stats'),
    advance: (ms) => ask<{ workspaceTokens: number | null }>({ type: 'advance', ms }, 'advanced'),
    close,
  };
}
