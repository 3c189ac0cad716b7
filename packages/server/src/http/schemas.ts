import { z } from 'zod';
import { ID_PATTERN } from '../shared/ids';

export const idSchema = z.string().regex(ID_PATTERN, 'must be an id');
export const idParams = z.object({ id: idSchema });

export const cursorQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === arity &&
      parts.every((p) => typeof p === 'string' || typeof p === 'number')
    )
      return parts;
  } catch {}
  return null;
}

export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1900;
  }, 'is not a real calendar date');

/**
 * A 204 answer: no body, so the OpenAPI document gives the description and no content. The
 * route sends `undefined`, which Fastify passes on without serializing.
 */
export function noContent(description: string) {
  return z.undefined().describe(description);
}

/**
 * Non-JSON answers (a file, an image, CSV or iCalendar text), described for the OpenAPI document
 * only: Fastify sends a buffer, a stream, or a string with its own non-JSON content type as it is,
 * so the serializer never reads these schemas.
 */
function contentAnswer(contentTypes: string | readonly string[], description: string, schema: z.ZodType) {
  const types = typeof contentTypes === 'string' ? [contentTypes] : contentTypes;
  return { description, content: Object.fromEntries(types.map((type) => [type, { schema }])) };
}

/** Bytes (a PDF, an image): the route sends a Buffer. */
export const binaryAnswer = (contentTypes: string | readonly string[], description: string) =>
  contentAnswer(
    contentTypes,
    description,
    z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' }),
  );

/** Text in its own format (CSV, iCalendar): the route sends a string with that content type. */
export const textAnswer = (contentType: string, description: string) =>
  contentAnswer(contentType, description, z.string());

/**
 * An answer field with known values that the code carries as a plain string (a text column under
 * a CHECK constraint, a widened literal): the document and the encoder know the values, the
 * handler's type stays `string`.
 */
export function textEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values) as unknown as z.ZodType<string>;
}
