import { readJson, writeJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { DomainError } from '../shared/errors';

export interface StoredResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * The response first given for this key, when the same request comes again; a different request
 * under a used key is refused (422), never silently answered with the first one's result.
 */
export async function replayIdempotent<T>(
  tx: Tx,
  ctx: UseCaseContext,
  key: string,
  hash: string,
): Promise<StoredResponse<T> | null> {
  const row = await tx
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('idem_key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new DomainError(
      422,
      'idempotency-key-reused',
      'Idempotency key reused',
      'this Idempotency-Key was used for a different request: use a new key for a new request',
    );
  }
  return { status: row.status_code, body: readJson<T>(row.response), replayed: true };
}

/** Stored in the same transaction as the booking: a key names a booking that happened, or nothing. */
export async function storeIdempotent(
  tx: Tx,
  ctx: UseCaseContext,
  key: string,
  hash: string,
  status: number,
  body: unknown,
) {
  await tx
    .insertInto('idempotency_keys')
    .values({
      tenant_id: ctx.actor.tenantId,
      idem_key: key,
      request_hash: hash,
      status_code: status,
      response: writeJson(body),
      created_at: ctx.now,
      created_by: ctx.actor.userId,
    })
    .execute();
}
