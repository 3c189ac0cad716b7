import { DEFAULT_CONSENT_TEMPLATE } from '../../src/consents/fill-template';
import { aPatient } from './clinic';
import { INVITATION_EXAMPLE_BODIES } from './invitation-routes';
import { aPriceList, aProduct, skinProfile } from './profiles';
import { RECORDS_EXAMPLE_BODIES } from './records-routes';
import { SCHEDULING_EXAMPLE_BODIES } from './scheduling-routes';

/** `/api/v1/patients/:id` → `/api/v1/patients/{id}`, the OpenAPI spelling. */
export const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** The first segment after /api/v1 names the kind of id a route's `{id}` is. */
export const idKind = (path: string) => path.replace('/api/v1/', '').split('/')[0]!;

/**
 * A valid body for every route that takes one; ids inside bodies come from `own` (the caller's
 * clinic) so that only the path id can make the call fail.
 */
export function exampleBody(key: string, own: { priceListId: string; templateId: string }): unknown {
  const bodies: Record<string, unknown> = {
    'POST /api/v1/auth/login': { email: 'x@example.org', password: 'xxxxxxxxxx' },
    'POST /api/v1/auth/tokens': { name: 'integration', scopes: ['patients.read'] },
    'POST /api/v1/patients': aPatient(),
    'PATCH /api/v1/patients/{id}': { address: '2 Side St' },
    'POST /api/v1/patients/{id}/consultations': { profile: skinProfile() },
    'POST /api/v1/consultations/{id}/plans': {},
    'POST /api/v1/plans/{id}/versions': {
      basedOnVersion: 1,
      reason: 'Longer spacing suits the patient better',
    },
    'POST /api/v1/plans/{id}/accept': { version: 1 },
    'POST /api/v1/plans/{id}/withdraw': { reason: 'The patient decided against treatment' },
    'POST /api/v1/plans/{id}/quotes': { priceListId: own.priceListId },
    'POST /api/v1/plans/{id}/consents': { templateId: own.templateId },
    'POST /api/v1/consents/{id}/sign': { typedName: 'Portal Patient' },
    'POST /api/v1/consents/{id}/witness': undefined,
    'POST /api/v1/consent-templates': DEFAULT_CONSENT_TEMPLATE,
    'POST /api/v1/consent-templates/{id}/versions': { ...DEFAULT_CONSENT_TEMPLATE, basedOnVersion: 1 },
    'POST /api/v1/products': aProduct(),
    'PUT /api/v1/products/{id}': aProduct({ name: 'Renamed' }),
    'POST /api/v1/products/{id}/lots': { lotNumber: 'L-0001', expiresOn: '2030-01-31', quantity: 10 },
    'POST /api/v1/price-lists': aPriceList(),
    'POST /api/v1/locations': { name: 'Annex', timeZone: 'Europe/Paris' },
    'PATCH /api/v1/locations/{id}': { name: 'Renamed' },
    'POST /api/v1/users': {
      email: 'new.user@example.org',
      displayName: 'New',
      role: 'front_desk',
      password: 'long enough pw',
    },
    'PATCH /api/v1/users/{id}': { displayName: 'Renamed' },
    'PATCH /api/v1/clinic': { phone: '+1 555-0199' },
    'POST /api/v1/auth/logout': undefined,
    'DELETE /api/v1/auth/tokens/{id}': undefined,
    'PUT /api/v1/settings/protocols': { indications: {} },
    ...RECORDS_EXAMPLE_BODIES,
    ...INVITATION_EXAMPLE_BODIES,
    ...SCHEDULING_EXAMPLE_BODIES,
  };
  if (!(key in bodies)) throw new Error(`no example body for ${key}: add one in test/helpers/routes.ts`);
  return bodies[key];
}

export const needsBody = (method: string) =>
  method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
