import { describe, expect, it } from 'vitest';
import { ShardedMap, ShardedSet } from '../../bot/services/shardedMap';

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    return (s >>> 8) / (1 << 24);
  };
}

describe('ShardedMap / ShardedSet', () => {
  // spread over the shards (no bound given, or one past a plain Map's size), and held in one Map (a small bound)
  it.each([[undefined], [40_000], [5_000]])('answer every operation as a plain Map and Set do (string and integer keys; at most %s keys)', (atMost) => {
    const rnd = random(15);
    const keyOf = (i: number): string | number => (i % 3 === 0 ? i : i % 3 === 1 ? `p${i}@example.com` : `${i}:wecom`);
    const sharded = new ShardedMap<string | number, number>(atMost);
    const plain = new Map<string | number, number>();
    const shardedSet = new ShardedSet<string | number>(atMost);
    const plainSet = new Set<string | number>();
    for (let n = 0; n < 20_000; n++) {
      const key = keyOf(Math.floor(rnd() * 5_000));
      const op = rnd();
      if (op < 0.6) {
        expect(sharded.set(key, n)).toBe(sharded);
        plain.set(key, n);
        shardedSet.add(key);
        plainSet.add(key);
      } else if (op < 0.8) {
        expect(sharded.delete(key)).toBe(plain.delete(key));
        expect(shardedSet.delete(key)).toBe(plainSet.delete(key));
      } else {
        expect(sharded.get(key)).toBe(plain.get(key));
        expect(sharded.has(key)).toBe(plain.has(key));
        expect(shardedSet.has(key)).toBe(plainSet.has(key));
      }
    }
    expect(sharded.size).toBe(plain.size);
    expect(shardedSet.size).toBe(plainSet.size);
    expect(new Map(sharded.entries())).toEqual(plain);
    expect(new Map([...sharded])).toEqual(plain);
    expect(new Set(sharded.keys())).toEqual(new Set(plain.keys()));
    expect([...sharded.values()].sort((a, b) => a - b)).toEqual([...plain.values()].sort((a, b) => a - b));
    expect(new Set(shardedSet)).toEqual(plainSet);
  });

  it('iterate in the same order for the same keys inserted in the same order, spread over its shards', () => {
    const build = () => {
      const m = new ShardedMap<string, number>();
      for (let i = 0; i < 1_000; i++) m.set(`p${String(i).padStart(5, '0')}@bench.example.com`, i);
      return [...m.keys()];
    };
    const first = build();
    expect(build()).toEqual(first);
    expect(first).toHaveLength(1_000);
    // not one shard holding everything: the order is not the insertion order
    expect(first).not.toEqual([...first].sort());
  });

  it('hold the keys in one Map, in insertion order, when given fewer keys at most than a plain Map handles', () => {
    const m = new ShardedMap<string, number>(1_000);
    const set = new ShardedSet<string>(1_000);
    const keys = Array.from({ length: 1_000 }, (_, i) => `p${String(i).padStart(5, '0')}@bench.example.com`);
    for (const [i, k] of keys.entries()) {
      m.set(k, i);
      set.add(k);
    }
    expect(m.parts()).toHaveLength(1);
    expect([...m.keys()]).toEqual(keys);
    expect([...set]).toEqual(keys);
    expect(new ShardedMap<string, number>(40_000).parts()).toHaveLength(64);
  });
});
