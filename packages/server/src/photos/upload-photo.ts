import { recordAudit } from '../audit/record-audit';
import { findSession } from '../charting/repository';
import { type AreaSide, areaProblem } from '../charting/treatment-areas';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict, unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { putBlob } from './blob-store';
import {
  cleanImage,
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
  type PhotoType,
  photoTooLarge,
  unsupportedPhotoType,
} from './clean-image';
import { type PhotoView, toPhotoView } from './repository';

export interface PhotoUpload {
  areaId?: string | undefined;
  side?: AreaSide | undefined;
  kind?: 'before' | 'after' | undefined;
  contentType: string;
  body: unknown;
}

/**
 * A before or after photo of one area in one session. The image is re-encoded without metadata
 * (no EXIF, no GPS) before anything is stored; stored content-addressed under the data folder.
 */
export async function uploadPhoto(
  ctx: UseCaseContext,
  dataDir: string,
  sessionId: string,
  input: PhotoUpload,
): Promise<PhotoView> {
  // The session first: an id of another clinic is "not found" whatever was sent.
  const session = await withTenant(ctx.db, ctx.actor.tenantId, (tx) => findSession(tx, ctx, sessionId));
  if (session.status === 'no_show' || session.status === 'cancelled') {
    throw conflict(`a ${session.status.replace('_', '-')} session takes no photos`);
  }
  const type = input.contentType.split(';')[0]!.trim().toLowerCase();
  if (!(PHOTO_TYPES as readonly string[]).includes(type) || !Buffer.isBuffer(input.body)) {
    throw unsupportedPhotoType(type);
  }
  if (input.body.length > MAX_PHOTO_BYTES) throw photoTooLarge(input.body.length);
  if (input.body.length === 0) throw unprocessable('the photo is empty');
  const missing = [
    ...(input.areaId ? [] : [{ path: 'querystring.areaId', message: 'is required' }]),
    ...(input.kind ? [] : [{ path: 'querystring.kind', message: 'is required: before or after' }]),
  ];
  if (missing.length)
    throw unprocessable('say which area the photo shows and whether before or after', missing);
  const areaId = input.areaId!;
  const kind = input.kind!;
  const area = areaProblem(areaId, input.side);
  if (area)
    throw unprocessable('the photo names an unknown area', [{ path: 'querystring.areaId', message: area }]);

  const clean = await cleanImage(input.body, type as PhotoType);
  const tenant = ctx.actor.tenantId;
  const image = await putBlob(dataDir, tenant, clean.bytes, type);
  const thumb = await putBlob(dataDir, tenant, clean.thumbnail, 'image/jpeg');
  return withTenant(ctx.db, tenant, async (tx) => {
    const row = await tx
      .insertInto('photos')
      .values({
        tenant_id: tenant,
        photo_id: newId(ctx.now),
        patient_id: session.patient_id,
        session_id: sessionId,
        area_id: areaId,
        side: input.side ?? null,
        kind,
        sha256: image.hash,
        thumb_sha256: thumb.hash,
        content_type: type,
        bytes: clean.bytes.length,
        width: clean.width,
        height: clean.height,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'photo.upload',
      patientId: session.patient_id,
      entity: 'photo',
      entityId: row.photo_id,
      detail: { sessionId, areaId, kind, sha256: image.hash },
    });
    return toPhotoView(row);
  });
}
