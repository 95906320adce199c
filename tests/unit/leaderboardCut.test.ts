import { describe, expect, it } from 'vitest';
import { topCut, type LeaderboardRow } from '../../bot/services/points/leaderboard';

const rows = (...scores: number[]): LeaderboardRow[] => {
  const sorted = [...scores].sort((a, b) => b - a);
  return sorted.map((score, i) => ({ personId: i + 1, name: `P${i + 1}`, department: null, score, rank: sorted.indexOf(score) + 1 }));
};

describe('the top 10% cut', () => {
  it.each([
    { scores: [9, 8, 7, 6, 5, 4, 3, 2, 1, 1], population: 20, expected: [9, 8], why: '10% of 20 is two people' },
    { scores: [9, 8, 8, 8, 5], population: 20, expected: [9, 8, 8, 8], why: 'everyone tied at the cut-off is in' },
    { scores: [3, 2], population: 5, expected: [3], why: 'at least one person' },
    { scores: [5, 5, 5], population: 10, expected: [5, 5, 5], why: 'a tie for first with one place' },
    { scores: [], population: 10, expected: [], why: 'zero scores never count (they are not rows)' },
    { scores: [4, 3], population: 180, expected: [4, 3], why: 'fewer scorers than places: all scorers' },
  ])('$why', ({ scores, population, expected }) => {
    expect(topCut(rows(...scores), population, 10).top.map((r) => r.score)).toEqual(expected);
  });
});
