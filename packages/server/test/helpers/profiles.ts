/** A consultation profile as a client sends it (the clinic's jurisdiction fills in when absent). */
export function skinProfile(patient: Record<string, unknown> = {}, over: Record<string, unknown> = {}) {
  return {
    indication: 'skin-rejuvenation',
    modality: 'microneedling-topical',
    severity: 'moderate',
    areaSize: 'medium',
    goal: 'moderate',
    startDate: '2027-03-01',
    patient: {
      age: 44,
      sex: 'female',
      pregnant: false,
      breastfeeding: false,
      allergies: [],
      activeInfection: false,
      autoimmune: false,
      keloidHistory: false,
      fitzpatrick: 3,
      conditions: [],
      ...patient,
    },
    ...over,
  };
}

/** A knee consultation (chronic joint pain, intra-articular injection), built like `skinProfile`. */
export function kneeProfile(patient: Record<string, unknown> = {}, over: Record<string, unknown> = {}) {
  return skinProfile(patient, {
    indication: 'joint',
    modality: 'intra-articular-injection',
    chronicity: 'chronic',
    ...over,
  });
}

export const aProduct = (over: Record<string, unknown> = {}) => ({
  name: 'Cord-derived exosome serum',
  supplier: 'Example Biologics',
  origin: 'human-umbilical-cord-msc',
  registrations: [{ jurisdiction: 'US', registration: 'unregistered', routes: ['topical'] }],
  components: ['exosomes', 'hyaluronic acid'],
  ...over,
});

export const aPriceList = () => ({
  name: 'House prices',
  currency: 'USD',
  entries: [
    { treatment: 'exosome', pricePerSession: 120_000 },
    { treatment: 'exosome', indication: 'skin-rejuvenation', areaSize: 'medium', pricePerSession: 95_000 },
    { treatment: 'prp', pricePerSession: 60_000 },
  ],
});
