import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { exifTags, GPS_IFD_POINTER, GPS_LATITUDE, jpegWithGps } from '../helpers/exif';
import { created, treatablePlan } from '../helpers/records';

const V = '/api/v1';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe.each(engines)('photos on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let doctor: Caller;
  let desk: Caller;
  let dataDir: string;
  let sessionId: string;
  let patientId: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    dataDir = mkdtempSync(join(tmpdir(), 'exoclinic-photos-'));
    app = await testApp(t.db, { dataDir });
    clinic = await seedClinic(t.db, 'Photo clinic');
    owner = await signIn(app, clinic.emails.owner);
    doctor = await signIn(app, clinic.emails.practitioner);
    desk = await signIn(app, clinic.emails.front_desk);
    const p = await treatablePlan(owner);
    patientId = p.patientId;
    sessionId = (await created(desk.send('POST', `${V}/plans/${p.planId}/check-in`, {}))).id;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (
    caller: Caller,
    body: Buffer | string,
    type: string,
    query = 'areaId=cheek&side=left&kind=before',
  ) => caller.send('POST', `${V}/sessions/${sessionId}/photos?${query}`, body, { 'content-type': type });

  it('removes EXIF and GPS on upload, stores content-addressed, and serves an upright clean image', async () => {
    const original = await jpegWithGps();
    const tags = exifTags(original);
    expect(tags.has(GPS_IFD_POINTER)).toBe(true);
    expect(tags.has(GPS_LATITUDE)).toBe(true);
    expect(original.toString('latin1')).toContain('PhoneMaker');

    const res = await upload(doctor, original, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    expect(photo).toMatchObject({ kind: 'before', areaId: 'cheek', side: 'left', width: 640, height: 480 });

    const served = await doctor.get(`${V}/photos/${photo.id}/image`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const bytes = served.rawPayload;
    expect(exifTags(bytes).size).toBe(0);
    expect(bytes.toString('latin1')).not.toContain('PhoneMaker');
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();

    // On disk: only clean files, named by their hash, under the clinic's folder.
    const files = filesUnder(join(dataDir, 'photos', clinic.tenantId));
    expect(files).toHaveLength(2);
    const stored = files.find((f) => f.includes(photo.sha256))!;
    expect(readFileSync(stored).equals(bytes)).toBe(true);
    for (const f of files) {
      expect(readFileSync(f).toString('latin1')).not.toContain('PhoneMaker');
      expect(exifTags(readFileSync(f)).has(GPS_IFD_POINTER)).toBe(false);
    }

    const thumb = await doctor.get(`${V}/photos/${photo.id}/thumbnail`);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);

    // The same photo again is stored once.
    await upload(doctor, original, 'image/jpeg', 'areaId=cheek&side=left&kind=after');
    expect(filesUnder(join(dataDir, 'photos', clinic.tenantId))).toHaveLength(2);
  });

  it('refuses other types, lying content, oversize and bad areas with clear problems', async () => {
    const gif = await upload(doctor, 'GIF89a....', 'image/gif');
    expect(gif.statusCode).toBe(415);
    expect(gif.headers['content-type']).toMatch(/problem\+json/);
    expect(gif.json()).toMatchObject({
      type: expect.stringMatching(/unsupported-photo-type$/),
      accepted: ['image/jpeg', 'image/png', 'image/webp'],
    });

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const lying = await upload(doctor, png, 'image/jpeg');
    expect(lying.statusCode).toBe(422);
    expect(lying.json().detail).toContain('png');

    const big = Buffer.alloc(15 * 1024 * 1024 + 10, 1);
    const tooBig = await upload(doctor, big, 'image/jpeg');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({
      type: expect.stringMatching(/photo-too-large$/),
      maxBytes: 15 * 1024 * 1024,
    });

    const noSide = await upload(doctor, await jpegWithGps(64, 48), 'image/jpeg', 'areaId=cheek&kind=before');
    expect(noSide.statusCode).toBe(422);
    expect(noSide.json().errors[0].message).toMatch(/left, right or both/);
  });

  it('checks access and audits every view; pairs before and after per area, side by side', async () => {
    const photoDenied = await desk.get(`${V}/sessions/${sessionId}/photos`);
    expect(photoDenied.statusCode).toBe(403);
    const forbiddenUpload = await upload(desk, await jpegWithGps(64, 48), 'image/jpeg');
    expect(forbiddenUpload.statusCode).toBe(403);

    const list = (await doctor.get(`${V}/sessions/${sessionId}/photos`)).json().items;
    const pairs = (await doctor.get(`${V}/patients/${patientId}/photo-comparisons`)).json().items;
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({
      areaId: 'cheek',
      side: 'left',
      before: { id: list[0].id },
      after: { id: list[1].id },
    });
    const sbs = await doctor.get(pairs[0].sideBySideUrl);
    expect(sbs.statusCode).toBe(200);
    const meta = await sharp(sbs.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', height: 800 });
    expect(meta.width).toBe(Math.round(800 * (640 / 480)) * 2 + 16);

    const views = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'patient_id'])
      .where('entity_id', '=', list[0].id)
      .where('action', 'in', ['photo.view', 'photo.thumbnail', 'photo.upload', 'photo.side_by_side'])
      .execute();
    expect(views.map((v) => v.action).sort()).toEqual([
      'photo.side_by_side',
      'photo.thumbnail',
      'photo.upload',
      'photo.view',
    ]);
    expect(new Set(views.map((v) => v.patient_id))).toEqual(new Set([patientId]));
  });
});
