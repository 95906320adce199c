import { fork } from 'node:child_process';
import { fromRoot } from '../../db/projectRoot';
import type { FakeUser } from './fakeWecom';
import type { FakeWecomRequest, FakeWecomSummary } from './fakeWecomProcess';

export interface RemoteFakeWecom {
  url: string;
  robotUrl: string;
  summary: () => Promise<FakeWecomSummary>;
  close: () => Promise<void>;
}

/**
 * Starts the fake qyapi in a process of its own (fakeWecomProcess.ts), as the real one runs on other machines: the
 * bench's WeCom scenario then measures the app's process alone (its CPU, its memory). Run under tsx from the
 * project's folder, whether the caller runs from the sources or from a bundle.
 */
export async function startRemoteFakeWecom(opts: { corpId: string; secret: string; agentId: number }, users: FakeUser[]): Promise<RemoteFakeWecom> {
  const child = fork(fromRoot('tests', 'support', 'fakeWecomProcess.ts'), [], { cwd: fromRoot(), execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(request: FakeWecomRequest, answer: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== answer) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the fake qyapi exited (${code}) before answering "${request.type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  const ready = await ask<{ url: string; robotUrl: string }>({ type: 'start', ...opts, users }, 'ready');
  return {
    url: ready.url,
    robotUrl: ready.robotUrl,
    summary: () => ask<FakeWecomSummary>({ type: 'summary' }, 'summary'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'close' } satisfies FakeWecomRequest);
      }),
  };
}
