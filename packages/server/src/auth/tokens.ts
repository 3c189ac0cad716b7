import { readJson, writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { DomainError, notFound, unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { forgetSignIn, tokenValue } from './authenticate';
import { type Permission, roleMay } from './permissions';
import { newSecret, sha256 } from './secrets';

export interface TokenView {
  id: string;
  name: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

/** A bearer token for an integration: shown once, stored as a hash, never wider than its owner. */
export async function createApiToken(
  ctx: UseCaseContext,
  input: { name: string; scopes: Permission[]; expiresInDays?: number | undefined },
): Promise<TokenView & { token: string }> {
  if (ctx.actor.via !== 'session') {
    throw new DomainError(
      403,
      'session-required',
      'Session required',
      'tokens are created from a signed-in session',
    );
  }
  const beyond = input.scopes.filter((s) => !roleMay(ctx.actor.role, s));
  if (beyond.length) {
    throw unprocessable(
      'a token cannot carry permissions its owner lacks',
      beyond.map((s) => ({ path: 'body.scopes', message: `the ${ctx.actor.role} role lacks '${s}'` })),
    );
  }
  const tokenId = newId(ctx.now);
  const secret = newSecret();
  const expiresAt = input.expiresInDays ? ctx.now + input.expiresInDays * 86_400_000 : null;
  const scopes = [...new Set(input.scopes)];
  await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .insertInto('api_tokens')
      .values({
        tenant_id: ctx.actor.tenantId,
        token_id: tokenId,
        user_id: ctx.actor.userId,
        name: input.name,
        token_hash: sha256(secret),
        scopes: writeJson(scopes),
        created_at: ctx.now,
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute(),
  );
  return {
    id: tokenId,
    name: input.name,
    scopes,
    createdAt: ctx.now,
    expiresAt,
    revokedAt: null,
    token: tokenValue(ctx.actor.tenantId, tokenId, secret),
  };
}

export async function listApiTokens(ctx: UseCaseContext): Promise<TokenView[]> {
  const rows = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .selectFrom('api_tokens')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('user_id', '=', ctx.actor.userId)
      .orderBy('token_id')
      .execute(),
  );
  return rows.map((r) => ({
    id: r.token_id,
    name: r.name,
    scopes: readJson<string[]>(r.scopes),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(ctx: UseCaseContext, tokenId: string): Promise<void> {
  forgetSignIn(ctx.db, tokenId);
  const r = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .updateTable('api_tokens')
      .set({ revoked_at: ctx.now })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('token_id', '=', tokenId)
      .where('user_id', '=', ctx.actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  if (Number(r.numUpdatedRows) === 0) throw notFound('token');
}
