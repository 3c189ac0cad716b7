import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findModality, type Modality } from '../src/catalog/modalities';
import { findSlots } from '../src/scheduling/find-slots';
import { EMPTY_INTERVALS, intervalsFromPairs, normaliseIntervals } from '../src/scheduling/intervals';
import { localDayStarts, openingHoursToIntervals } from '../src/scheduling/local-time';
import { compileSessionShape, describeHolds } from '../src/scheduling/session-shape';
import type { ClinicResources, SchedulableResource, Slot } from '../src/scheduling/types';
import type { EpochMs, LocalDate, Minutes, ModalityId } from '../src/types';

const ZONE = 'Europe/London';
const MIN = 60_000;
const d = (s: string) => s as LocalDate;
const needling = findModality('microneedling-topical')!;
const injection = findModality('intradermal-injection')!;
const infusion = findModality('iv-infusion')!;

const weekdays = [{ open: '09:00', close: '18:00' }];
const HOURS = openingHoursToIntervals(
  { timeZone: ZONE, weekly: { 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays } },
  d('2025-03-24'),
  d('2025-04-06'),
);

// ---- an oracle that knows nothing of interval sets: per-slot, per-minute checks ---------------

function freeMinuteByMinute(r: SchedulableResource, s: number, e: number): boolean {
  for (let t = s; t < e; t += MIN) {
    let available = false;
    for (let i = 0; i < r.availability.length; i += 2)
      if (r.availability[i]! <= t && t < r.availability[i + 1]!) available = true;
    for (let i = 0; i < r.busy.length; i += 2) if (r.busy[i]! <= t && t < r.busy[i + 1]!) return false;
    if (!available) return false;
  }
  return true;
}

/** Offsets straight from the segments: practitioner per segment, one room and device span plus cleaning. */
function oracleNeeds(modality: Modality, cleaning: number) {
  const needs = new Map<string, { kind: string; deviceType?: string; spans: [number, number][] }>();
  let offset = 0;
  for (const seg of modality.segments) {
    const end = offset + seg.minutes.max * MIN;
    for (const need of seg.needs) {
      const key = need.kind === 'device' ? `device:${need.deviceType}` : need.kind;
      const entry = needs.get(key) ?? { kind: need.kind, deviceType: need.deviceType, spans: [] };
      if (need.kind === 'practitioner') entry.spans.push([offset, end]);
      else entry.spans = [[entry.spans[0]?.[0] ?? offset, end + cleaning * MIN]];
      needs.set(key, entry);
    }
    offset = end;
  }
  return { length: offset, needs: [...needs.values()] };
}

function oracleSlots(
  modality: Modality,
  resources: ClinicResources,
  firstDay: LocalDate,
  days: number,
  cleaning: number,
  step: number,
): Slot[] {
  const { length, needs } = oracleNeeds(modality, cleaning);
  const starts = localDayStarts(firstDay, days, ZONE);
  const sites = [
    ...new Set(
      [...resources.practitioners, ...resources.rooms, ...resources.devices].map((r) => r.locationId),
    ),
  ];
  const slots: Slot[] = [];
  for (let i = 0; i < days; i++) {
    for (let t = starts[i]!; t + length <= starts[i + 1]!; t += step * MIN) {
      for (const site of sites) {
        const picked: Slot = {
          start: t as EpochMs,
          end: (t + length) as EpochMs,
          locationId: site,
          practitionerId: null,
          roomId: null,
          deviceIds: [],
        };
        const ok = needs.every((need) => {
          const pool =
            need.kind === 'practitioner'
              ? resources.practitioners.filter((p) => p.modalities.includes(modality.id))
              : need.kind === 'room'
                ? resources.rooms
                : resources.devices.filter((x) => x.deviceType === need.deviceType);
          const r = pool.find(
            (x) => x.locationId === site && need.spans.every(([a, b]) => freeMinuteByMinute(x, t + a, t + b)),
          );
          if (!r) return false;
          if (need.kind === 'practitioner') picked.practitionerId = r.id;
          else if (need.kind === 'room') picked.roomId = r.id;
          else picked.deviceIds.push(r.id);
          return true;
        });
        if (ok) {
          slots.push(picked);
          break;
        }
      }
    }
  }
  return slots;
}

// ---- generated clinics ------------------------------------------------------------------------

const FIRST = d('2025-03-28'); // Friday, then a weekend, then Monday: closed days in the range
const DAYS = 4;
const RANGE_START = Date.parse('2025-03-28T00:00Z');

const busyArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: (DAYS * 24 * 60) / 5 }), fc.integer({ min: 1, max: 30 })), {
    maxLength: 8,
  })
  .map((xs) =>
    normaliseIntervals(
      xs.flatMap(([s, len]) => [RANGE_START + s * 5 * MIN, RANGE_START + (s + len) * 5 * MIN]),
    ),
  );

const siteArb = fc.constantFrom('north', 'south');

const clinicArb = fc.record({
  practitioners: fc.array(
    fc.record({
      site: siteArb,
      busy: busyArb,
      lateStart: fc.boolean(),
      modalities: fc.subarray<ModalityId>(['microneedling-topical', 'intradermal-injection', 'iv-infusion'], {
        minLength: 1,
      }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  rooms: fc.array(fc.record({ site: siteArb, busy: busyArb }), { minLength: 1, maxLength: 3 }),
  devices: fc.array(
    fc.record({
      site: siteArb,
      busy: busyArb,
      type: fc.constantFrom('microneedling-pen', 'infusion-pump') as fc.Arbitrary<
        'microneedling-pen' | 'infusion-pump'
      >,
    }),
    { maxLength: 3 },
  ),
});

type ClinicShape = typeof clinicArb extends fc.Arbitrary<infer T> ? T : never;

function toResources(c: ClinicShape): ClinicResources {
  const late = intervalsFromPairs([[Date.parse('2025-03-28T12:00Z'), Date.parse('2025-04-06T00:00Z')]]);
  return {
    practitioners: c.practitioners.map((p, i) => ({
      id: `p${i}`,
      locationId: p.site,
      availability: p.lateStart ? intersect(HOURS, late) : HOURS,
      busy: p.busy,
      modalities: p.modalities,
    })),
    rooms: c.rooms.map((r, i) => ({ id: `r${i}`, locationId: r.site, availability: HOURS, busy: r.busy })),
    devices: c.devices.map((x, i) => ({
      id: `x${i}`,
      locationId: x.site,
      availability: HOURS,
      busy: x.busy,
      deviceType: x.type,
    })),
  };
}

function intersect(a: readonly number[], b: readonly number[]) {
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) {
      const s = Math.max(a[i]!, b[j]!);
      const e = Math.min(a[i + 1]!, b[j + 1]!);
      if (s < e) out.push(s, e);
    }
  }
  return normaliseIntervals(out);
}

describe('findSlots', () => {
  it('returns exactly the starts a per-slot, per-minute check finds, with the same resources', () => {
    fc.assert(
      fc.property(
        clinicArb,
        fc.constantFrom(needling, injection, infusion),
        fc.constantFrom(0, 10, 15),
        fc.constantFrom(15, 20, 30),
        (clinic, modality, cleaning, step) => {
          const resources = toResources(clinic);
          const slots = findSlots({
            modality,
            resources,
            timeZone: ZONE,
            firstDay: FIRST,
            lastDay: d('2025-03-31'),
            stepMinutes: step as Minutes,
            cleaningMinutes: cleaning as Minutes,
          });
          expect(slots).toEqual(oracleSlots(modality, resources, FIRST, DAYS, cleaning, step));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('holds the practitioner only for the procedure and the room for the whole session plus cleaning', () => {
    const resources: ClinicResources = {
      practitioners: [
        {
          id: 'p',
          locationId: 's',
          availability: HOURS,
          busy: EMPTY_INTERVALS,
          modalities: ['microneedling-topical'],
        },
      ],
      rooms: [{ id: 'r', locationId: 's', availability: HOURS, busy: EMPTY_INTERVALS }],
      devices: [
        {
          id: 'x',
          locationId: 's',
          availability: HOURS,
          busy: EMPTY_INTERVALS,
          deviceType: 'microneedling-pen',
        },
      ],
    };
    const [first] = findSlots({
      modality: needling,
      resources,
      timeZone: ZONE,
      firstDay: d('2025-03-31'),
      lastDay: d('2025-03-31'),
      stepMinutes: 15 as Minutes,
      cleaningMinutes: 10 as Minutes,
    });
    const start = Date.parse('2025-03-31T08:00Z'); // 09:00 BST, the day after the change
    expect(first).toEqual({
      start,
      end: start + 90 * MIN,
      locationId: 's',
      practitionerId: 'p',
      roomId: 'r',
      deviceIds: ['x'],
    });
    const holds = describeHolds(compileSessionShape(needling, 10), first!);
    expect(holds).toEqual([
      { resourceId: 'p', kind: 'practitioner', start: start + 30 * MIN, end: start + 75 * MIN },
      { resourceId: 'r', kind: 'room', start, end: start + 100 * MIN },
      { resourceId: 'x', kind: 'device', start: start + 30 * MIN, end: start + 85 * MIN },
    ]);
  });

  it('lets a practitioner booked during numbing still take the procedure', () => {
    const start = Date.parse('2025-03-31T08:00Z');
    const resources: ClinicResources = {
      practitioners: [
        {
          id: 'p',
          locationId: 's',
          availability: HOURS,
          // Busy with another patient for the first 30 minutes, while this patient's cream works.
          busy: intervalsFromPairs([[start, start + 30 * MIN]]),
          modalities: ['microneedling-topical'],
        },
      ],
      rooms: [{ id: 'r', locationId: 's', availability: HOURS, busy: EMPTY_INTERVALS }],
      devices: [
        {
          id: 'x',
          locationId: 's',
          availability: HOURS,
          busy: EMPTY_INTERVALS,
          deviceType: 'microneedling-pen',
        },
      ],
    };
    const slots = findSlots({
      modality: needling,
      resources,
      timeZone: ZONE,
      firstDay: d('2025-03-31'),
      lastDay: d('2025-03-31'),
      stepMinutes: 15 as Minutes,
      cleaningMinutes: 10 as Minutes,
    });
    expect(slots[0]!.start).toBe(start);
  });
});
