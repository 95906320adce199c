import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../bot/outbox/tokenBucket';

describe('the outbox token bucket', () => {
  it('serves waiters in order, one token each, never before the tokens exist', async () => {
    const bucket = new TokenBucket(100, 2); // 100 a second, bursts of 2
    const order: number[] = [];
    const started = performance.now();
    await Promise.all(Array.from({ length: 7 }, (_, i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // 2 from the burst, 5 more at 10 ms each: not before ~50 ms (a lower bound only; timers may fire late)
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('lets nobody jump the queue: tryTake and takeAvailable give nothing while someone waits', async () => {
    const bucket = new TokenBucket(50, 1);
    await bucket.take();
    const waiting = bucket.take();
    expect(bucket.tryTake(1)).toBe(false);
    expect(bucket.takeAvailable(10)).toBe(0);
    await waiting;
  });

  it('after a 429 (spent) gives no token until one comes back at the rate, whatever it had counted', async () => {
    const bucket = new TokenBucket(10, 100);
    expect(bucket.takeAvailable(10)).toBe(10); // 90 left
    const spentAt = performance.now();
    bucket.spent();
    expect(bucket.tryTake(1)).toBe(false);
    expect(bucket.takeAvailable(5)).toBe(0);
    await bucket.take();
    expect(performance.now() - spentAt).toBeGreaterThanOrEqual(95); // the first token after it: 100 ms at 10/s
  });
});
