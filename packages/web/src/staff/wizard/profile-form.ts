import {
  type ConsultationProfile,
  type Product as CoreProduct,
  findIndication,
  type IndicationId,
  type ModalityId,
  parseConsultationProfile,
} from '@exoclinic/core';
import type { Patient, Product } from '../../api/types';
import { ageOn, clinicLocale } from '../../lib/format';

export type Jurisdiction = 'US' | 'KR' | 'EU' | 'UK';

/** Everything the wizard's profile step edits, as form values. */
export interface ProfileForm {
  indication: IndicationId;
  modality: ModalityId;
  protocol: string | null;
  severity: 'mild' | 'moderate' | 'severe';
  areaSize: 'small' | 'medium' | 'large';
  goal: 'subtle' | 'moderate' | 'dramatic';
  combinedWith: ('microneedling' | 'radiofrequency' | 'laser' | 'prp')[];
  chronicity: '' | 'acute' | 'chronic';
  health: '' | 'good' | 'fair' | 'poor';
  startDate: string;
  jurisdiction: Jurisdiction;
  productId: string | null;
  pregnant: boolean;
  breastfeeding: boolean;
  allergies: string[];
  activeInfection: boolean;
  autoimmune: boolean;
  keloidHistory: boolean;
  fitzpatrick: string;
  conditions: string[];
}

const JURISDICTION_BY_CURRENCY: Record<string, Jurisdiction> = { USD: 'US', KRW: 'KR', GBP: 'UK', EUR: 'EU' };

export function initialForm(startDate: string): ProfileForm {
  const indication: IndicationId = 'skin-rejuvenation';
  return {
    indication,
    modality: findIndication(indication)?.modalities[0] ?? 'microneedling-topical',
    protocol: null,
    severity: 'moderate',
    areaSize: 'medium',
    goal: 'moderate',
    combinedWith: [],
    chronicity: '',
    health: '',
    startDate,
    jurisdiction: JURISDICTION_BY_CURRENCY[clinicLocale().currency] ?? 'US',
    productId: null,
    pregnant: false,
    breastfeeding: false,
    allergies: [],
    activeInfection: false,
    autoimmune: false,
    keloidHistory: false,
    fitzpatrick: '3',
    conditions: [],
  };
}

/** The product as the core sees it: its registration in the consultation's jurisdiction (as the server does). */
export function coreProduct(product: Product, jurisdiction: Jurisdiction): CoreProduct {
  const reg = product.registrations.find((r) => r.jurisdiction === jurisdiction);
  return {
    name: product.name,
    origin: product.origin as CoreProduct['origin'],
    registration: reg?.registration ?? 'unregistered',
    routes: (reg?.routes ?? []) as CoreProduct['routes'],
    ...(reg?.indNumber && { indNumber: reg.indNumber }),
    ...(product.components.length > 0 && { components: product.components }),
  };
}

/** The profile sent to the API: identity-free; the product travels as `productId`. */
export function apiProfile(form: ProfileForm, patient: Patient): Record<string, unknown> {
  return {
    indication: form.indication,
    modality: form.modality,
    ...(form.protocol && { protocol: form.protocol }),
    severity: form.severity,
    areaSize: form.areaSize,
    goal: form.goal,
    ...(form.combinedWith.length > 0 && { combinedWith: form.combinedWith }),
    ...(form.chronicity && { chronicity: form.chronicity }),
    ...(form.health && { health: form.health }),
    startDate: form.startDate,
    jurisdiction: form.jurisdiction,
    patient: {
      age: /^\d{4}-\d{2}-\d{2}$/.test(form.startDate) ? ageOn(patient.dateOfBirth, form.startDate) : 0,
      sex: patient.sex,
      pregnant: form.pregnant,
      breastfeeding: form.breastfeeding,
      allergies: form.allergies,
      activeInfection: form.activeInfection,
      autoimmune: form.autoimmune,
      keloidHistory: form.keloidHistory,
      fitzpatrick: Number(form.fitzpatrick),
      conditions: form.conditions,
    },
  };
}

/** The whole profile for the core's live preview, product included; or the bad fields. */
export function previewProfile(
  form: ProfileForm,
  patient: Patient,
  products: Product[],
): { ok: true; value: ConsultationProfile } | { ok: false; problems: { path: string; message: string }[] } {
  const product = form.productId ? products.find((p) => p.id === form.productId) : undefined;
  const raw = {
    ...apiProfile(form, patient),
    ...(product && { product: coreProduct(product, form.jurisdiction) }),
  };
  return parseConsultationProfile(raw);
}
