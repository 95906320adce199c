import { resource, type Resource } from './resource';

/** One resource per key (a review, a cycle, a person's file), made on first use and kept. */
export function keyedResource<K extends string | number, T>(fetch: (key: K) => Promise<T>): { of(key: K): Resource<T>; reset(): void } {
  const made = new Map<K, Resource<T>>();
  return {
    of(key) {
      let r = made.get(key);
      if (!r) {
        r = resource(() => fetch(key));
        made.set(key, r);
      }
      return r;
    },
    reset() {
      for (const r of made.values()) r.reset();
      made.clear();
    },
  };
}
