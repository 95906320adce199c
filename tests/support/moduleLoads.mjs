// Records the URL of every module this process loads through the ESM loader (every `import`, static or dynamic, of
// an ES module or of a CommonJS package's entry). Preload it with `--import`: `loadedModules()` then lists them.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const seen = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => seen.add(url));
port1.unref();
register('./moduleLoadsHooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

/** The modules loaded so far (after a turn of the event loop, so the loader thread's messages have arrived). */
export async function loadedModules() {
  await new Promise((r) => setTimeout(r, 50));
  return [...seen];
}
