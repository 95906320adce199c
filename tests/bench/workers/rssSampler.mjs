// Samples the process-wide RSS every `intervalMs` from its own thread, so that samples keep coming
// while the main thread is busy in synchronous SQLite work (where main-thread timers would not fire).
import { parentPort, workerData } from 'node:worker_threads';

const intervalMs = workerData.intervalMs;
let peak = 0;
let samples = 0;
const sample = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peak) peak = rss;
  samples++;
};
sample();
const timer = setInterval(sample, intervalMs);
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (msg) => {
  if (msg === 'stop') {
    clearInterval(timer);
    sample();
    parentPort.postMessage({ type: 'result', peak, samples });
    parentPort.close();
  }
});
