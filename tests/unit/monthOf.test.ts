import { describe, expect, it } from 'vitest';
import { localDate } from '../../bot/domain/localTime';
import { monthOf } from '../../bot/services/points/points';

/** Around every local month change of these zones (DST, half- and quarter-hour offsets), minute by minute. */
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Asia/Kathmandu', 'Australia/Eucla', 'Pacific/Chatham', 'Asia/Kolkata', 'America/St_Johns', 'Europe/London'];

describe('monthOf', () => {
  it('agrees with the local date minute by minute across month changes, asked in order and out of order', () => {
    for (const tz of ZONES) {
      for (const boundary of ['2026-03-01T00:00:00Z', '2026-11-01T00:00:00Z', '2027-01-01T00:00:00Z']) {
        const at = Date.parse(boundary);
        const minutes = Array.from({ length: 2 * 24 * 60 }, (_, i) => at + (i - 24 * 60) * 60_000);
        for (const order of [minutes, [...minutes].reverse(), minutes.filter((_, i) => i % 7 === 0)]) {
          for (const ms of order) {
            const d = new Date(ms);
            expect(monthOf(d, tz), `${tz} ${d.toISOString()}`).toBe(localDate(d, tz).slice(0, 7));
          }
        }
      }
    }
  });

  it('keeps the zones apart: the same instant is October in New York and November in Shanghai', () => {
    const at = new Date('2026-10-31T20:00:00Z');
    expect(monthOf(at, 'Asia/Shanghai')).toBe('2026-11');
    expect(monthOf(at, 'America/New_York')).toBe('2026-10');
    expect(monthOf(at, 'Asia/Shanghai')).toBe('2026-11');
  });
});
