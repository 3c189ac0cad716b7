import type { Selectable } from 'kysely';
import type { PhotosTable } from '../db/records-schema';
import type { Tx } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

export const toPhotoView = (r: Selectable<PhotosTable>) => ({
  id: r.photo_id,
  patientId: r.patient_id,
  sessionId: r.session_id,
  areaId: r.area_id,
  side: r.side,
  kind: r.kind as 'before' | 'after',
  contentType: r.content_type,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  sha256: r.sha256,
  imageUrl: `/api/v1/photos/${r.photo_id}/image`,
  thumbnailUrl: `/api/v1/photos/${r.photo_id}/thumbnail`,
  createdAt: r.created_at,
  createdBy: r.created_by,
});
export type PhotoView = ReturnType<typeof toPhotoView>;

export async function findPhoto(tx: Tx, ctx: UseCaseContext, photoId: string) {
  const row = await tx
    .selectFrom('photos')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('photo_id', '=', photoId)
    .executeTakeFirst();
  if (!row) throw notFound('photo');
  assertMayReachPatient(ctx, row.patient_id);
  return row;
}
