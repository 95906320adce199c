import { fork } from 'node:child_process';
import { fromRoot } from '../../db/projectRoot';

export interface FakeProcess<Request extends { type: string }> {
  /** Sends a request and waits for the message of type `answer`; rejects if the process exits first. */
  ask: <T>(request: Request, answer: string) => Promise<T>;
  /** Asks the process to close, and waits for it to exit. */
  close: () => Promise<void>;
}

/**
 * Runs a fake platform (tests/support/<script>) in a process of its own, as the real one runs on other machines, so
 * a bench scenario measures the app's process alone. Under tsx from the project's folder, whether the caller runs
 * from the sources or from a bundle. `name` is what error messages call it.
 */
export function forkFake<Request extends { type: string }>(script: string, name: string): FakeProcess<Request> {
  const child = fork(fromRoot('tests', 'support', script), [], { cwd: fromRoot(), execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(request: Request, answer: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== answer) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`${name} exited (${code}) before answering "${request.type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send({ type: 'close' });
    });
  return { ask, close };
}
