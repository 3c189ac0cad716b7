import { z } from 'zod';
import { AREA_SIDES } from '../charting/treatment-areas';
import { textEnum } from '../http/schemas';
import { PHOTO_TYPES } from './clean-image';

// The answers of the photo routes, as the OpenAPI document describes them (the images themselves
// are described where the routes send them).

export const photoView = z.object({
  id: z.string(),
  patientId: z.string(),
  sessionId: z.string(),
  areaId: z.string(),
  side: textEnum(AREA_SIDES).nullable(),
  kind: z.enum(['before', 'after']),
  contentType: textEnum(PHOTO_TYPES),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  sha256: z.string().describe('hex digest of the stored image'),
  imageUrl: z.string(),
  thumbnailUrl: z.string(),
  createdAt: z.number().int(),
  createdBy: z.string(),
});

export const photoList = z.object({ items: z.array(photoView) });

export const photoComparisons = z.object({
  items: z.array(
    z.object({
      areaId: z.string(),
      areaName: z.string(),
      side: textEnum(AREA_SIDES).nullable(),
      before: photoView.nullable().describe('the first before-photo of the area'),
      after: photoView.nullable().describe('the latest after-photo taken after it'),
      days: z.number().nullable().describe('days between the two photos'),
      sideBySideUrl: z.string().nullable(),
    }),
  ),
});
