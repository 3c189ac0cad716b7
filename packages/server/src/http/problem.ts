import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../shared/errors';

// RFC 9457 problem documents for every 4xx/5xx. No stack trace or driver message leaves here.

export const PROBLEM_TYPE_BASE = 'https://exoclinic.org/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [k: string]: unknown;
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return { type: `${PROBLEM_TYPE_BASE}${slug}`, title, status, detail, ...extra };
}

const TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['too-many-requests', 'Too many requests'],
};

function constraintViolation(error: unknown): 'unique' | 'foreign-key' | 'check' | null {
  const code = (error as { code?: unknown }).code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return 'unique';
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign-key';
  if (code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK') return 'check';
  return null;
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const instance = request.url.split('?')[0];
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors = error.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is invalid',
      }));
      return sendProblem(
        reply,
        problem(400, 'validation', 'Invalid request', `${errors.length} field(s) are invalid`, {
          instance,
          errors,
        }),
      );
    }
    if (error instanceof DomainError) {
      if (error.status === 429 && typeof error.extra.retryAfterSeconds === 'number') {
        reply.header('retry-after', String(error.extra.retryAfterSeconds));
      }
      return sendProblem(
        reply,
        problem(error.status, error.type, error.title, error.message, { instance, ...error.extra }),
      );
    }
    const violation = constraintViolation(error);
    if (violation) {
      request.log.warn({ err: error }, 'constraint violation');
      const detail =
        violation === 'unique'
          ? 'a record with the same unique value already exists'
          : violation === 'foreign-key'
            ? 'a referenced record does not exist'
            : 'a value breaks a rule of the record';
      return sendProblem(reply, problem(409, `constraint-${violation}`, 'Conflict', detail, { instance }));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const [slug, title] = TITLES[status] ?? ['client-error', 'Bad request'];
      // Fastify's own 4xx messages (bad JSON, wrong media type, body too large) name no internals.
      return sendProblem(reply, problem(status, slug, title, error.message, { instance }));
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(
      reply,
      problem(
        500,
        'internal',
        'Internal error',
        `the server could not complete the request (request id ${request.id})`,
        {
          instance,
        },
      ),
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem(404, 'not-found', 'Not found', `no route ${request.method} ${request.url.split('?')[0]}`, {
        instance: request.url.split('?')[0],
      }),
    ),
  );
}
