import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, type TestDatabase } from '../helpers/engines';

// An integrator reads the answers from the OpenAPI document: every operation must describe its
// success answer, a body (with its content type) or an explicit 204.

interface Answer {
  description?: string;
  content?: Record<string, { schema?: Record<string, unknown> }>;
}
interface Operation {
  responses?: Record<string, Answer>;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('OpenAPI answers', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let doc: Doc;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    app = await testApp(t.db);
    doc = (await app.inject({ url: '/api/openapi.json' })).json() as Doc;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const operation = (method: string, path: string) => {
    const op = doc.paths[path]?.[method];
    expect(op, `${method.toUpperCase()} ${path} is in the document`).toBeDefined();
    return op!;
  };
  const success = (method: string, path: string) =>
    Object.entries(operation(method, path).responses ?? {}).filter(([code]) => code.startsWith('2'));

  it('describes a 2xx answer for every operation: a body with a schema, or a 204 without one', () => {
    const undescribed: string[] = [];
    let count = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        count++;
        const described = Object.entries(op.responses ?? {}).some(
          ([code, answer]) =>
            code.startsWith('2') &&
            (code === '204'
              ? answer.content === undefined && answer.description !== 'Default Response'
              : Object.values(answer.content ?? {}).some((media) => media.schema !== undefined)),
        );
        if (!described) undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(undescribed, 'operations without a described 2xx answer').toEqual([]);
  });

  it('gives the plan by the core’s schema', () => {
    const current = doc.paths['/api/v1/patients/{id}/current-plan']!.get!.responses!['200']!.content!;
    const text = JSON.stringify(current);
    for (const field of ['initialSeries', 'responseCurve', 'milestones', 'sources'])
      expect(text).toContain(field);
  });

  it('describes files by their own content type, bytes as binary', () => {
    const media = (method: string, path: string) => {
      const answers = success(method, path);
      expect(answers.length, `${path} has a 2xx answer`).toBe(1);
      return answers[0]![1].content ?? {};
    };
    const binary = { type: 'string', format: 'binary' };
    expect(media('get', '/api/v1/adverse-events/{id}/medwatch.pdf')).toEqual({
      'application/pdf': { schema: binary },
    });
    expect(Object.keys(media('get', '/api/v1/photos/{id}/image')).sort()).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
    ]);
    expect(media('get', '/api/v1/photos/{id}/image')['image/png']!.schema).toEqual(binary);
    expect(media('get', '/api/v1/photos/{id}/thumbnail')).toEqual({ 'image/jpeg': { schema: binary } });
    expect(media('get', '/api/v1/photos/{id}/side-by-side')).toEqual({ 'image/jpeg': { schema: binary } });
    expect(media('get', '/api/v1/lots/{id}/recipients.csv')).toEqual({
      'text/csv': { schema: { type: 'string' } },
    });
    expect(media('get', '/api/v1/ics/{tenant}/{token}')).toEqual({
      'text/calendar': { schema: { type: 'string' } },
    });
  });

  it('makes the answers without a body explicit 204s', () => {
    for (const [method, path] of [
      ['post', '/api/v1/auth/logout'],
      ['delete', '/api/v1/auth/tokens/{id}'],
    ] as const) {
      const answers = success(method, path);
      expect(answers.map(([code]) => code)).toEqual(['204']);
      expect(answers[0]![1].content).toBeUndefined();
    }
  });

  it('describes JSON answers field by field, enums and nullables included', () => {
    const schema = (method: string, path: string, code: string) =>
      operation(method, path).responses![code]!.content!['application/json']!.schema!;
    const appointment = JSON.stringify(schema('get', '/api/v1/appointments/{id}', '200'));
    for (const value of ['"checked-in"', '"no-show"', '"history"', '"timeZone"'])
      expect(appointment).toContain(value);
    const priceList = schema('get', '/api/v1/price-lists/{id}', '200') as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(priceList.properties).sort()).toEqual(
      ['createdAt', 'currency', 'entries', 'id', 'isExample', 'name'].sort(),
    );
    const session = JSON.stringify(schema('post', '/api/v1/sessions/{id}/sign', '200'));
    expect(session).toContain('"chart"');
    expect(session).toContain('"signed"');
  });

  // Every JSON answer is encoded through its described schema: these routes' answers are read back
  // whole here (the flow suites cover the others), so a field the schema left out would show.
  it('answers through the described schemas without losing a field, and sends 204s empty', async () => {
    const clinic = await seedClinic(t.db, 'Answers clinic');
    const owner = await signIn(app, clinic.emails.owner);

    const list = {
      name: 'Answers list',
      currency: 'USD',
      isExample: true,
      entries: [
        {
          treatment: 'exosome',
          indication: 'hair-loss',
          tier: 'premium',
          pricePerSession: 90_000,
          sources: ['S1'],
        },
        { treatment: 'prp', pricePerSession: 40_000 },
      ],
    };
    const created = await owner.send('POST', '/api/v1/price-lists', list);
    expect(created.statusCode).toBe(201);
    const { id, createdAt, ...rest } = created.json();
    expect(rest).toEqual(list);
    expect(typeof createdAt).toBe('number');
    const read = await owner.get(`/api/v1/price-lists/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created.json());

    const template = await owner.send('POST', '/api/v1/consent-templates', {
      title: 'Answers consent',
      body: 'I agree to the treatment. {{disclosures}}',
    });
    expect(template.statusCode).toBe(201);
    const v2 = await owner.send('POST', `/api/v1/consent-templates/${template.json().id}/versions`, {
      title: 'Answers consent',
      body: 'I agree to the treatment as explained. {{disclosures}}',
      basedOnVersion: 1,
    });
    expect(v2.statusCode).toBe(201);
    expect(Object.keys(v2.json()).sort()).toEqual([
      'body',
      'createdAt',
      'createdBy',
      'id',
      'title',
      'version',
    ]);
    expect(v2.json()).toMatchObject({ id: template.json().id, version: 2 });

    const session = await owner.get('/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ via: 'session', user: { role: 'owner', patientId: null } });
    expect(session.json().permissions).toContain('price-lists.write');

    const token = await owner.send('POST', '/api/v1/auth/tokens', {
      name: 'answers',
      scopes: ['price-lists.read'],
    });
    expect(token.statusCode).toBe(201);
    const revoked = await owner.send('DELETE', `/api/v1/auth/tokens/${token.json().id}`);
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    const out = await owner.send('POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    expect((await owner.get('/api/v1/auth/session')).statusCode).toBe(401);
  });
});
