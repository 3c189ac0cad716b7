import sharp, { type Metadata } from 'sharp';
import { DomainError } from '../shared/errors';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
const MAX_PIXELS = 60_000_000;
const THUMB_WIDTH = 320;

const FORMAT: Record<PhotoType, 'jpeg' | 'png' | 'webp'> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

export const unsupportedPhotoType = (got: string) =>
  new DomainError(
    415,
    'unsupported-photo-type',
    'Unsupported photo type',
    `a photo must be sent as ${PHOTO_TYPES.join(', ')}; got ${got || 'no content type'}`,
    { accepted: PHOTO_TYPES },
  );

export const photoTooLarge = (bytes: number) =>
  new DomainError(
    413,
    'photo-too-large',
    'Photo too large',
    `a photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB; this one is ${(bytes / 1024 / 1024).toFixed(1)} MB`,
    { maxBytes: MAX_PHOTO_BYTES },
  );

const unreadable = (detail: string) => new DomainError(422, 'unreadable-photo', 'Unreadable photo', detail);

export interface CleanImage {
  bytes: Buffer;
  width: number;
  height: number;
  thumbnail: Buffer;
}

/**
 * Decode, turn upright and re-encode without any metadata: EXIF (camera, time, GPS position),
 * XMP, IPTC and ICC comments do not survive. The bytes must really be the declared type.
 */
export async function cleanImage(input: Buffer, contentType: PhotoType): Promise<CleanImage> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw unreadable('the file is not an image that can be read');
  }
  if (meta.format !== FORMAT[contentType]) {
    throw unreadable(`the file is ${meta.format ?? 'not an image'}, not ${contentType}`);
  }
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped (sharp keeps none by default).
    const pipeline = sharp(input, { limitInputPixels: MAX_PIXELS }).rotate();
    const out =
      contentType === 'image/jpeg'
        ? pipeline.jpeg({ quality: 92, mozjpeg: false })
        : contentType === 'image/png'
          ? pipeline.png()
          : pipeline.webp({ quality: 92 });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    return { bytes: data, width: info.width, height: info.height, thumbnail };
  } catch {
    throw unreadable('the image could not be decoded');
  }
}

/** Two photos side by side at one height, for before/after review. */
export async function sideBySide(left: Buffer, right: Buffer, height = 800): Promise<Buffer> {
  const [a, b] = await Promise.all(
    [left, right].map((img) =>
      sharp(img).resize({ height, withoutEnlargement: false }).jpeg().toBuffer({ resolveWithObject: true }),
    ),
  );
  const gap = 16;
  return sharp({
    create: {
      width: a!.info.width + gap + b!.info.width,
      height,
      channels: 3,
      background: { r: 255, g: 255, b: 255 },
    },
  })
    .composite([
      { input: a!.data, left: 0, top: 0 },
      { input: b!.data, left: a!.info.width + gap, top: 0 },
    ])
    .jpeg({ quality: 88 })
    .toBuffer();
}
