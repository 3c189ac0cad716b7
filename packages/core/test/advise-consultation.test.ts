import { describe, expect, it } from 'vitest';
import { adviseConsultation } from '../src/index';
import { profile } from './arbitraries';

const OVERRIDE = {
  by: 'Dr. Example',
  reason: 'Patient is 2 weeks post-partum and not breastfeeding; confirmed.',
};

describe('adviseConsultation', () => {
  it('gives a plan to an eligible patient', () => {
    const a = adviseConsultation(profile());
    expect(a.screening.verdict).toBe('eligible');
    expect(a.bookable).toBe(true);
    expect(a.plan).not.toBeNull();
  });

  it('gives no plan to a contraindicated patient, and says why', () => {
    const a = adviseConsultation(profile({}, { age: 16 }));
    expect(a.screening.verdict).toBe('contraindicated');
    expect(a.plan).toBeNull();
    expect(a.bookable).toBe(false);
    expect(a.blockedBy).toEqual(['screening:contraindicated']);
  });

  it('gives no plan to a deferred patient (pregnancy) without an override', () => {
    const a = adviseConsultation(profile({}, { pregnant: true }));
    expect(a.screening.verdict).toBe('defer');
    expect(a.plan).toBeNull();
  });

  it('keeps the override on the plan when a practitioner overrides with a reason', () => {
    const a = adviseConsultation(profile({}, { pregnant: true }), { override: OVERRIDE });
    expect(a.plan).not.toBeNull();
    expect(a.plan!.override).toEqual({ ...OVERRIDE, overrides: ['screening:defer'] });
    expect(a.blockedBy).toEqual(['screening:defer']);
  });

  it('does not record an override when nothing needed overriding', () => {
    const a = adviseConsultation(profile(), { override: OVERRIDE });
    expect(a.plan!.override).toBeNull();
  });

  it('blocks a Korean cosmetic that would be injected', () => {
    const a = adviseConsultation(
      profile({
        jurisdiction: 'KR',
        product: { origin: 'plant', registration: 'cosmetic', routes: ['topical'] },
      }),
    );
    expect(a.regulatory!.decision).toBe('block');
    expect(a.plan).toBeNull();
    expect(a.blockedBy).toContain('regulatory:block');
  });

  it('carries the regulatory disclosures for the consent', () => {
    const a = adviseConsultation(profile());
    expect(a.disclosures.map((d) => d.id)).toEqual(
      expect.arrayContaining(['regulatory-status', 'fda-not-approved']),
    );
  });
});
