import type { FakeUser } from './fakeWecom';
import { forkFake } from './fakeProcess';
import type { FakeWecomRequest, FakeWecomSummary } from './fakeWecomProcess';

export interface RemoteFakeWecom {
  url: string;
  robotUrl: string;
  summary: () => Promise<FakeWecomSummary>;
  close: () => Promise<void>;
}

/**
 * Starts the fake qyapi in a process of its own (fakeWecomProcess.ts), as the real one runs on other machines: the
 * bench's WeCom scenario then measures the app's process alone (its CPU, its memory).
 */
export async function startRemoteFakeWecom(opts: { corpId: string; secret: string; agentId: number }, users: FakeUser[]): Promise<RemoteFakeWecom> {
  const { ask, close } = forkFake<FakeWecomRequest>('fakeWecomProcess.ts', 'the fake qyapi');
  const ready = await ask<{ url: string; robotUrl: string }>({ type: 'start', ...opts, users }, 'ready');
  return {
    url: ready.url,
    robotUrl: ready.robotUrl,
    summary: () => ask<FakeWecomSummary>({ type: 'summary' }, 'summary'),
    close,
  };
}
