import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, textAnswer } from '../http/schemas';
import { listLotRecipients, recipientsCsv } from './list-lot-recipients';
import { recallLot } from './recall-lot';
import { lotRecallView, lotRecipientsView } from './schemas';

export const recallRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['recalls'];

  app.post(
    '/lots/:id/recall',
    {
      config: { permission: 'lots.recall' },
      schema: {
        tags,
        summary: 'Recall a lot: no further use is charted; owners and admins are alerted with its reach',
        params: idParams,
        body: z.object({
          reason: z.string().trim().min(5).max(2000),
          reference: z.string().trim().min(1).max(200).optional(),
        }),
        response: { 201: lotRecallView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await recallLot(exo.context(request), request.params.id, request.body, {
          publicBaseUrl: exo.publicBaseUrl(),
        }),
      ),
  );

  app.get(
    '/lots/:id/recipients',
    {
      config: { permission: 'lots.recipients' },
      schema: {
        tags,
        summary: 'Every patient and session that received the lot, with contacts',
        params: idParams,
        response: { 200: lotRecipientsView },
      },
    },
    async (request) => listLotRecipients(exo.context(request), request.params.id),
  );

  app.get(
    '/lots/:id/recipients.csv',
    {
      config: { permission: 'lots.recipients' },
      schema: {
        tags,
        summary: 'The recipients list as CSV',
        params: idParams,
        response: {
          200: textAnswer('text/csv', 'One row per session that used the lot, with a header row (RFC 4180)'),
        },
      },
    },
    async (request, reply) => {
      const list = await listLotRecipients(exo.context(request), request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="lot-${list.lot.lotNumber.replace(/[^\w.-]/g, '_')}-recipients.csv"`,
        )
        .send(recipientsCsv(list.items));
    },
  );
};
