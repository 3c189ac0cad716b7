import { recordAudit } from '../audit/record-audit';
import { newSecret, sha256 } from '../auth/secrets';
import { withTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { DomainError, notFound } from '../shared/errors';
import { newId } from '../shared/ids';

export type FeedKind = 'practitioner' | 'room' | 'patient';

export interface FeedView {
  id: string;
  kind: FeedKind;
  subjectId: string;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

/** The secret path of a feed: the clinic, then the feed and its secret. */
export const feedPath = (tenantId: string, feedId: string, secret: string) =>
  `${tenantId}/${feedId}_${secret}.ics`;

/** A secret calendar URL for a practitioner, a room or a patient: the token is shown once, stored hashed. */
export async function createCalendarFeed(
  ctx: UseCaseContext,
  input: { kind: FeedKind; subjectId: string },
): Promise<FeedView & { token: string }> {
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    let label: string;
    let patientId: string | null = null;
    if (input.kind === 'patient') {
      const p = await findPatient(tx, ctx, input.subjectId);
      label = `Appointments of ${p.given_name} ${p.family_name}`;
      patientId = p.patient_id;
    } else {
      const r = await tx
        .selectFrom('resources')
        .select(['name', 'kind'])
        .where('tenant_id', '=', tenantId)
        .where('resource_id', '=', input.subjectId)
        .executeTakeFirst();
      if (!r || r.kind !== input.kind) throw notFound(input.kind);
      label = `Exoclinic: ${r.name}`;
    }
    const feedId = newId(ctx.now);
    const secret = newSecret();
    await tx
      .insertInto('calendar_feeds')
      .values({
        tenant_id: tenantId,
        feed_id: feedId,
        kind: input.kind,
        subject_id: input.subjectId,
        patient_id: patientId,
        label,
        token_hash: sha256(secret),
        created_at: ctx.now,
        created_by: ctx.actor.userId,
        revoked_at: null,
      })
      .execute();
    await recordAudit(tx, ctx, {
      action: 'calendar-feed.create',
      patientId,
      entity: 'calendar-feed',
      entityId: feedId,
      detail: { kind: input.kind, patientIds: patientId ? [patientId] : [] },
    });
    return {
      id: feedId,
      kind: input.kind,
      subjectId: input.subjectId,
      label,
      createdAt: ctx.now,
      revokedAt: null,
      token: feedPath(tenantId, feedId, secret),
    };
  });
}

export async function listCalendarFeeds(ctx: UseCaseContext): Promise<FeedView[]> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .orderBy('created_at')
      .execute();
    const patientIds = [...new Set(rows.flatMap((r) => (r.patient_id ? [r.patient_id] : [])))];
    await recordAudit(tx, ctx, {
      action: 'calendar-feed.list',
      patientId: null,
      entity: 'calendar-feed',
      entityId: null,
      detail: { patientIds },
    });
    return rows.map((r) => ({
      id: r.feed_id,
      kind: r.kind as FeedKind,
      subjectId: r.subject_id,
      label: r.label,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  });
}

/** Revoke: the URL stops answering at once (404, like a URL that never was). */
export async function revokeCalendarFeed(ctx: UseCaseContext, feedId: string): Promise<FeedView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await tx
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('feed_id', '=', feedId)
      .executeTakeFirst();
    if (!row) throw notFound('calendar feed');
    if (row.revoked_at !== null)
      throw new DomainError(
        409,
        'already-revoked',
        'Already revoked',
        'this calendar feed is already revoked',
      );
    await tx
      .updateTable('calendar_feeds')
      .set({ revoked_at: ctx.now })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('feed_id', '=', feedId)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'calendar-feed.revoke',
      patientId: row.patient_id,
      entity: 'calendar-feed',
      entityId: feedId,
      detail: { patientIds: row.patient_id ? [row.patient_id] : [] },
    });
    return {
      id: row.feed_id,
      kind: row.kind as FeedKind,
      subjectId: row.subject_id,
      label: row.label,
      createdAt: row.created_at,
      revokedAt: ctx.now,
    };
  });
}
