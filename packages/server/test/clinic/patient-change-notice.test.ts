import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clinicPatch, PATIENT_CHANGE_NOTICE_LIMITS } from '../../src/clinic/schemas';

// The clinic's notice period is a whole number of hours from none to a week: every such number is
// taken as it is, anything else is refused at that field.

describe('the patient change notice a clinic may set', () => {
  const { min, max } = PATIENT_CHANGE_NOTICE_LIMITS;

  it('takes every whole number of hours from 0 to 168, unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min, max }), (hours) => {
        const parsed = clinicPatch.safeParse({ patientChangeNoticeHours: hours });
        expect(parsed.success && parsed.data.patientChangeNoticeHours).toBe(hours);
      }),
    );
  });

  it('refuses negative, longer than a week, fractional and non-numeric values, naming the field', () => {
    const bad = fc.oneof(
      fc.integer({ max: min - 1 }),
      fc.integer({ min: max + 1 }),
      fc.double({ min, max, noNaN: true }).filter((h) => !Number.isInteger(h)),
      fc.constantFrom('24', null, true, Number.NaN, Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(bad, (value) => {
        const parsed = clinicPatch.safeParse({ patientChangeNoticeHours: value });
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['patientChangeNoticeHours']);
      }),
    );
  });
});
