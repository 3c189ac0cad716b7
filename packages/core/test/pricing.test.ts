import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownSource } from '../src/catalog/sources';
import {
  type CourseQuote,
  countSessionsWithin,
  EXAMPLE_PRICE_LISTS,
  findPrice,
  formatMoney,
  type PeriodEstimate,
  PRP_SCHEDULES,
  type PriceEntry,
  type PriceList,
  prpScheduleFor,
  type QuotablePlan,
  type QuoteCourseResult,
  quoteCourse,
  type TreatmentEstimate,
} from '../src/pricing';
import type { IndicationId, MinorUnits, ModalityId } from '../src/types';

const usd = (dollars: number) => (dollars * 100) as MinorUnits;

function listOf(entries: PriceEntry[], currency: PriceList['currency'] = 'USD'): PriceList {
  return { id: 'test-list', name: 'Test list', currency, isExample: false, entries };
}

/** 4 sessions, planned 28 days apart (21–42), then maintenance every 270 days (180–365). */
const SKIN_PLAN: QuotablePlan = {
  indication: 'skin-rejuvenation',
  modality: 'microneedling-topical',
  areaSize: 'medium',
  initialSeries: { sessions: 4, intervalDays: { min: 21, target: 28, max: 42 } },
  maintenance: { intervalDays: { min: 180, target: 270, max: 365 } },
};

const SIMPLE_LIST = listOf([
  { treatment: 'exosome', pricePerSession: usd(1_200) },
  { treatment: 'prp', pricePerSession: usd(700) },
]);

function quoteOf(result: QuoteCourseResult): CourseQuote {
  if (!result.ok) throw new Error(`expected a quote, got ${JSON.stringify(result.problems)}`);
  return result.quote;
}

const periods = (e: TreatmentEstimate): PeriodEstimate[] => [e.initialSeries, e.year1, e.threeYears];

describe('quoteCourse: hand-computed totals', () => {
  const quote = quoteOf(quoteCourse({ plan: SKIN_PLAN, priceList: SIMPLE_LIST }));

  it('prices the exosome course at 1,200.00 USD a session', () => {
    expect(quote.exosome.perSession.amount).toBe(120_000);
    expect(quote.exosome.perSession.match.entryIndex).toBe(0);
    // Initial series: 4 × 1,200.00 = 4,800.00.
    expect(quote.exosome.initialSeries.sessions).toMatchObject({ min: 4, target: 4, max: 4 });
    expect(quote.exosome.initialSeries.total).toMatchObject({ min: 480_000, target: 480_000, max: 480_000 });
  });

  it('counts the first year and three years at the planned intervals', () => {
    // Initial sessions on days 0, 28, 56, 84; boosters every 270 days: 354, 624, 894, 1164.
    // Year 1 (days 0–364): 4 + 1 (day 354) = 5 sessions → 6,000.00.
    // Three years (days 0–1094): 4 + 3 (354, 624, 894) = 7 sessions → 8,400.00.
    expect(quote.exosome.year1.horizonDays).toBe(365);
    expect(quote.exosome.year1.sessions.target).toBe(5);
    expect(quote.exosome.year1.total.target).toBe(600_000);
    expect(quote.exosome.threeYears.horizonDays).toBe(1_095);
    expect(quote.exosome.threeYears.sessions.target).toBe(7);
    expect(quote.exosome.threeYears.total.target).toBe(840_000);
  });

  it('gives the range from the longest to the shortest intervals', () => {
    // Longest (42, 365): days 0, 42, 84, 126; boosters 491, 856 (1221 is past three years).
    //   Year 1: 4 → 4,800.00. Three years: 6 → 7,200.00.
    // Shortest (21, 180): days 0, 21, 42, 63; boosters 243, 423, 603, 783, 963 (1143 is past).
    //   Year 1: 4 + 1 = 5 → 6,000.00. Three years: 4 + 5 = 9 → 10,800.00.
    expect(quote.exosome.year1.sessions).toMatchObject({ min: 4, target: 5, max: 5 });
    expect(quote.exosome.year1.total).toMatchObject({ min: 480_000, target: 600_000, max: 600_000 });
    expect(quote.exosome.threeYears.sessions).toMatchObject({ min: 6, target: 7, max: 9 });
    expect(quote.exosome.threeYears.total).toMatchObject({ min: 720_000, target: 840_000, max: 1_080_000 });
  });

  it('sets PRP beside it on the published skin schedule', () => {
    // PRP skin: 3 sessions 14 days apart (days 0, 14, 28), then 2–4 a year (every 183 / 122 / 91 days).
    // Planned (122): year 1 boosters on 150, 272 → 5 sessions → 3,500.00;
    //   three years: 28 + 122k < 1095 → k ≤ 8 → 11 sessions → 7,700.00.
    // Longest (183): year 1: 211 → 4; three years: 28 + 183k < 1095 → k ≤ 5 → 8.
    // Shortest (91): year 1: 119, 210, 301 → 6; three years: 28 + 91k < 1095 → k ≤ 11 → 14.
    const prp = quote.prp;
    expect(prp).not.toBeNull();
    if (prp === null) return;
    expect(prp.perSession.amount).toBe(70_000);
    expect(prp.schedule.basedOn).toBe('skin-rejuvenation');
    expect(prp.initialSeries.total.target).toBe(210_000);
    expect(prp.year1.sessions).toMatchObject({ min: 4, target: 5, max: 6 });
    expect(prp.year1.total).toMatchObject({ min: 280_000, target: 350_000, max: 420_000 });
    expect(prp.threeYears.sessions).toMatchObject({ min: 8, target: 11, max: 14 });
    expect(prp.threeYears.total).toMatchObject({ min: 560_000, target: 770_000, max: 980_000 });
    expect(prp.year1.sessions.sources).toEqual(
      expect.arrayContaining(['EXOCLINIC-MODEL', 'PRP-PRACTICE', 'S1']),
    );
  });

  it('cites the arithmetic on every figure and only known sources anywhere', () => {
    const estimates = [quote.exosome, quote.prp].filter((e): e is TreatmentEstimate => e !== null);
    for (const e of estimates) {
      for (const p of periods(e)) {
        expect(p.sessions.sources).toContain('EXOCLINIC-MODEL');
        expect(p.total.sources).toContain('EXOCLINIC-MODEL');
        expect(p.total.currency).toBe('USD');
      }
    }
    const keys = JSON.stringify(quote).match(/"sources":\[[^\]]*\]/g) ?? [];
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys.flatMap((s) => JSON.parse(`{${s}}`).sources as string[])) {
      expect(isKnownSource(k), k).toBe(true);
    }
  });

  it('says plainly that the figures are estimates', () => {
    expect(quote.estimate).toBe(true);
    const codes = quote.notes.map((n) => n.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'estimate',
        'clinic-prices',
        'consultation',
        'sessions-vary',
        'prp-comparison',
      ]),
    );
    expect(quote.notes.find((n) => n.code === 'consultation')?.sources).toContain('S4');
    expect(codes).not.toContain('example-price-list');
  });
});

describe('quoteCourse: course shapes', () => {
  it('counts only the sessions dated inside a period when the series runs past a year', () => {
    // Hair as S1 describes it: 3 treatments 274 days apart (days 0, 274, 548), then every 456 days.
    // Year 1: days 0 and 274 → 2. Three years: 0, 274, 548 and a booster on 1004 → 4.
    const plan: QuotablePlan = {
      indication: 'hair-loss',
      modality: 'scalp-injection',
      areaSize: 'large',
      initialSeries: { sessions: 3, intervalDays: { min: 183, target: 274, max: 365 } },
      maintenance: { intervalDays: { min: 365, target: 456, max: 548 } },
    };
    const quote = quoteOf(quoteCourse({ plan, priceList: SIMPLE_LIST }));
    expect(quote.exosome.initialSeries.total.target).toBe(360_000);
    expect(quote.exosome.year1.sessions.target).toBe(2);
    expect(quote.exosome.year1.total.target).toBe(240_000);
    expect(quote.exosome.threeYears.sessions.target).toBe(4);
    expect(quote.notes.map((n) => n.code)).toContain('series-beyond-year-1');
  });

  it('holds the initial series only when there is no maintenance', () => {
    const plan: QuotablePlan = { ...SKIN_PLAN, maintenance: null };
    const quote = quoteOf(quoteCourse({ plan, priceList: SIMPLE_LIST }));
    expect(quote.exosome.year1.sessions).toMatchObject({ min: 4, target: 4, max: 4 });
    expect(quote.exosome.threeYears.total.target).toBe(480_000);
    expect(quote.notes.map((n) => n.code)).toContain('no-maintenance');
  });

  it('uses the premium tier when asked', () => {
    const list = listOf([
      { treatment: 'exosome', tier: 'standard', pricePerSession: usd(1_000) },
      { treatment: 'exosome', tier: 'premium', pricePerSession: usd(1_500) },
    ]);
    expect(quoteOf(quoteCourse({ plan: SKIN_PLAN, priceList: list })).exosome.perSession.amount).toBe(
      100_000,
    );
    const premium = quoteOf(quoteCourse({ plan: SKIN_PLAN, priceList: list, tier: 'premium' }));
    expect(premium.tier).toBe('premium');
    expect(premium.exosome.perSession.amount).toBe(150_000);
    expect(premium.exosome.initialSeries.total.target).toBe(600_000);
  });

  it('compares joints with the S1 PRP figures of 3–6 sessions in the first year', () => {
    // PRP joint: 4 sessions 91 days apart (days 0, 91, 182, 273), boosters every 122 days → 395 is past year 1.
    // Fewest: 3 sessions 122 apart (0, 122, 244), boosters every 183 → 427: year 1 = 3.
    // Most: 6 sessions 61 apart (0 … 305), boosters every 91 → 396: year 1 = 6.
    const plan: QuotablePlan = {
      indication: 'joint',
      modality: 'intra-articular-injection',
      areaSize: 'small',
      initialSeries: { sessions: 3, intervalDays: { min: 14, target: 21, max: 28 } },
      maintenance: { intervalDays: { min: 183, target: 365, max: 548 } },
    };
    const quote = quoteOf(quoteCourse({ plan, priceList: SIMPLE_LIST }));
    expect(quote.prp?.initialSeries.sessions).toMatchObject({ min: 3, target: 4, max: 6 });
    expect(quote.prp?.year1.sessions).toMatchObject({ min: 3, target: 4, max: 6 });
    expect(quote.prp?.schedule.notes.flatMap((n) => n.sources)).toContain('PRP-KOA-META');
  });
});

describe('quoteCourse: problems and missing prices', () => {
  it('returns a problem, not a throw, when no exosome price matches', () => {
    const list = listOf([{ treatment: 'exosome', indication: 'hair-loss', pricePerSession: usd(2_000) }]);
    const result = quoteCourse({ plan: SKIN_PLAN, priceList: list });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toBe('priceList.entries');
    expect(result.problems[0]?.message).toMatch(/no exosome price for skin-rejuvenation/);
  });

  it('names every bad plan field', () => {
    const plan: QuotablePlan = {
      ...SKIN_PLAN,
      initialSeries: { sessions: 0, intervalDays: { min: 30, target: 20, max: 40 } },
      maintenance: { intervalDays: { min: 0, target: 1.5, max: 200 } },
    };
    const result = quoteCourse({ plan, priceList: SIMPLE_LIST });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      'plan.initialSeries.sessions',
      'plan.initialSeries.intervalDays',
      'plan.maintenance.intervalDays.min',
      'plan.maintenance.intervalDays.target',
    ]);
  });

  it('rejects a price that is not whole minor units, naming the entry', () => {
    const list = listOf([
      { treatment: 'exosome', indication: 'hair-loss', pricePerSession: usd(1) },
      { treatment: 'exosome', pricePerSession: 1_200.5 as MinorUnits },
    ]);
    const result = quoteCourse({ plan: SKIN_PLAN, priceList: list });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'priceList.entries[1].pricePerSession', message: expect.stringMatching(/whole/) }],
    });
    const negative = quoteCourse({
      plan: SKIN_PLAN,
      priceList: listOf([{ treatment: 'exosome', pricePerSession: -1 as MinorUnits }]),
    });
    expect(negative.ok).toBe(false);
  });

  it('rejects an unsupported currency and totals too large to hold exactly', () => {
    const odd = { ...SIMPLE_LIST, currency: 'XXX' } as unknown as PriceList;
    const r1 = quoteCourse({ plan: SKIN_PLAN, priceList: odd });
    expect(r1.ok === false && r1.problems[0]?.path).toBe('priceList.currency');
    const huge = listOf([{ treatment: 'exosome', pricePerSession: Number.MAX_SAFE_INTEGER as MinorUnits }]);
    const r2 = quoteCourse({ plan: SKIN_PLAN, priceList: huge });
    expect(r2.ok === false && r2.problems[0]?.message).toMatch(/too large/);
  });

  it('leaves out PRP with a note when the list has no PRP price', () => {
    const list = listOf([{ treatment: 'exosome', pricePerSession: usd(1_200) }]);
    const quote = quoteOf(quoteCourse({ plan: SKIN_PLAN, priceList: list }));
    expect(quote.prp).toBeNull();
    expect(quote.notes.map((n) => n.code)).toContain('prp-price-missing');
    expect(quote.exosome.year1.total.target).toBe(600_000);
  });

  it('leaves out PRP with a note where PRP has no schedule', () => {
    const plan: QuotablePlan = { ...SKIN_PLAN, indication: 'systemic', modality: 'iv-infusion' };
    const quote = quoteOf(quoteCourse({ plan, priceList: SIMPLE_LIST }));
    expect(quote.prp).toBeNull();
    expect(quote.notes.map((n) => n.code)).toContain('prp-schedule-missing');
  });
});

describe('findPrice: the most specific entry wins', () => {
  const query = {
    treatment: 'exosome',
    indication: 'skin-rejuvenation',
    modality: 'microneedling-topical',
    areaSize: 'medium',
    tier: 'standard',
  } as const;

  it('prefers the entry naming more fields', () => {
    const list = listOf([
      { treatment: 'exosome', pricePerSession: usd(1_000) },
      {
        treatment: 'exosome',
        indication: 'skin-rejuvenation',
        areaSize: 'medium',
        pricePerSession: usd(1_300),
      },
      { treatment: 'exosome', indication: 'skin-rejuvenation', pricePerSession: usd(1_100) },
      {
        treatment: 'exosome',
        indication: 'skin-rejuvenation',
        areaSize: 'large',
        tier: 'standard',
        pricePerSession: usd(9),
      },
      {
        treatment: 'prp',
        indication: 'skin-rejuvenation',
        areaSize: 'medium',
        tier: 'standard',
        pricePerSession: usd(8),
      },
    ]);
    expect(findPrice(list, query)).toMatchObject({ entryIndex: 1, specificity: 2 });
  });

  it('breaks a tie by the weightier field, whatever the order', () => {
    const byModality: PriceEntry = {
      treatment: 'exosome',
      modality: 'microneedling-topical',
      pricePerSession: usd(1),
    };
    const byIndication: PriceEntry = {
      treatment: 'exosome',
      indication: 'skin-rejuvenation',
      pricePerSession: usd(2),
    };
    const byTier: PriceEntry = { treatment: 'exosome', tier: 'standard', pricePerSession: usd(3) };
    expect(findPrice(listOf([byModality, byIndication, byTier]), query)?.entry).toBe(byIndication);
    expect(findPrice(listOf([byTier, byIndication, byModality]), query)?.entry).toBe(byIndication);
    expect(findPrice(listOf([byTier, byModality]), query)?.entry).toBe(byModality);
  });

  it('takes the earlier of two equal entries', () => {
    const list = listOf([
      { treatment: 'exosome', areaSize: 'medium', pricePerSession: usd(1) },
      { treatment: 'exosome', areaSize: 'medium', pricePerSession: usd(2) },
    ]);
    expect(findPrice(list, query)?.entryIndex).toBe(0);
  });

  it('returns null when nothing matches', () => {
    const list = listOf([{ treatment: 'exosome', tier: 'premium', pricePerSession: usd(1) }]);
    expect(findPrice(list, query)).toBeNull();
  });
});

describe('formatMoney', () => {
  it('formats won with no decimals', () => {
    expect(formatMoney(350_000 as MinorUnits, 'KRW')).toBe('₩350,000');
    expect(formatMoney(350_000 as MinorUnits, 'KRW', 'ko-KR')).toBe('₩350,000');
    expect(formatMoney(1_000_000 as MinorUnits, 'KRW', 'de-DE')).toMatch(/^1\.000\.000\s₩$/);
  });

  it('formats dollars from cents exactly', () => {
    expect(formatMoney(120_000 as MinorUnits, 'USD')).toBe('$1,200.00');
    expect(formatMoney(5 as MinorUnits, 'USD')).toBe('$0.05');
    expect(formatMoney(-5 as MinorUnits, 'USD')).toBe('-$0.05');
    expect(formatMoney(Number.MAX_SAFE_INTEGER as MinorUnits, 'USD')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(123_456 as MinorUnits, 'GBP', 'en-GB')).toBe('£1,234.56');
  });
});

describe('PRP schedules', () => {
  it('gives each indication family its published schedule', () => {
    expect(prpScheduleFor('hair-loss')?.initialSeries.sessions.target.value).toBe(3);
    expect(prpScheduleFor('hair-loss')?.initialSeries.intervalDays.target.value).toBe(30);
    expect(prpScheduleFor('skin-rejuvenation')?.initialSeries.intervalDays.target.value).toBe(14);
    expect(prpScheduleFor('acne-scars')?.initialSeries.sessions.target.value).toBe(4);
    expect(prpScheduleFor('skin-rejuvenation')?.maintenance.intervalDays.min.sources).toEqual(['S1']);
    expect(prpScheduleFor('joint')?.sources).toContain('PRP-KOA-META');
    expect(prpScheduleFor('systemic')).toBeNull();
  });

  it('falls back to the skin schedule for other skin indications and says so', () => {
    const s = prpScheduleFor('hyperpigmentation');
    expect(s?.basedOn).toBe('skin-rejuvenation');
    expect(s?.indication).toBe('hyperpigmentation');
    expect(s?.derivation).toMatch(/skin schedule/);
    expect(prpScheduleFor('skin-rejuvenation')?.derivation).toBeNull();
  });

  it('keeps ordered, sourced numbers', () => {
    for (const s of Object.values(PRP_SCHEDULES)) {
      if (s === undefined) continue;
      for (const span of [
        s.initialSeries.sessions,
        s.initialSeries.intervalDays,
        s.maintenance.intervalDays,
      ]) {
        expect(span.min.value).toBeLessThanOrEqual(span.target.value);
        expect(span.target.value).toBeLessThanOrEqual(span.max.value);
        for (const v of [span.min, span.target, span.max]) {
          expect(Number.isInteger(v.value)).toBe(true);
          expect(v.sources.length).toBeGreaterThan(0);
          for (const k of v.sources) expect(isKnownSource(k)).toBe(true);
        }
      }
    }
  });
});

describe('example price lists', () => {
  const byCurrency = (c: string) => EXAMPLE_PRICE_LISTS.find((l) => l.currency === c);

  it('holds one USD and one KRW example list', () => {
    expect(EXAMPLE_PRICE_LISTS.map((l) => l.currency)).toEqual(['USD', 'KRW']);
    for (const l of EXAMPLE_PRICE_LISTS) expect(l.isExample).toBe(true);
  });

  it('chooses every price inside a recorded range of the same treatment', () => {
    for (const list of EXAMPLE_PRICE_LISTS) {
      const ranges = list.exampleRanges ?? [];
      expect(ranges.length).toBeGreaterThan(0);
      for (const r of ranges) {
        expect(r.currency).toBe(list.currency);
        for (const k of r.sources) expect(isKnownSource(k)).toBe(true);
        if (!r.sources.includes('S4')) expect(r.note).toBe('clinic and press pages, DOMAIN §17');
      }
      for (const e of list.entries) {
        expect(Number.isSafeInteger(e.pricePerSession)).toBe(true);
        const own = ranges.filter((r) => r.label.startsWith(e.treatment === 'prp' ? 'PRP' : 'Exosome'));
        const inside = own.some(
          (r) => e.pricePerSession >= r.min && (r.maxIsOpen || e.pricePerSession <= r.max),
        );
        expect(inside, JSON.stringify(e)).toBe(true);
        for (const k of e.sources ?? []) expect(isKnownSource(k)).toBe(true);
      }
    }
  });

  it('prices the premium tier at or above the standard one', () => {
    for (const list of EXAMPLE_PRICE_LISTS) {
      for (const e of list.entries.filter((x) => x.tier === 'premium')) {
        const standard = list.entries.find(
          (x) =>
            x.tier === 'standard' &&
            x.indication === e.indication &&
            x.modality === e.modality &&
            x.areaSize === e.areaSize,
        );
        expect(standard).toBeDefined();
        expect(e.pricePerSession).toBeGreaterThanOrEqual(standard?.pricePerSession ?? Infinity);
      }
    }
  });

  it('quotes a USD skin course with PRP, and a KRW one without PRP', () => {
    const usdQuote = quoteOf(quoteCourse({ plan: SKIN_PLAN, priceList: byCurrency('USD')! }));
    // USD example: skin, microneedling, medium, standard = 1,500.00; PRP skin medium = 700.00.
    expect(usdQuote.exosome.perSession.amount).toBe(150_000);
    expect(usdQuote.exosome.perSession.match.specificity).toBe(4);
    expect(usdQuote.exosome.year1.total.target).toBe(5 * 150_000);
    expect(usdQuote.prp?.perSession.amount).toBe(70_000);
    expect(usdQuote.notes.map((n) => n.code)).toContain('example-price-list');

    const krwQuote = quoteOf(quoteCourse({ plan: SKIN_PLAN, priceList: byCurrency('KRW')! }));
    // KRW example: skin, microneedling, medium, standard = 350,000 won; 4 sessions = 1,400,000 won.
    expect(krwQuote.exosome.initialSeries.total.target).toBe(1_400_000);
    expect(formatMoney(krwQuote.exosome.initialSeries.total.target, 'KRW')).toBe('₩1,400,000');
    expect(krwQuote.prp).toBeNull();
    expect(krwQuote.notes.map((n) => n.code)).toContain('prp-price-missing');
  });

  it('covers every indication and modality it is meant to', () => {
    const usdList = byCurrency('USD')!;
    const pairs: [IndicationId, ModalityId][] = [
      ['acne-scars', 'laser-topical'],
      ['lip-eye', 'intradermal-injection'],
      ['hair-loss', 'scalp-injection'],
      ['joint', 'intra-articular-injection'],
    ];
    for (const [indication, modality] of pairs) {
      for (const areaSize of ['small', 'medium', 'large'] as const) {
        const r = quoteCourse({
          plan: { ...SKIN_PLAN, indication, modality, areaSize },
          priceList: usdList,
          tier: 'premium',
        });
        expect(r.ok && r.quote.prp !== null, `${indication} ${modality} ${areaSize}`).toBe(true);
      }
    }
    // Korea: topical delivery only; an injected plan has no example price.
    const krw = quoteCourse({
      plan: { ...SKIN_PLAN, modality: 'intradermal-injection' },
      priceList: byCurrency('KRW')!,
    });
    expect(krw.ok).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const span = (lo: number, hi: number) =>
  fc
    .tuple(
      fc.integer({ min: lo, max: hi }),
      fc.integer({ min: lo, max: hi }),
      fc.integer({ min: lo, max: hi }),
    )
    .map((xs) => xs.sort((a, b) => a - b))
    .map(([min, target, max]) => ({ min: min!, target: target!, max: max! }));

const planArb = (maxSessions: number, maxInitialInterval: number) =>
  fc.record({
    indication: fc.constantFrom<IndicationId>(
      'skin-rejuvenation',
      'hair-loss',
      'joint',
      'stretch-marks',
      'systemic',
    ),
    modality: fc.constant<ModalityId>('microneedling-topical'),
    areaSize: fc.constantFrom('small' as const, 'medium' as const, 'large' as const),
    initialSeries: fc.record({
      sessions: fc.integer({ min: 1, max: maxSessions }),
      intervalDays: span(0, maxInitialInterval),
    }),
    maintenance: fc.option(fc.record({ intervalDays: span(1, 800) }), { nil: null }),
  });

const priceArb = fc.integer({ min: 0, max: 10_000_000 });

const listWith = (exo: number, prp: number) =>
  listOf([
    { treatment: 'exosome', pricePerSession: exo as MinorUnits },
    { treatment: 'prp', pricePerSession: prp as MinorUnits },
  ]);

const allTotals = (q: CourseQuote): number[] =>
  [q.exosome, q.prp]
    .filter((e): e is TreatmentEstimate => e !== null)
    .flatMap((e) => periods(e).flatMap((p) => [p.total.min, p.total.target, p.total.max]));

describe('properties', () => {
  it('totals are whole, non-negative, ordered min ≤ target ≤ max, and three years ≥ year 1', () => {
    fc.assert(
      fc.property(planArb(12, 400), priceArb, priceArb, (plan, exo, prp) => {
        const q = quoteOf(quoteCourse({ plan, priceList: listWith(exo, prp) }));
        for (const t of allTotals(q)) {
          expect(Number.isSafeInteger(t)).toBe(true);
          expect(t).toBeGreaterThanOrEqual(0);
        }
        for (const e of [q.exosome, q.prp]) {
          if (e === null) continue;
          for (const p of periods(e)) {
            expect(p.total.min).toBeLessThanOrEqual(p.total.target);
            expect(p.total.target).toBeLessThanOrEqual(p.total.max);
            expect(p.total.target).toBe(p.sessions.target * e.perSession.amount);
          }
          for (const k of ['min', 'target', 'max'] as const) {
            expect(e.threeYears.total[k]).toBeGreaterThanOrEqual(e.year1.total[k]);
          }
        }
      }),
    );
  });

  it('three years ≥ year 1 ≥ initial series when the series fits in the first year', () => {
    // At most 6 sessions 0–72 days apart: the last initial session is before day 365.
    fc.assert(
      fc.property(planArb(6, 72), priceArb, priceArb, (plan, exo, prp) => {
        const q = quoteOf(quoteCourse({ plan, priceList: listWith(exo, prp) }));
        for (const e of [q.exosome, q.prp]) {
          if (e === null) continue;
          for (const k of ['min', 'target', 'max'] as const) {
            expect(e.year1.total[k]).toBeGreaterThanOrEqual(e.initialSeries.total[k]);
            expect(e.threeYears.total[k]).toBeGreaterThanOrEqual(e.year1.total[k]);
          }
        }
      }),
    );
  });

  it('totals never fall when the price per session rises', () => {
    fc.assert(
      fc.property(planArb(12, 400), priceArb, priceArb, priceArb, priceArb, (plan, a, b, c, d) => {
        const [exoLow, exoHigh] = a <= b ? [a, b] : [b, a];
        const [prpLow, prpHigh] = c <= d ? [c, d] : [d, c];
        const low = allTotals(quoteOf(quoteCourse({ plan, priceList: listWith(exoLow, prpLow) })));
        const high = allTotals(quoteOf(quoteCourse({ plan, priceList: listWith(exoHigh, prpHigh) })));
        expect(high).toHaveLength(low.length);
        low.forEach((t, i) => {
          expect(high[i]).toBeGreaterThanOrEqual(t);
        });
      }),
    );
  });

  it('countSessionsWithin agrees with listing the session days one by one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_500 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 200 }),
        fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
        (horizon, sessions, interval, maintenance) => {
          const daysList: number[] = [];
          for (let i = 0; i < sessions; i++) daysList.push(i * interval);
          const last = (sessions - 1) * interval;
          if (maintenance !== null)
            for (let d = last + maintenance; d < horizon; d += maintenance) daysList.push(d);
          const expected = daysList.filter((d) => d < horizon).length;
          expect(countSessionsWithin(horizon, sessions, interval, maintenance)).toBe(expected);
        },
      ),
    );
  });

  it('findPrice picks a matching entry no other matching entry is more specific than', () => {
    const entryArb = fc.record(
      {
        treatment: fc.constantFrom('exosome' as const, 'prp' as const),
        indication: fc.constantFrom<IndicationId>('skin-rejuvenation', 'hair-loss'),
        modality: fc.constantFrom<ModalityId>('microneedling-topical', 'laser-topical'),
        areaSize: fc.constantFrom('small' as const, 'medium' as const),
        tier: fc.constantFrom('standard' as const, 'premium' as const),
        pricePerSession: priceArb.map((p) => p as MinorUnits),
      },
      { requiredKeys: ['treatment', 'pricePerSession'] },
    );
    const query = {
      treatment: 'exosome',
      indication: 'skin-rejuvenation',
      modality: 'microneedling-topical',
      areaSize: 'small',
      tier: 'standard',
    } as const;
    const fields = ['indication', 'modality', 'areaSize', 'tier'] as const;
    const fits = (e: PriceEntry) =>
      e.treatment === query.treatment && fields.every((f) => e[f] === undefined || e[f] === query[f]);
    const specificity = (e: PriceEntry) => fields.filter((f) => e[f] !== undefined).length;
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 12 }), (entries) => {
        const found = findPrice(listOf(entries), query);
        const matching = entries.filter(fits);
        if (matching.length === 0) {
          expect(found).toBeNull();
          return;
        }
        expect(found).not.toBeNull();
        expect(fits(found!.entry)).toBe(true);
        expect(found!.specificity).toBe(Math.max(...matching.map(specificity)));
        // Deterministic: the same list in the same order gives the same entry.
        expect(findPrice(listOf(entries), query)?.entryIndex).toBe(found!.entryIndex);
      }),
    );
  });
});
