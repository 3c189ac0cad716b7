import type { Db } from '../db/connect';

/**
 * Sign-in lookups remembered for a few seconds, so that a busy client does not pay a database
 * round trip per request. What it costs: a user deactivated, a role changed or a token revoked
 * by another server process takes effect within `CREDENTIAL_CACHE_MS`; this process forgets a
 * session at once when it signs out (`forgetCredential`).
 */
export const CREDENTIAL_CACHE_MS = 5_000;
const LIMIT = 10_000;

interface Entry<T> {
  value: T;
  until: number;
  /** The session or token id and the user id, to forget them on sign-out or deactivation. */
  ids: readonly string[];
}

const caches = new WeakMap<Db, Map<string, Entry<unknown>>>();
const inFlight = new Map<string, Promise<unknown>>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

export async function rememberCredential<T>(
  db: Db,
  credential: string,
  now: number,
  load: () => Promise<T | null>,
  idsOf: (value: T) => readonly (string | null)[],
  expiresAtOf: (value: T) => number | null,
): Promise<T | null> {
  const cache = cacheOf(db);
  const hit = cache.get(credential) as Entry<T> | undefined;
  if (hit && hit.until > now) return hit.value;
  // Requests that arrive together with the same credential share one lookup.
  const key = `${credential}`;
  const pending = inFlight.get(key) as Promise<T | null> | undefined;
  if (pending) return pending;
  const loading = load();
  inFlight.set(key, loading);
  let value: T | null;
  try {
    value = await loading;
  } finally {
    inFlight.delete(key);
  }
  if (value === null) {
    cache.delete(credential);
    return null;
  }
  if (cache.size >= LIMIT) cache.clear();
  const expiresAt = expiresAtOf(value);
  const until = Math.min(now + CREDENTIAL_CACHE_MS, expiresAt ?? Number.POSITIVE_INFINITY);
  cache.set(credential, { value, until, ids: idsOf(value).filter((x): x is string => x !== null) });
  return value;
}

/** Drop every cached lookup of this session, token or user (sign-out, revocation, deactivation). */
export function forgetCredential(db: Db, id: string): void {
  const cache = caches.get(db);
  if (!cache) return;
  for (const [key, entry] of cache) if (entry.ids.includes(id)) cache.delete(key);
}
