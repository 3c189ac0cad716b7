import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/clinic';
import { createTestDatabase, type TestDatabase } from '../helpers/engines';

// An integrator reads the answers from the OpenAPI document: these operations must describe theirs.
const DESCRIBED = [
  'POST /api/v1/patients/{id}/consultations',
  'GET /api/v1/patients/{id}/consultations',
  'GET /api/v1/consultations/{id}',
  'POST /api/v1/consultations/{id}/plans',
  'GET /api/v1/plans/{id}',
  'GET /api/v1/plans/{id}/versions',
  'POST /api/v1/plans/{id}/versions',
  'POST /api/v1/plans/{id}/accept',
  'GET /api/v1/patients/{id}/plans',
  'GET /api/v1/patients/{id}/current-plan',
  'POST /api/v1/patients',
  'GET /api/v1/patients',
];

describe('OpenAPI answers', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('describes the 2xx body of the consultation, plan and patient operations, the plan by the core’s schema', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
      >;
    };
    for (const op of DESCRIBED) {
      const [method, path] = op.split(' ') as [string, string];
      const responses = doc.paths[path]?.[method.toLowerCase()]?.responses ?? {};
      const ok = Object.entries(responses).find(([code, r]) => code.startsWith('2') && r.content);
      expect(ok, `${op} describes no 2xx body`).toBeDefined();
    }
    const current = doc.paths['/api/v1/patients/{id}/current-plan']!.get!.responses!['200']!.content!;
    const text = JSON.stringify(current);
    for (const field of ['initialSeries', 'responseCurve', 'milestones', 'sources'])
      expect(text).toContain(field);
  });
});
