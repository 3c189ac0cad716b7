import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { DEFAULT_CONSENT_TEMPLATE } from '../../src/consents/fill-template';
import { aPatient, type Caller } from './clinic';
import { aProduct, skinProfile } from './profiles';

/** A settable clock for the records tests (screening age, lot expiry, overdue adverse events). */
export function testClock(start = Date.parse('2027-03-01T14:00:00Z')) {
  let now = start;
  return {
    clock: () => now as never,
    now: () => now,
    set: (t: number) => {
      now = t;
    },
    advanceDays: (d: number) => {
      now += d * 86_400_000;
    },
  };
}

export interface TreatablePlan {
  patientId: string;
  consultationId: string;
  planId: string;
  productId: string;
  lotId: string;
  consentId: string;
}

export async function created(res: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const r = await res;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json() as Record<string, unknown> & { id: string };
}

/** Patient → consultation (with a product) → accepted plan → witnessed consent, ready to check in. */
export async function treatablePlan(
  owner: Caller,
  opts: {
    patient?: Record<string, unknown>;
    profile?: Record<string, unknown>;
    productId?: string;
    lot?: { lotNumber: string; expiresOn: string; quantity: number };
    templateId?: string;
    consent?: boolean;
    patientId?: string;
  } = {},
): Promise<TreatablePlan> {
  const V = '/api/v1';
  const patient = opts.patientId
    ? { id: opts.patientId }
    : await created(owner.send('POST', `${V}/patients`, aPatient(opts.patient ?? {})));
  const productId = opts.productId ?? (await created(owner.send('POST', `${V}/products`, aProduct()))).id;
  const lot = await created(
    owner.send(
      'POST',
      `${V}/products/${productId}/lots`,
      opts.lot ?? {
        lotNumber: `L-${Math.random().toString(36).slice(2, 8)}`,
        expiresOn: '2031-01-31',
        quantity: 10,
      },
    ),
  );
  const consultation = await created(
    owner.send('POST', `${V}/patients/${patient.id}/consultations`, {
      profile: opts.profile ?? skinProfile(),
      productId,
    }),
  );
  const plan = await created(owner.send('POST', `${V}/consultations/${consultation.id}/plans`, {}));
  await created(owner.send('POST', `${V}/plans/${plan.id}/accept`, { version: 1 }));
  const templateId =
    opts.templateId ??
    (await created(owner.send('POST', `${V}/consent-templates`, DEFAULT_CONSENT_TEMPLATE))).id;
  const consent = await created(owner.send('POST', `${V}/plans/${plan.id}/consents`, { templateId }));
  if (opts.consent !== false) {
    const p = (await owner.get(`${V}/patients/${patient.id}`)).json();
    await created(
      owner.send('POST', `${V}/consents/${consent.id}/sign`, { typedName: `${p.givenName} ${p.familyName}` }),
    );
  }
  return {
    patientId: patient.id,
    consultationId: consultation.id,
    planId: plan.id,
    productId,
    lotId: lot.id,
    consentId: consent.id,
  };
}

export const aChart = (productId: string, lotId: string, over: Record<string, unknown> = {}) => ({
  products: [
    {
      productId,
      lotId,
      quantity: 1,
      volumeMl: 2,
      route: 'topical-after-needling',
      areas: [{ areaId: 'cheek', side: 'both' }],
    },
  ],
  areas: [{ areaId: 'face-full' }, { areaId: 'cheek', side: 'both' }],
  device: { device: 'Dermapen 4', needleDepthMm: 0.5, passes: 3 },
  notes: 'Tolerated well.',
  ...over,
});

export async function stockOf(app: FastifyInstance, caller: Caller, productId: string, lotId: string) {
  void app;
  const lots = (await caller.get(`/api/v1/products/${productId}/lots`)).json().items as {
    id: string;
    quantity: number;
  }[];
  return lots.find((l) => l.id === lotId)?.quantity;
}
