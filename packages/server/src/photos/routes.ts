import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AREA_SIDES } from '../charting/treatment-areas';
import { binaryAnswer, idParams, idSchema } from '../http/schemas';
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from './clean-image';
import { comparePatientPhotos, listSessionPhotos, photoSideBySide } from './compare-photos';
import { photoComparisons, photoList, photoView } from './schemas';
import { uploadPhoto } from './upload-photo';
import { readPhoto, viewPhoto } from './view-photo';

export const photoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['photos'];

  // Raw image bodies for this plugin only; any other type reaches the use case, which answers 415
  // with the accepted list (Fastify's own 415 would not say what is accepted).
  app.addContentTypeParser(
    [...PHOTO_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES + 1024 * 1024 },
    (_r, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES + 1024 * 1024 },
    (_r, body, done) => done(null, body),
  );

  app.post(
    '/sessions/:id/photos',
    {
      config: { permission: 'photos.write' },
      bodyLimit: MAX_PHOTO_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary: `Upload a before/after photo: the raw image as the body (${PHOTO_TYPES.join(', ')}, at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB); EXIF and GPS are removed`,
        params: idParams,
        // Required, but checked after the session is found (an unknown session is 404 first).
        querystring: z.object({
          areaId: z.string().min(1).max(50).optional(),
          side: z.enum(AREA_SIDES).optional(),
          kind: z.enum(['before', 'after']).optional(),
        }),
        response: { 201: photoView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await uploadPhoto(exo.context(request), exo.dataDir, request.params.id, {
          ...request.query,
          contentType: request.headers['content-type'] ?? '',
          body: request.body,
        }),
      ),
  );

  app.get(
    '/sessions/:id/photos',
    {
      config: { permission: 'photos.read' },
      schema: { tags, summary: 'Photos of a session', params: idParams, response: { 200: photoList } },
    },
    async (request) => listSessionPhotos(exo.context(request), request.params.id),
  );

  app.get(
    '/photos/:id',
    {
      config: { permission: 'photos.read' },
      schema: { tags, summary: 'A photo’s record', params: idParams, response: { 200: photoView } },
    },
    async (request) => readPhoto(exo.context(request), request.params.id),
  );

  for (const which of ['image', 'thumbnail'] as const) {
    app.get(
      `/photos/:id/${which}`,
      {
        config: { permission: 'photos.read' },
        schema: {
          tags,
          summary: which === 'image' ? 'The photo (metadata removed)' : 'A 320-pixel JPEG thumbnail',
          params: idParams,
          response: {
            200:
              which === 'image'
                ? binaryAnswer(PHOTO_TYPES, 'The image in the type it was uploaded as, without EXIF or GPS')
                : binaryAnswer('image/jpeg', 'The thumbnail'),
          },
        },
      },
      async (request, reply) => {
        const photo = await viewPhoto(exo.context(request), exo.dataDir, request.params.id, which);
        return reply.type(photo.contentType).header('x-content-type-options', 'nosniff').send(photo.bytes);
      },
    );
  }

  app.get(
    '/photos/:id/side-by-side',
    {
      config: { permission: 'photos.read' },
      schema: {
        tags,
        summary:
          'This photo and another of the same patient side by side, one JPEG (default: the latest after-photo of the same area)',
        params: idParams,
        querystring: z.object({ with: idSchema.optional() }),
        response: { 200: binaryAnswer('image/jpeg', 'The two photos side by side') },
      },
    },
    async (request, reply) =>
      reply
        .type('image/jpeg')
        .send(
          await photoSideBySide(exo.context(request), exo.dataDir, request.params.id, request.query.with),
        ),
  );

  app.get(
    '/patients/:id/photo-comparisons',
    {
      config: { permission: 'photos.read' },
      schema: {
        tags,
        summary: 'Before/after pairs per area: first before, latest after, with the side-by-side link',
        params: idParams,
        querystring: z.object({ areaId: z.string().min(1).max(50).optional() }),
        response: { 200: photoComparisons },
      },
    },
    async (request) => comparePatientPhotos(exo.context(request), request.params.id, request.query),
  );
};
