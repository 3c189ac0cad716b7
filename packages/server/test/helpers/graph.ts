import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { DEFAULT_CONSENT_TEMPLATE } from '../../src/consents/fill-template';
import { aPatient, type Caller, type SeededClinic, signIn } from './clinic';
import { aPriceList, aProduct, skinProfile } from './profiles';
import { buildRecordsGraph } from './records-routes';
import { buildSchedulingGraph } from './scheduling-routes';

export interface ClinicGraph {
  owner: Caller;
  /** The clinic's portal patient, for the routes only a patient may call. */
  patient: Caller;
  /** One id of each kind, keyed by the route segment that names it. */
  ids: Record<string, string>;
  priceListId: string;
  templateId: string;
}

/** One record of every kind in a clinic, made through the API as its owner. */
export async function buildClinicGraph(app: FastifyInstance, clinic: SeededClinic): Promise<ClinicGraph> {
  const owner = await signIn(app, clinic.emails.owner);
  const made = async (method: 'POST', url: string, body?: unknown) => {
    const res = await owner.send(method, url, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
    return res.json().id as string;
  };
  const productId = await made('POST', '/api/v1/products', aProduct());
  await made('POST', `/api/v1/products/${productId}/lots`, {
    lotNumber: 'B-1',
    expiresOn: '2031-01-01',
    quantity: 5,
  });
  const priceListId = await made('POST', '/api/v1/price-lists', aPriceList());
  const templateId = await made('POST', '/api/v1/consent-templates', DEFAULT_CONSENT_TEMPLATE);
  const locationId = await made('POST', '/api/v1/locations', { name: 'Annex', timeZone: 'Europe/London' });
  const patientId = await made('POST', '/api/v1/patients', aPatient());
  const consultationId = await made('POST', `/api/v1/patients/${patientId}/consultations`, {
    profile: skinProfile(),
    productId,
  });
  const planId = await made('POST', `/api/v1/consultations/${consultationId}/plans`, {});
  const quoteId = await made('POST', `/api/v1/plans/${planId}/quotes`, { priceListId });
  const consentId = await made('POST', `/api/v1/plans/${planId}/consents`, { templateId });
  const users = (await owner.get('/api/v1/users')).json().items as { id: string; role: string }[];
  const tokenId = await made('POST', '/api/v1/auth/tokens', {
    name: 'b-integration',
    scopes: ['patients.read'],
  });
  const records = await buildRecordsGraph(app, clinic, owner);
  const scheduling = await buildSchedulingGraph(app, clinic, owner);
  return {
    owner,
    patient: await signIn(app, clinic.emails.patient),
    priceListId,
    templateId,
    ids: {
      patients: patientId,
      consultations: consultationId,
      plans: planId,
      quotes: quoteId,
      consents: consentId,
      products: productId,
      'price-lists': priceListId,
      locations: locationId,
      users: users.find((u) => u.role === 'front_desk')!.id,
      'consent-templates': templateId,
      auth: tokenId,
      ...records,
      ...scheduling,
    },
  };
}
