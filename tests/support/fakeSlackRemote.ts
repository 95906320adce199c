import { fork } from 'node:child_process';
import { fromRoot } from '../../db/projectRoot';
import type { FakeSlackOptions } from './fakeSlack';
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
  const child = fork(fromRoot('tests', 'support', 'fakeSlackProcess.ts'), [], { cwd: fromRoot(), execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(request: FakeSlackRequest, answer: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== answer) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the fake Slack exited (${code}) before answering "${request.type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  const ready = await ask<Omit<RemoteFakeSlack, 'stats' | 'advance' | 'close'>>({ type: 'start', options, users }, 'ready');
  return {
    apiUrl: ready.apiUrl,
    botToken: ready.botToken,
    team: ready.team,
    bot: ready.bot,
    stats: () => ask<FakeSlackStats>({ type: 'stats' }, 'stats'),
    advance: (ms) => ask<{ workspaceTokens: number | null }>({ type: 'advance', ms }, 'advanced'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'close' } satisfies FakeSlackRequest);
      }),
  };
}
