/**
 * Maps and sets that may hold a key per person of the company (100,000) in work that yields every few ms.
 *
 * A JavaScript Map or Set grows by doubling, and the step that moves it past 65,536 entries rehashes all of them at
 * once: 17–54 ms for one Map of 65,536 e-mails on this machine (a micro-benchmark; in the 100,000-person import's
 * trace the duplicate check's two Maps crossing it together were one 48 ms turn). Keys here are spread over 64 Maps by
 * a cheap hash, so a growth step rehashes 1/64 of the keys (≤ 6 ms at 100,000 in the same micro-benchmark).
 * Iteration runs shard by shard: the order is deterministic for the same keys inserted in the same order, but it is
 * not the insertion order (callers that show or hash an order keep their own array).
 *
 * That hash is a loop over the key's characters in JavaScript: a lookup costs ~3× a plain Map's (120,000 lookups of
 * e-mails in a fresh process: 40–54 ms against 14–18 ms), which the 10,000-person import paid in every check, for
 * maps that never come near 65,536 keys. A caller that knows how many keys at most a map will hold passes it: under
 * ONE_MAP_BELOW the keys are held in one plain Map (its growth steps rehash at most 16,384 keys). Splitting a map
 * that grows past it later would be one more such step (31–68 ms cold for 16,384 e-mails), so the choice is made once.
 */
const SHARDS = 64;
const ONE_MAP_BELOW = 32_768;

/** Integers by their low bits (ids are consecutive), strings by a 31-multiplier hash of every character. */
function shardOf(key: string | number): number {
  if (typeof key === 'number') return key & (SHARDS - 1);
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h & (SHARDS - 1);
}

/** The shards for a map or set of at most `atMost` keys: one when that is fewer than ONE_MAP_BELOW, else SHARDS. */
function shardsFor<T>(atMost: number, make: () => T): T[] {
  return Array.from({ length: atMost >= ONE_MAP_BELOW ? SHARDS : 1 }, make);
}

/** The shard that holds `key` (the only one when there is one). */
function shardFor<T>(shards: readonly T[], key: string | number): T {
  return shards.length === 1 ? shards[0] : shards[shardOf(key)];
}

export class ShardedMap<K extends string | number, V> {
  private readonly shards: Map<K, V>[];

  /** `atMost`: the most keys this map will ever hold, when known (fewer than ONE_MAP_BELOW: one plain Map). */
  constructor(atMost = Infinity) {
    this.shards = shardsFor(atMost, () => new Map<K, V>());
  }

  get size(): number {
    let n = 0;
    for (const s of this.shards) n += s.size;
    return n;
  }

  get(key: K): V | undefined {
    return shardFor(this.shards, key).get(key);
  }

  has(key: K): boolean {
    return shardFor(this.shards, key).has(key);
  }

  set(key: K, value: V): this {
    shardFor(this.shards, key).set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return shardFor(this.shards, key).delete(key);
  }

  /** The shards themselves (one Map when small), for loops that yield as they go (a generator per element is slow over 100,000 keys). */
  parts(): readonly ReadonlyMap<K, V>[] {
    return this.shards;
  }

  *keys(): IterableIterator<K> {
    for (const s of this.shards) yield* s.keys();
  }

  *values(): IterableIterator<V> {
    for (const s of this.shards) yield* s.values();
  }

  *entries(): IterableIterator<[K, V]> {
    for (const s of this.shards) yield* s.entries();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}

export class ShardedSet<K extends string | number> {
  private readonly shards: Set<K>[];

  /** As ShardedMap's. */
  constructor(atMost = Infinity) {
    this.shards = shardsFor(atMost, () => new Set<K>());
  }

  get size(): number {
    let n = 0;
    for (const s of this.shards) n += s.size;
    return n;
  }

  has(key: K): boolean {
    return shardFor(this.shards, key).has(key);
  }

  add(key: K): this {
    shardFor(this.shards, key).add(key);
    return this;
  }

  delete(key: K): boolean {
    return shardFor(this.shards, key).delete(key);
  }

  *[Symbol.iterator](): IterableIterator<K> {
    for (const s of this.shards) yield* s;
  }
}
