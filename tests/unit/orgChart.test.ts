import { describe, expect, it } from 'vitest';
import { breakCycles, jobFunctionOf, managerOf, unitPaths, type OrgUnit } from '../../bot/domain/orgChart';

const units = new Map<string, OrgUnit>(
  [
    { id: '1', name: 'Co', parentId: null, leaderIds: ['ceo'] },
    { id: '2', name: 'R&D', parentId: '1', leaderIds: ['cto'] },
    { id: '3', name: 'A/B team', parentId: '2', leaderIds: [] },
    { id: '4', name: 'Sales', parentId: '1', leaderIds: ['s1', 's2'] },
  ].map((u) => [u.id, u]),
);
const all = () => true;

describe('org chart rules', () => {
  it.each([
    ['a direct leader wins', { id: 'x', mainUnitId: '3', directLeaderIds: ['boss'] }, 'boss'],
    ['a direct leader who cannot manage is skipped', { id: 'x', mainUnitId: '2', directLeaderIds: ['x'] }, 'cto'],
    ['no leader in the team: the parent department leader', { id: 'x', mainUnitId: '3', directLeaderIds: [] }, 'cto'],
    ['leading your own department: walk up', { id: 'cto', mainUnitId: '2', directLeaderIds: [] }, 'ceo'],
    ['co-leaders are peers: walk up', { id: 's2', mainUnitId: '4', directLeaderIds: [] }, 'ceo'],
    ['a member under co-leaders: the first', { id: 'x', mainUnitId: '4', directLeaderIds: [] }, 's1'],
    ['the top has nobody', { id: 'ceo', mainUnitId: '1', directLeaderIds: [] }, null],
    ['no department', { id: 'x', mainUnitId: null, directLeaderIds: [] }, null],
  ])('%s', (_name, member, expected) => {
    expect(managerOf(member, units, all)).toBe(expected);
  });

  it('skips leaders who are not eligible (inactive, invisible)', () => {
    expect(managerOf({ id: 'x', mainUnitId: '4', directLeaderIds: [] }, units, (id) => id !== 's1')).toBe('s2');
    expect(managerOf({ id: 'x', mainUnitId: '3', directLeaderIds: [] }, units, (id) => id === 'ceo')).toBe('ceo');
  });

  it('breaks manager loops by dropping the closing link', () => {
    const m = new Map<string, string | null>([['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'a'], ['e', null]]);
    expect(breakCycles(m)).toEqual(['c']);
    expect([...m]).toEqual([['a', 'b'], ['b', 'c'], ['c', null], ['d', 'a'], ['e', null]]);
  });

  it('builds paths from the top and maps job functions, nearest department first', () => {
    const paths = unitPaths(units);
    expect(paths.get('3')).toBe('Co/R&D/A／B team');
    const table = { 'R&D': 'rnd', 'Co/R&D/A／B team': 'backend', '4': 'sales' };
    expect(jobFunctionOf('3', units, paths, table)).toBe('backend');
    expect(jobFunctionOf('2', units, paths, table)).toBe('rnd');
    expect(jobFunctionOf('4', units, paths, table)).toBe('sales');
    expect(jobFunctionOf('1', units, paths, table)).toBeUndefined();
  });
});
