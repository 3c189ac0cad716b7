import fc from 'fast-check';
import { INDICATIONS, PROTOCOLS } from '../src/catalog/index';
import {
  type ConsultationProfile,
  consultationProfileSchema,
  JURISDICTIONS,
  PRODUCT_ORIGINS,
  REGISTRATIONS,
  ROUTES,
} from '../src/profile';

/** A local date between 2020 and 2035 as YYYY-MM-DD. */
export const localDateArb = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const patientArb = fc.record({
  age: fc.integer({ min: 0, max: 110 }),
  sex: fc.constantFrom('female', 'male', 'other'),
  pregnant: fc.boolean(),
  breastfeeding: fc.boolean(),
  allergies: fc.array(fc.constantFrom('lidocaine', 'penicillin', 'latex', 'hyaluronic acid', 'nuts'), {
    maxLength: 3,
  }),
  activeInfection: fc.boolean(),
  autoimmune: fc.boolean(),
  keloidHistory: fc.boolean(),
  fitzpatrick: fc.integer({ min: 1, max: 6 }),
  conditions: fc.array(
    fc.constantFrom('rosacea', 'psoriasis', 'bleeding disorder', 'asthma', 'active cancer'),
    {
      maxLength: 2,
    },
  ),
});

/** A healthy adult: screening finds nothing. */
export const healthyPatientArb = patientArb.map((p) => ({
  ...p,
  age: 18 + (p.age % 70),
  pregnant: false,
  breastfeeding: false,
  allergies: [],
  activeInfection: false,
  autoimmune: false,
  keloidHistory: false,
  fitzpatrick: Math.min(p.fitzpatrick, 3),
  conditions: [],
}));

export const productArb = fc.record(
  {
    origin: fc.constantFrom(...PRODUCT_ORIGINS),
    registration: fc.constantFrom(...REGISTRATIONS),
    routes: fc.uniqueArray(fc.constantFrom(...ROUTES), { maxLength: 3 }),
    indNumber: fc.constantFrom('IND 012345', 'IND 999999'),
  },
  { requiredKeys: ['origin', 'registration', 'routes'] },
);

/** Any profile the schema accepts whose ids agree with the catalog; protocol bookable when given. */
export function profileArb(patient = patientArb): fc.Arbitrary<ConsultationProfile> {
  return fc
    .record({
      indication: fc.constantFrom(...INDICATIONS),
      modalityPick: fc.nat(),
      protocolPick: fc.option(fc.nat(), { nil: undefined }),
      severity: fc.constantFrom('mild', 'moderate', 'severe'),
      areaSize: fc.constantFrom('small', 'medium', 'large'),
      goal: fc.constantFrom('subtle', 'moderate', 'dramatic'),
      combinedWith: fc.uniqueArray(fc.constantFrom('microneedling', 'radiofrequency', 'laser', 'prp'), {
        maxLength: 2,
      }),
      chronicity: fc.option(fc.constantFrom('acute', 'chronic'), { nil: undefined }),
      health: fc.option(fc.constantFrom('good', 'fair', 'poor'), { nil: undefined }),
      startDate: localDateArb,
      jurisdiction: fc.constantFrom(...JURISDICTIONS),
      product: fc.option(productArb, { nil: undefined }),
      patient,
    })
    .map(({ indication, modalityPick, protocolPick, ...rest }) => {
      const modality = indication.modalities[modalityPick % indication.modalities.length]!;
      const bookable = PROTOCOLS.filter(
        (p) =>
          p.indication === indication.id &&
          p.initialSeries !== null &&
          (p.modalities.length === 0 || p.modalities.includes(modality)),
      );
      const protocol = protocolPick === undefined ? undefined : bookable[protocolPick % bookable.length]?.id;
      const raw = {
        ...rest,
        indication: indication.id,
        modality,
        ...(protocol ? { protocol } : {}),
      };
      for (const k of ['chronicity', 'health', 'product'] as const) if (raw[k] === undefined) delete raw[k];
      return consultationProfileSchema.parse(raw);
    });
}

export const BASE_PROFILE = {
  indication: 'hair-loss',
  modality: 'scalp-injection',
  protocol: 'hair-loss/S1',
  severity: 'moderate',
  areaSize: 'large',
  goal: 'subtle',
  combinedWith: ['microneedling'],
  startDate: '2027-01-11',
  jurisdiction: 'US',
  product: { origin: 'human-umbilical-cord-msc', registration: 'unregistered', routes: ['topical'] },
  patient: {
    age: 41,
    sex: 'female',
    pregnant: false,
    breastfeeding: false,
    allergies: [],
    activeInfection: false,
    autoimmune: false,
    keloidHistory: false,
    fitzpatrick: 3,
    conditions: [],
  },
} as const;

export function profile(overrides: Record<string, unknown> = {}, patient: Record<string, unknown> = {}) {
  return consultationProfileSchema.parse({
    ...BASE_PROFILE,
    ...overrides,
    patient: { ...BASE_PROFILE.patient, ...patient },
  });
}
