import { recordAudit } from '../audit/record-audit';
import { findSession } from '../charting/repository';
import { findArea } from '../charting/treatment-areas';
import { withTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { unprocessable } from '../shared/errors';
import { getBlob } from './blob-store';
import { sideBySide } from './clean-image';
import { findPhoto, type PhotoView, toPhotoView } from './repository';

export interface ComparisonPair {
  areaId: string;
  areaName: string;
  side: string | null;
  before: PhotoView | null;
  after: PhotoView | null;
  /** Days between the two photos. */
  days: number | null;
  sideBySideUrl: string | null;
}

/**
 * Per area (and side): the first "before" photo and the latest "after" photo taken after it,
 * the pair a clinician shows to judge change.
 */
export async function comparePatientPhotos(
  ctx: UseCaseContext,
  patientId: string,
  filter: { areaId?: string | undefined },
): Promise<{ items: ComparisonPair[] }> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    let q = tx
      .selectFrom('photos')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('patient_id', '=', patientId);
    if (filter.areaId) q = q.where('area_id', '=', filter.areaId);
    const rows = await q.orderBy('created_at').orderBy('photo_id').execute();
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = `${r.area_id}|${r.side ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const items: ComparisonPair[] = [];
    for (const group of groups.values()) {
      const before = group.find((r) => r.kind === 'before') ?? null;
      const afters = group.filter(
        (r) => r.kind === 'after' && (!before || r.created_at >= before.created_at),
      );
      const after = afters.at(-1) ?? null;
      const first = group[0]!;
      items.push({
        areaId: first.area_id,
        areaName: findArea(first.area_id)?.name ?? first.area_id,
        side: first.side,
        before: before && toPhotoView(before),
        after: after && toPhotoView(after),
        days: before && after ? Math.round((after.created_at - before.created_at) / 86_400_000) : null,
        sideBySideUrl:
          before && after ? `/api/v1/photos/${before.photo_id}/side-by-side?with=${after.photo_id}` : null,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'photo.compare',
      patientId,
      entity: 'photo',
      entityId: null,
      detail: { pairs: items.length },
    });
    return { items };
  });
}

/** One JPEG with both photos at the same height, left then right. */
export async function photoSideBySide(
  ctx: UseCaseContext,
  dataDir: string,
  leftId: string,
  rightId: string | undefined,
) {
  const [left, right] = await withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const l = await findPhoto(tx, ctx, leftId);
    const otherId =
      rightId ??
      (
        await tx
          .selectFrom('photos')
          .select('photo_id')
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('patient_id', '=', l.patient_id)
          .where('area_id', '=', l.area_id)
          .where('kind', '=', 'after')
          .where('photo_id', '!=', l.photo_id)
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst()
      )?.photo_id;
    if (!otherId) {
      throw unprocessable('no after-photo of this area to compare with', [
        { path: 'querystring.with', message: 'name a photo' },
      ]);
    }
    const r = await findPhoto(tx, ctx, otherId);
    if (l.patient_id !== r.patient_id) {
      throw unprocessable('both photos must be of the same patient', [
        { path: 'querystring.with', message: 'another patient' },
      ]);
    }
    await recordAudit(tx, ctx, {
      action: 'photo.side_by_side',
      patientId: l.patient_id,
      entity: 'photo',
      entityId: leftId,
      detail: { with: otherId },
    });
    return [l, r] as const;
  });
  const t = ctx.actor.tenantId;
  const [a, b] = await Promise.all([
    getBlob(dataDir, t, left.sha256, left.content_type),
    getBlob(dataDir, t, right.sha256, right.content_type),
  ]);
  return sideBySide(a, b);
}

export async function listSessionPhotos(ctx: UseCaseContext, sessionId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const s = await findSession(tx, ctx, sessionId);
    const rows = await tx
      .selectFrom('photos')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .execute();
    await recordAudit(tx, ctx, {
      action: 'photo.list',
      patientId: s.patient_id,
      entity: 'session',
      entityId: sessionId,
    });
    return { items: rows.map(toPhotoView) };
  });
}
