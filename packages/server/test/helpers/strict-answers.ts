import { serializerCompiler } from 'fastify-type-provider-zod';
import { DomainError } from '../../src/shared/errors';

// fastify-type-provider-zod encodes every answer with its route's response schema, and zod drops
// the keys a schema does not list: a field added to a view but not to its schema would vanish
// from the answer and no test would notice. In tests the encoding is checked against the JSON of
// what the route returned (undefined ignored): any key dropped, added or changed answers 500
// naming the route and the paths, and is printed.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Where two JSON values differ: `-path` dropped by the encoding, `+path` added, `~path` changed. */
export function jsonDifferences(before: Json, after: Json, path = '', out: string[] = []): string[] {
  const here = path || '(root)';
  if (before === after) return out;
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      const p = `${path}[${i}]`;
      if (i >= after.length) out.push(`-${p}`);
      else if (i >= before.length) out.push(`+${p}`);
      else jsonDifferences(before[i]!, after[i]!, p, out);
    }
    return out;
  }
  const isObject = (v: Json): v is { [k: string]: Json } =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    for (const k of Object.keys(before)) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in after)) out.push(`-${p}`);
      else jsonDifferences(before[k]!, after[k]!, p, out);
    }
    for (const k of Object.keys(after)) if (!(k in before)) out.push(`+${path ? `${path}.${k}` : k}`);
    return out;
  }
  out.push(`~${here}`);
  return out;
}

/** The zod serializer, refusing any answer its schema would change. */
export const strictSerializerCompiler: typeof serializerCompiler = (route) => {
  const encode = serializerCompiler(route);
  const name = `${route.method} ${route.url} (${String(route.httpStatus)})`;
  const refuse = (detail: string) => {
    console.error(`ANSWER DROPPED OR CHANGED FIELDS: ${detail}`);
    return new DomainError(500, 'answer-schema-mismatch', 'Answer does not match its schema', detail);
  };
  return (data: unknown) => {
    let encoded: string;
    try {
      encoded = encode(data);
    } catch (error) {
      // The answer does not fit its schema at all (a wrong type, a one-way transform).
      const issues = (error as { cause?: { issues?: { path: PropertyKey[]; message: string }[] } }).cause
        ?.issues;
      const where = issues
        ?.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw refuse(`${name}: the answer does not fit its schema: ${where ?? String(error)}`);
    }
    const given = JSON.stringify(data);
    if (given === encoded) return encoded;
    const differences =
      given === undefined
        ? ['~(root)']
        : jsonDifferences(JSON.parse(given) as Json, JSON.parse(encoded) as Json);
    if (differences.length === 0) return encoded; // the same JSON, keys in another order
    const detail = `${name}: the response schema changes the answer at ${differences.slice(0, 20).join(', ')}${
      differences.length > 20 ? ` and ${differences.length - 20} more` : ''
    }`;
    throw refuse(detail);
  };
};
