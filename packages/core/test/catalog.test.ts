import { describe, expect, it } from 'vitest';
import {
  ADVERSE_EVENT_TYPES,
  AFTERCARE,
  CATALOG,
  defaultProtocolFor,
  findProtocol,
  INDICATIONS,
  isKnownSource,
  MODALITIES,
  OUTCOME_INSTRUMENTS,
  PROTOCOLS,
  SOURCES,
} from '../src/index';

function citedKeys(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) citedKeys(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'sources' && Array.isArray(v) && v.every((x) => typeof x === 'string')) into.push(...v);
      else citedKeys(v, into);
    }
  }
  return into;
}

describe('source registry', () => {
  it('has the five seed documents as S0–S4 by file name', () => {
    for (const [key, file] of [
      ['S0', '000_66e042d6be3be5a9'],
      ['S1', '001_6084e04069a4766c'],
      ['S2', '002_f24d3709083afe72'],
      ['S3', '003_0d96e36f04ea64b5'],
      ['S4', '004_1e459c0f065c36df'],
    ] as const) {
      const s = SOURCES.find((x) => x.key === key);
      expect(s?.locator).toContain(file);
    }
  });
  it('has unique keys with a title and a kind', () => {
    expect(new Set(SOURCES.map((s) => s.key)).size).toBe(SOURCES.length);
    for (const s of SOURCES) expect(s.title.length).toBeGreaterThan(5);
  });
  it('resolves every source key the catalog cites', () => {
    const keys = citedKeys(CATALOG);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !isKnownSource(k))).toEqual([]);
  });
});

describe('catalog', () => {
  it('lists the ten indications and seven modalities by id', () => {
    expect(INDICATIONS.map((i) => i.id).sort()).toEqual(
      [
        'acne-scars',
        'hair-loss',
        'hyperpigmentation',
        'inflammatory-skin',
        'joint',
        'lip-eye',
        'post-procedure',
        'skin-rejuvenation',
        'stretch-marks',
        'systemic',
      ].sort(),
    );
    expect(MODALITIES.map((m) => m.id).sort()).toEqual(
      [
        'intra-articular-injection',
        'intradermal-injection',
        'iv-infusion',
        'laser-topical',
        'microneedling-topical',
        'radiofrequency-topical',
        'scalp-injection',
      ].sort(),
    );
  });

  it('makes each modality’s segments add up to its session length', () => {
    for (const m of MODALITIES) {
      const min = m.segments.reduce((s, x) => s + x.minutes.min, 0);
      const max = m.segments.reduce((s, x) => s + x.minutes.max, 0);
      expect([m.id, min, max]).toEqual([m.id, m.sessionMinutes.min, m.sessionMinutes.max]);
      expect(m.segments.filter((s) => s.kind === 'procedure')).toHaveLength(1);
    }
  });

  it('books the practitioner only for the procedure, except where they prepare the infusion', () => {
    const mn = MODALITIES.find((m) => m.id === 'microneedling-topical')!;
    const withPractitioner = mn.segments.filter((s) => s.needs.some((n) => n.kind === 'practitioner'));
    expect(withPractitioner.map((s) => s.kind)).toEqual(['procedure']);
  });

  it('keeps every protocol’s numbers ordered and inside their own ranges', () => {
    for (const p of PROTOCOLS) {
      if (p.initialSeries) {
        const { sessions, intervalDays } = p.initialSeries;
        expect(sessions.min).toBeLessThanOrEqual(sessions.usual.min);
        expect(sessions.usual.min).toBeLessThanOrEqual(sessions.usual.max);
        expect(sessions.usual.max).toBeLessThanOrEqual(sessions.max);
        expect(intervalDays.min).toBeLessThanOrEqual(intervalDays.target);
        expect(intervalDays.target).toBeLessThanOrEqual(intervalDays.max);
        expect(sessions.sources.length).toBeGreaterThan(0);
      }
      if (p.maintenance) {
        const w = p.maintenance.intervalDays;
        expect(w.min <= w.target && w.target <= w.max).toBe(true);
      }
      expect(p.id.startsWith(`${p.indication}/`)).toBe(true);
    }
  });

  it('addresses each source protocol as <indication>/<sourceKey> with the figures of DOMAIN §4', () => {
    const hairS1 = findProtocol('hair-loss/S1')!;
    expect(hairS1.initialSeries!.sessions).toMatchObject({ min: 1, max: 3 });
    expect(hairS1.initialSeries!.intervalDays).toMatchObject({ min: 183, max: 365 });
    expect(hairS1.maintenance!.intervalDays).toMatchObject({ min: 365, max: 548 });
    const hairS3 = findProtocol('hair-loss/S3')!;
    expect(hairS3.initialSeries!.sessions).toMatchObject({ min: 3, max: 6 });
    expect(hairS3.initialSeries!.intervalDays).toMatchObject({ min: 28, max: 42 });
    const skinS1 = findProtocol('skin-rejuvenation/S1')!;
    expect(skinS1.initialSeries!.sessions).toMatchObject({ min: 1, max: 5, usual: { min: 3, max: 5 } });
    expect(skinS1.initialSeries!.intervalDays).toMatchObject({ min: 14, max: 28 });
    const skinS3 = findProtocol('skin-rejuvenation/S3')!;
    expect(skinS3.initialSeries!.sessions).toMatchObject({ min: 3, max: 4 });
    expect(findProtocol('skin-rejuvenation/S4')!.initialSeries).toBeNull();
    expect(findProtocol('joint/S1')!.initialSeries!.intervalDays).toMatchObject({ min: 14, max: 28 });
    expect(findProtocol('systemic/S0')!.initialSeries!.sessions).toMatchObject({ min: 3, max: 5 });
    const knee = findProtocol('joint/KNEE-CM')!;
    expect(knee.initialSeries!.sessions.max).toBe(5);
    expect(knee.initialSeries!.intervalDays.target).toBe(7);
    expect(findProtocol('skin-rejuvenation/PARK-2023')!.initialSeries!.intervalDays.target).toBe(21);
    expect(findProtocol('skin-rejuvenation/LIANG-2022')!.initialSeries!.sessions.max).toBe(5);
    expect(findProtocol('acne-scars/KWON-2020')!.evidence!.participants).toBe(25);
  });

  it('gives every indication one labelled default that says how it was derived', () => {
    for (const ind of INDICATIONS) {
      const p = defaultProtocolFor(ind.id);
      expect(p.kind).toBe('default');
      expect(p.derivation?.length ?? 0).toBeGreaterThan(30);
      expect(p.initialSeries).not.toBeNull();
      expect(PROTOCOLS.filter((x) => x.indication === ind.id && x.kind === 'default')).toHaveLength(1);
    }
  });

  it('keeps outcome instrument ranges and MCIDs from DOMAIN §14', () => {
    const byId = new Map(OUTCOME_INSTRUMENTS.map((i) => [i.id, i]));
    expect(byId.get('gais-clinician')!.range).toEqual({ min: 1, max: 5 });
    expect(byId.get('masi')!.range).toEqual({ min: 0, max: 48 });
    expect(byId.get('mmasi')!.range).toEqual({ min: 0, max: 24 });
    expect(byId.get('womac-total')!.range).toEqual({ min: 0, max: 96 });
    expect(byId.get('vas-pain')!.mcid).toMatchObject({ min: 10, max: 20 });
    expect(byId.get('koos-pain')!.direction).toBe('higher-better');
    for (const ind of INDICATIONS) for (const id of ind.outcomeInstruments) expect(byId.has(id)).toBe(true);
  });

  it('gives adverse events an expected duration, or none where any occurrence needs action', () => {
    const redness = ADVERSE_EVENT_TYPES.find((t) => t.id === 'redness')!;
    expect(redness.expectedHours!.max).toBe(72);
    const granuloma = ADVERSE_EVENT_TYPES.find((t) => t.id === 'delayed-granuloma')!;
    expect(granuloma.expectedHours).toBeNull();
    expect(granuloma.onsetDays).toEqual({ min: 14, max: 90 });
  });

  it('has aftercare for every modality with a first-72-hours or immediate step', () => {
    for (const m of MODALITIES) {
      const steps = AFTERCARE[m.id];
      expect(steps.length).toBeGreaterThan(2);
      expect(steps.some((s) => s.phase === 'immediately' || s.phase === 'first-72-hours')).toBe(true);
    }
  });
});
