import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../src/http/app';
import { createTestDatabase, type TestDatabase } from '../helpers/engines';
import { jsonDifferences, strictSerializerCompiler } from '../helpers/strict-answers';

// The test app refuses an answer its response schema would change: a key the schema does not
// list (zod drops it), or a value it rewrites. The check itself is checked here, on the real app
// with a few routes added whose schemas are wrong on purpose.

const extra: FastifyPluginAsyncZod = async (app) => {
  const config = { public: true };
  app.get(
    '/test/drops',
    {
      config,
      schema: {
        response: { 200: z.object({ id: z.string(), items: z.array(z.object({ a: z.number() })) }) },
      },
    },
    async () => ({ id: 'x', secret: 'lost', items: [{ a: 1, b: 2 }], gone: undefined }),
  );
  app.get(
    '/test/rewrites',
    {
      config,
      schema: {
        response: {
          200: z.object({
            n: z.codec(z.string(), z.number(), { decode: Number, encode: String }),
            s: z.string(),
          }),
        },
      },
    },
    async () => ({ n: 5, s: 'kept' }),
  );
  app.get(
    '/test/misfits',
    {
      config,
      schema: { response: { 200: z.object({ n: z.number(), s: z.string() }) } },
    },
    async () => ({ n: 'one', s: 'kept' }) as never,
  );
  app.get(
    '/test/exact',
    { config, schema: { response: { 200: z.object({ id: z.string(), when: z.number().nullable() }) } } },
    async () => ({ when: null, id: 'y', skipped: undefined }),
  );
};

describe('answers are never changed by their schema (test app)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    // The test app's options, with three routes added before it is ready.
    app = await buildApp({ db: t.db, serializerCompiler: strictSerializerCompiler });
    await app.register(extra);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('answers 500 naming the route and every dropped path', async () => {
    const res = await app.inject({ url: '/test/drops' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'https://exoclinic.org/problems/answer-schema-mismatch' });
    expect(res.json().detail).toBe(
      'GET /test/drops (200): the response schema changes the answer at -secret, -items[0].b',
    );
  });

  it('answers 500 when the schema rewrites a value, or the answer does not fit it at all', async () => {
    const rewrites = await app.inject({ url: '/test/rewrites' });
    expect(rewrites.statusCode).toBe(500);
    expect(rewrites.json().detail).toBe(
      'GET /test/rewrites (200): the response schema changes the answer at ~n',
    );
    const misfits = await app.inject({ url: '/test/misfits' });
    expect(misfits.statusCode).toBe(500);
    expect(misfits.json().detail).toMatch(
      /^GET \/test\/misfits \(200\): the answer does not fit its schema: n: Invalid input/,
    );
  });

  it('passes an answer the schema keeps whole, undefined keys and key order aside', async () => {
    const res = await app.inject({ url: '/test/exact' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: 'y', when: null });
  });

  it('lists differences by path', () => {
    expect(jsonDifferences({ a: [1, { b: 2 }], c: 'x' }, { a: [1, {}], c: 'y', d: 1 })).toEqual([
      '-a[1].b',
      '~c',
      '+d',
    ]);
    expect(jsonDifferences([1, 2], [1])).toEqual(['-[1]']);
    expect(jsonDifferences({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
