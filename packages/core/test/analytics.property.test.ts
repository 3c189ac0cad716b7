import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proportionInterval } from '../src/analytics/proportion-interval';
import { summariseAdverseEventRates } from '../src/analytics/summarise-outcomes';

const countsArb = fc
  .integer({ min: 1, max: 5000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe('Wilson interval properties', () => {
  it('contains the point estimate and lies in [0, 1]', () => {
    fc.assert(
      fc.property(countsArb, ([x, n]) => {
        const r = proportionInterval(x, n);
        expect(r.lower).toBeGreaterThanOrEqual(0);
        expect(r.upper).toBeLessThanOrEqual(1);
        expect(r.lower).toBeLessThanOrEqual(r.estimate!);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate!);
        expect(r.upper - r.lower).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('narrows as n grows for a fixed proportion', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 60 })
          .chain((m) => fc.tuple(fc.integer({ min: 0, max: m }), fc.constant(m))),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        ([k, m], a, b) => {
          fc.pre(a !== b);
          const [small, large] = a < b ? [a, b] : [b, a];
          const w = (c: number) => {
            const r = proportionInterval(k * c, m * c);
            return r.upper - r.lower;
          };
          expect(w(large)).toBeLessThan(w(small));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is symmetric: the interval for n − x events mirrors the one for x', () => {
    fc.assert(
      fc.property(countsArb, ([x, n]) => {
        const r = proportionInterval(x, n);
        const m = proportionInterval(n - x, n);
        expect(m.lower).toBeCloseTo(1 - r.upper, 12);
        expect(m.upper).toBeCloseTo(1 - r.lower, 12);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('adverse-event rate properties', () => {
  it('never counts more affected sessions than exposures, nor a lot above its product', () => {
    const exposureArb = fc.array(
      fc.record({
        sessionId: fc.integer({ min: 0, max: 30 }).map((i) => `s${i}`),
        productId: fc.constantFrom('P1', 'P2'),
        lot: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 60 },
    );
    const eventArb = fc.array(
      fc.record({
        eventId: fc.integer({ min: 0, max: 40 }).map((i) => `e${i}`),
        sessionId: fc.integer({ min: 0, max: 35 }).map((i) => `s${i}`),
        lotId: fc.option(fc.constantFrom('P1-1', 'P1-2', 'P2-1', 'P2-3'), { nil: null }),
        serious: fc.boolean(),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(exposureArb, eventArb, (raw, events) => {
        const exposures = raw.map((e) => ({
          sessionId: e.sessionId,
          productId: e.productId,
          lotId: `${e.productId}-${e.lot}`,
        }));
        const r = summariseAdverseEventRates(exposures, events);
        for (const x of [...r.byProduct, ...r.byLot]) {
          expect(x.affectedSessions).toBeLessThanOrEqual(x.exposures);
          expect(x.seriousEvents).toBeLessThanOrEqual(x.events);
        }
        for (const lot of r.byLot) {
          const product = r.byProduct.find((p) => p.productId === lot.productId)!;
          expect(lot.exposures).toBeLessThanOrEqual(product.exposures);
          expect(lot.affectedSessions).toBeLessThanOrEqual(product.affectedSessions);
          expect(lot.events).toBeLessThanOrEqual(product.events);
        }
        // Independently: an event is unattributed exactly when none of its rows matches an exposure.
        const matches = (row: (typeof events)[number]) =>
          exposures.some(
            (e) => e.sessionId === row.sessionId && (row.lotId === null || e.lotId === row.lotId),
          );
        const ids = [...new Set(events.map((e) => e.eventId))];
        const attributed = ids.filter((id) => events.some((e) => e.eventId === id && matches(e)));
        expect(r.unattributedEvents).toEqual(ids.filter((id) => !attributed.includes(id)).sort());
        // Every attributed event is counted for at least one product, and no product counts more.
        const perProduct = r.byProduct.map((p) => p.events);
        expect(perProduct.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(attributed.length);
        for (const n of perProduct) expect(n).toBeLessThanOrEqual(attributed.length);
      }),
      { numRuns: 500 },
    );
  });
});
