import type { Db } from './connect';

/**
 * Reads remembered until the next write. Only on SQLite, where this process is the database's
 * only writer and `writeGeneration` moves on with every write statement (audit rows aside): a
 * remembered answer is served only while nothing at all has been written since it was read.
 */
const caches = new WeakMap<Db, Map<string, { generation: number; value: unknown }>>();
const LIMIT = 5_000;

export async function readThroughCache<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  const generationOf = db.writeGeneration;
  if (!generationOf) return load();
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.generation === generationOf()) return hit.value as T;
  // Taken before the read: a write that lands while it runs makes the entry stale at once.
  const generation = generationOf();
  const value = await load();
  if (cache.size >= LIMIT) cache.clear();
  cache.set(key, { generation, value });
  return value;
}
