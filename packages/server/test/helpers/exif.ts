import sharp from 'sharp';

/** A real JPEG carrying EXIF with a camera name and a GPS position (Seoul), as phones write it. */
export async function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 140, b: 120 } } })
    .composite([
      {
        input: await sharp({
          create: { width: width / 2, height: height / 2, channels: 3, background: '#304060' },
        })
          .png()
          .toBuffer(),
        left: width / 4,
        top: height / 4,
      },
    ])
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Pocket 12', Orientation: '1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 33/1 3360/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '126/1 58/1 4080/100',
      },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * The EXIF tags a JPEG carries, read from its APP1 segment: IFD0 tags, and GPS tags prefixed
 * `gps:`. An independent little reader, so the test does not trust the library that strips.
 */
export function exifTags(jpeg: Buffer): Set<string> {
  const tags = new Set<string>();
  let i = 2;
  while (i + 4 < jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    const len = jpeg.readUInt16BE(i + 2);
    if (marker === 0xe1 && jpeg.toString('latin1', i + 4, i + 10) === 'Exif\0\0') {
      const tiff = i + 10;
      const le = jpeg.toString('latin1', tiff, tiff + 2) === 'II';
      const u16 = (o: number) => (le ? jpeg.readUInt16LE(tiff + o) : jpeg.readUInt16BE(tiff + o));
      const u32 = (o: number) => (le ? jpeg.readUInt32LE(tiff + o) : jpeg.readUInt32BE(tiff + o));
      const walk = (ifd: number, prefix: string) => {
        const n = u16(ifd);
        for (let k = 0; k < n; k++) {
          const entry = ifd + 2 + k * 12;
          const tag = u16(entry);
          tags.add(`${prefix}${tag.toString(16).padStart(4, '0')}`);
          if (tag === 0x8825 && prefix === '') walk(u32(entry + 8), 'gps:');
        }
      };
      walk(u32(4), '');
    }
    if (marker === 0xda) break; // start of scan: no more metadata segments
    i += 2 + len;
  }
  return tags;
}

export const GPS_IFD_POINTER = '8825';
export const GPS_LATITUDE = 'gps:0002';
