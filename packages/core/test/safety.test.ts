import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSE_EVENT_TYPES, type EpochMs, isKnownSource } from '../src/index';
import { type AdverseEventReport, assessAdverseEvent } from '../src/safety/assess-adverse-event';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2027, 2, 1, 9, 0) as EpochMs; // session start
const at = (ms: number) => (T0 + ms) as EpochMs;

function report(over: Partial<AdverseEventReport> = {}): AdverseEventReport {
  return { typeId: 'redness', onsetAt: at(2 * HOUR), grade: 1, serious: false, resolvedAt: null, ...over };
}

function ok(r: ReturnType<typeof assessAdverseEvent>) {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.assessment;
}

describe('assessAdverseEvent: duration', () => {
  it('does not flag redness that settled within its expected 3 days', () => {
    const a = ok(assessAdverseEvent(report({ resolvedAt: at(2 * HOUR + 48 * HOUR) }), at(10 * DAY)));
    expect(a.ongoing).toBe(false);
    expect(a.durationHours).toBe(48);
    expect(a.expectedHours).toEqual({ min: 1, max: 72, sources: ['S3', 'S4', 'MN-SAFETY'] });
    expect(a.outlastsExpected).toBe(false);
    expect(a.flags).toEqual([]);
    expect(a.alert).toEqual({ immediate: false, reasons: [] });
    expect(a.needsReview).toBe(false);
  });

  it('flags ongoing redness once it has lasted longer than 72 hours, counted to now', () => {
    const onset = at(2 * HOUR);
    const atLimit = ok(assessAdverseEvent(report({ onsetAt: onset }), (onset + 72 * HOUR) as EpochMs));
    expect(atLimit.outlastsExpected).toBe(false);
    const past = ok(assessAdverseEvent(report({ onsetAt: onset }), (onset + 4 * DAY) as EpochMs));
    expect(past.ongoing).toBe(true);
    expect(past.durationHours).toBe(96);
    expect(past.outlastsExpected).toBe(true);
    expect(past.needsReview).toBe(true);
    expect(past.flags).toEqual([
      {
        code: 'outlasts-expected',
        message: 'Redness has lasted 4 days and is ongoing; it usually settles within 3 days',
        sources: ['S3', 'S4', 'MN-SAFETY'],
      },
    ]);
  });

  it('flags a resolved bruise that lasted 10 days (expected up to 7)', () => {
    const a = ok(
      assessAdverseEvent(report({ typeId: 'bruising', resolvedAt: at(2 * HOUR + 10 * DAY) }), at(20 * DAY)),
    );
    expect(a.outlastsExpected).toBe(true);
    expect(a.flags[0]!.message).toBe('Bruising has lasted 10 days; it usually settles within 7 days');
  });

  it('gives no expected duration for types where any occurrence needs action', () => {
    const a = ok(assessAdverseEvent(report({ typeId: 'tram-track-scarring' }), at(3 * DAY)));
    expect(a.expectedHours).toBeNull();
    expect(a.outlastsExpected).toBeNull();
    expect(a.flags.map((f) => f.code)).toEqual(['no-expected-duration']);
    expect(a.needsReview).toBe(true);
    expect(a.alert.immediate).toBe(false); // not an urgent type, grade 1, not serious
  });
});

describe('assessAdverseEvent: immediate alerts', () => {
  it('alerts at grade 3 and above, never below', () => {
    for (const grade of [1, 2, 3, 4, 5]) {
      const a = ok(assessAdverseEvent(report({ grade, serious: grade >= 4 }), at(DAY)));
      expect(a.alert.immediate).toBe(grade >= 3);
      expect(a.grade.grade).toBe(grade);
    }
    const g3 = ok(assessAdverseEvent(report({ grade: 3 }), at(DAY)));
    expect(g3.alert.reasons).toEqual([{ reason: 'CTCAE grade 3 (severe)', sources: ['CTCAE'] }]);
    expect(g3.grade).toEqual({
      grade: 3,
      name: 'Severe',
      meaning: 'Hospitalisation or medically significant.',
      sources: ['CTCAE'],
    });
  });

  it('alerts on a serious event of any grade', () => {
    const a = ok(assessAdverseEvent(report({ grade: 2, serious: true }), at(DAY)));
    expect(a.alert).toEqual({
      immediate: true,
      reasons: [{ reason: 'reported as serious', sources: ['FDA-MEDWATCH'] }],
    });
  });

  it('alerts on urgent types even at grade 1, with every reason listed', () => {
    const a = ok(assessAdverseEvent(report({ typeId: 'infection', grade: 3, serious: true }), at(DAY)));
    expect(a.alert.immediate).toBe(true);
    expect(a.alert.reasons.map((r) => r.reason)).toEqual([
      'CTCAE grade 3 (severe)',
      'reported as serious',
      'Infection at the site always needs an immediate clinician review',
    ]);
    const mild = ok(assessAdverseEvent(report({ typeId: 'allergic-reaction', grade: 1 }), at(HOUR * 3)));
    expect(mild.alert.immediate).toBe(true);
    for (const t of ADVERSE_EVENT_TYPES) {
      const x = ok(assessAdverseEvent(report({ typeId: t.id }), at(DAY)));
      expect(x.alert.immediate).toBe(t.urgent === true);
    }
  });

  it('reminds that grade 4 and 5 events are serious by definition', () => {
    const a = ok(assessAdverseEvent(report({ grade: 4, serious: false }), at(DAY)));
    expect(a.flags.find((f) => f.code === 'serious-implied')!.message).toBe(
      'a grade 4 event (life-threatening) is a serious adverse event by definition; mark it serious',
    );
    const marked = ok(assessAdverseEvent(report({ grade: 4, serious: true }), at(DAY)));
    expect(marked.flags.some((f) => f.code === 'serious-implied')).toBe(false);
  });
});

describe('assessAdverseEvent: delayed onset', () => {
  it('notes a granuloma 30 days after the linked session as within the 14–90-day window', () => {
    const a = ok(
      assessAdverseEvent(
        report({ typeId: 'delayed-granuloma', onsetAt: at(30 * DAY + 5 * HOUR), grade: 2, sessionAt: T0 }),
        at(31 * DAY),
      ),
    );
    expect(a.delayedOnset).toEqual({
      daysAfterSession: 30,
      window: { min: 14, max: 90 },
      inWindow: true,
      note: 'onset 30 days after the linked session, within the 14–90 days in which delayed granuloma is reported',
      sources: ['EXO-AE-REPORTS'],
    });
    expect(a.flags.map((f) => f.code)).toEqual(['no-expected-duration', 'delayed-onset']);
    expect(a.alert.immediate).toBe(true); // urgent type
  });

  it('says so when the onset falls outside the known window, at both ends', () => {
    const early = ok(
      assessAdverseEvent(
        report({ typeId: 'delayed-granuloma', onsetAt: at(5 * DAY), sessionAt: T0 }),
        at(6 * DAY),
      ),
    );
    expect(early.delayedOnset).toMatchObject({ daysAfterSession: 5, inWindow: false });
    expect(early.flags.map((f) => f.code)).toContain('onset-outside-known-window');
    const late = ok(
      assessAdverseEvent(
        report({ typeId: 'delayed-granuloma', onsetAt: at(120 * DAY), sessionAt: T0 }),
        at(121 * DAY),
      ),
    );
    expect(late.delayedOnset).toMatchObject({ daysAfterSession: 120, inWindow: false });
    for (const d of [14, 90]) {
      const edge = ok(
        assessAdverseEvent(
          report({ typeId: 'delayed-granuloma', onsetAt: at(d * DAY), sessionAt: T0 }),
          at(200 * DAY),
        ),
      );
      expect(edge.delayedOnset!.inWindow).toBe(true);
    }
  });

  it('adds no delayed-onset note for types without an onset window or without a linked session', () => {
    expect(ok(assessAdverseEvent(report({ sessionAt: T0 }), at(DAY))).delayedOnset).toBeNull();
    expect(
      ok(assessAdverseEvent(report({ typeId: 'delayed-granuloma', sessionAt: null }), at(DAY))).delayedOnset,
    ).toBeNull();
  });
});

describe('assessAdverseEvent: validation', () => {
  it('refuses grades outside 1–5 or not whole', () => {
    for (const grade of [0, 6, 2.5, -1, Number.NaN]) {
      const r = assessAdverseEvent(report({ grade }), at(DAY));
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.problems).toEqual([
          { path: 'grade', message: `CTCAE grade must be a whole number from 1 to 5; got ${grade}` },
        ]);
    }
  });

  it('refuses impossible dates: onset in the future, resolution before onset or in the future, onset before the session', () => {
    const cases: [Partial<AdverseEventReport>, string, string][] = [
      [{ onsetAt: at(2 * DAY) }, 'onsetAt', 'the onset cannot be in the future'],
      [
        { onsetAt: at(10 * HOUR), resolvedAt: at(5 * HOUR) },
        'resolvedAt',
        'the event cannot resolve before its onset',
      ],
      [{ resolvedAt: at(3 * DAY) }, 'resolvedAt', 'the resolution cannot be in the future'],
      [{ onsetAt: at(HOUR), sessionAt: at(2 * HOUR) }, 'sessionAt', 'the onset is before the linked session'],
      [{ onsetAt: 1.5 as EpochMs }, 'onsetAt', 'must be an instant in epoch milliseconds'],
    ];
    for (const [over, path, message] of cases) {
      expect(assessAdverseEvent(report(over), at(DAY))).toEqual({ ok: false, problems: [{ path, message }] });
    }
    expect(assessAdverseEvent(report(), Number.NaN as EpochMs)).toEqual({
      ok: false,
      problems: [{ path: 'now', message: 'must be an instant in epoch milliseconds' }],
    });
  });

  it('refuses an unknown type and reports every problem at once', () => {
    const r = assessAdverseEvent(report({ typeId: 'hiccups', grade: 9, onsetAt: at(5 * DAY) }), at(DAY));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(['typeId', 'grade', 'onsetAt']);
  });
});

describe('assessAdverseEvent properties', () => {
  it('alerts exactly when grade ≥ 3, serious or an urgent type; cites only known sources', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ADVERSE_EVENT_TYPES),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 200 * 24 }),
        fc.option(fc.integer({ min: 0, max: 200 * 24 }), { nil: null }),
        (type, grade, serious, onsetHours, lastsHours) => {
          const onsetAt = at(onsetHours * HOUR);
          const resolvedAt = lastsHours === null ? null : ((onsetAt + lastsHours * HOUR) as EpochMs);
          const now = at((onsetHours + 400 * 24) * HOUR);
          const a = ok(
            assessAdverseEvent({ typeId: type.id, onsetAt, grade, serious, resolvedAt, sessionAt: T0 }, now),
          );
          expect(a.alert.immediate).toBe(grade >= 3 || serious || type.urgent === true);
          if (type.expectedHours) {
            expect(a.outlastsExpected).toBe(a.durationHours > type.expectedHours.max);
          } else expect(a.outlastsExpected).toBeNull();
          expect(a.sources.filter((s) => !isKnownSource(s))).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
