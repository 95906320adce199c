/**
 * Deterministic randomness for the demo seeds: a generator per key (a person and a week, say), so what one person
 * does in one week never depends on the order anything else was generated in. Same key → same numbers, always.
 */

/** FNV-1a, 32 bits: a string to a seed. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface Rand {
  /** [0, 1) */
  next(): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** an integer in [min, max] */
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
}

/** mulberry32 seeded from the key. */
export function randFor(...key: (string | number)[]): Rand {
  let a = hash(key.join('|'));
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/** Fills {slot} placeholders from lists, each pick from the same generator. */
export function fill(template: string, slots: Record<string, readonly string[]>, rand: Rand): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => (slots[name] ? rand.pick(slots[name]) : String(rand.int(2, 9))));
}
