/**
 * The value kept in `map` under `key`, made by `make` and kept when missing. Beyond `limit` entries the one kept
 * longest goes first (a Map iterates in insertion order), so a cache of pure results stays bounded.
 */
export function boundedMemo<K, V>(map: Map<K, V>, key: K, limit: number, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size >= limit) map.delete(map.keys().next().value!);
    map.set(key, value);
  }
  return value;
}
