import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { enqueue } from '../../bot/outbox/enqueue';
import { DEAD_LETTER_LIMIT, STUCK_AFTER_MS, healthCheck } from '../../bot/http/health';
import type { DispatcherHealth } from '../../bot/outbox/dispatcher';
import { TestClock } from '../support/clock';

/** Issue 14 #15: /healthz says degraded, with the reason, when the outbox is stuck or dead letters pile up. */
describe('the health check', () => {
  let dir: string;
  let db: Db;
  const clock = new TestClock('2026-11-27T08:00:00Z');
  let dispatcher: DispatcherHealth;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perf-health-'));
    db = openDatabase(join(dir, 'perf.db'));
    dispatcher = { lastProgressAt: Date.now(), running: true };
  });
  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const check = () => healthCheck({ db, now: clock.now, dispatcher: () => dispatcher })();
  const put = (n: number, status: 'pending' | 'dead', at: Date) => {
    enqueue({ db, now: () => at, route: () => 'local' }, Array.from({ length: n }, (_, i) => ({ dedupeKey: `${status}:${at.toISOString()}:${i}`, target: { kind: 'channel' as const, channel: 'general' }, message: { text: 'x' } })));
    if (status === 'dead') db.$client.prepare(`update deliveries set status = 'dead', dead_at = ? where status = 'pending'`).run(at.toISOString());
  };

  it('is ok on a healthy database with an idle outbox', () => {
    expect(check()).toEqual({ status: 'ok' });
  });

  it('reports a stuck outbox: messages long due and nothing sent for five minutes', () => {
    put(3, 'pending', new Date(clock.now().getTime() - STUCK_AFTER_MS - 60_000));
    expect(check()).toEqual({ status: 'ok' }); // the dispatcher is busy and making progress: a backlog, not stuck
    dispatcher = { lastProgressAt: Date.now() - STUCK_AFTER_MS - 1000, running: true };
    expect(check()).toMatchObject({ status: 'degraded', reasons: [{ code: 'outbox_stuck' }] });
  });

  it('reports dead letters piling up in the last day, and forgets older ones', () => {
    put(DEAD_LETTER_LIMIT + 1, 'dead', new Date(clock.now().getTime() - 2 * 86_400_000));
    expect(check()).toEqual({ status: 'ok' });
    put(DEAD_LETTER_LIMIT + 1, 'dead', clock.now());
    expect(check()).toMatchObject({ status: 'degraded', reasons: [{ code: 'dead_letters', message: expect.stringContaining(String(DEAD_LETTER_LIMIT + 1)) }] });
  });

  it('reports the last failed drain until a drain succeeds', () => {
    dispatcher = { lastProgressAt: Date.now(), running: true, lastError: { message: 'database or disk is full', at: clock.now().toISOString() } };
    expect(check()).toMatchObject({ status: 'degraded', reasons: [{ code: 'outbox_failing', message: expect.stringContaining('full') }] });
  });
});
