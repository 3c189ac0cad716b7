import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { getBlob } from './blob-store';
import { findPhoto, type PhotoView, toPhotoView } from './repository';

/** The photo's bytes (the cleaned original or its thumbnail); every view is audited. */
export async function viewPhoto(
  ctx: UseCaseContext,
  dataDir: string,
  photoId: string,
  which: 'image' | 'thumbnail',
): Promise<{ bytes: Buffer; contentType: string }> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const r = await findPhoto(tx, ctx, photoId);
    await recordAudit(tx, ctx, {
      action: which === 'image' ? 'photo.view' : 'photo.thumbnail',
      patientId: r.patient_id,
      entity: 'photo',
      entityId: photoId,
    });
    return r;
  });
  const contentType = which === 'image' ? row.content_type : 'image/jpeg';
  const hash = which === 'image' ? row.sha256 : row.thumb_sha256;
  return { bytes: await getBlob(dataDir, ctx.actor.tenantId, hash, contentType), contentType };
}

export async function readPhoto(ctx: UseCaseContext, photoId: string): Promise<PhotoView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const r = await findPhoto(tx, ctx, photoId);
    await recordAudit(tx, ctx, {
      action: 'photo.read',
      patientId: r.patient_id,
      entity: 'photo',
      entityId: photoId,
    });
    return toPhotoView(r);
  });
}
