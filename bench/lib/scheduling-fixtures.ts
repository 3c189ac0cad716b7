// Deterministic scheduling data for bench/scheduling.ts: a Cal.com-sized team for slot search and a
// year of bookings in a three-site clinic for the course solver.

import type { DeviceType } from '../../packages/core/src/catalog/modalities';
import { findModality } from '../../packages/core/src/catalog/modalities';
import {
  type ClinicResources,
  type CourseRequest,
  fromEpochDay,
  type IsoWeekday,
  localDayStarts,
  normaliseIntervals,
  type OpeningHours,
  openingHoursToIntervals,
  type PatientPreferences,
  type SessionModality,
  toEpochDay,
  wallTimeOnDay,
} from '../../packages/core/src/scheduling/index';
import type { Days, LocalDate, Minutes, ModalityId } from '../../packages/core/src/types';
import { createRandom, type Random } from './prng';

const MIN = 60_000;

function workWeek(rand: Random, open: string, close: string): OpeningHours['weekly'] {
  const days: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
  // Five working days out of seven, different for each person.
  const off = new Set<IsoWeekday>();
  while (off.size < 2) off.add(rand.pick(days));
  const weekly: OpeningHours['weekly'] = {};
  for (const d of days) if (!off.has(d)) weekly[d] = [{ open, close }];
  return weekly;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// ---- (a) slot search in the shape of Cal.com's benchmark ---------------------------------------

export interface Team {
  resources: ClinicResources;
  modality: SessionModality;
  timeZone: string;
  firstDay: LocalDate;
  lastDay: LocalDate;
  /** The candidate grid: 06:00–24:00 every 15 minutes, 72 a day. */
  candidates: number[];
  busyIntervals: number;
}

/** 88 practitioners, 30 days, an 8-hour shift five days a week each, 2–8 bookings a working day. */
export function generateTeam(seed: number): Team {
  const rand = createRandom(seed);
  const timeZone = 'America/New_York';
  const firstDay = '2025-10-20' as LocalDate; // the range crosses the 2 November clock change
  const lastDay = fromEpochDay(toEpochDay(firstDay) + 29);
  const starts = localDayStarts(firstDay, 30, timeZone);
  let busyIntervals = 0;
  const practitioners = Array.from({ length: 88 }, (_, i) => {
    const shiftStart = rand.int(6, 16) * 60;
    const hours = { timeZone, weekly: workWeek(rand, hhmm(shiftStart), hhmm(shiftStart + 480)) };
    const availability = openingHoursToIntervals(hours, firstDay, lastDay);
    const busy: number[] = [];
    for (let a = 0; a < availability.length; a += 2) {
      for (let k = rand.int(2, 8); k > 0; k--) {
        const s = availability[a]! + rand.int(0, 31) * 15 * MIN;
        busy.push(s, s + rand.pick([30, 45, 60]) * MIN);
      }
    }
    busyIntervals += busy.length / 2;
    return {
      id: `host-${i}`,
      locationId: 'team',
      availability,
      busy: normaliseIntervals(busy),
      modalities: ['intradermal-injection' as ModalityId],
    };
  });
  const candidates: number[] = [];
  for (let d = 0; d < 30; d++) {
    const date = fromEpochDay(toEpochDay(firstDay) + d);
    for (let k = 0; k < 72; k++)
      candidates.push(wallTimeOnDay(date, starts[d]!, starts[d + 1]!, 360 + 15 * k, timeZone));
  }
  const modality: SessionModality = {
    id: 'intradermal-injection',
    segments: [
      {
        kind: 'procedure',
        label: 'Appointment',
        minutes: { min: 30 as Minutes, max: 30 as Minutes },
        needs: [{ kind: 'practitioner' }],
        sources: [],
      },
    ],
  };
  return {
    resources: { practitioners, rooms: [], devices: [] },
    modality,
    timeZone,
    firstDay,
    lastDay,
    candidates,
    busyIntervals,
  };
}

// ---- (b) a year of bookings in a clinic ---------------------------------------------------------

export interface Clinic {
  resources: ClinicResources;
  timeZone: string;
  firstDay: LocalDate;
  days: number;
  appointments: number;
}

const SITES = ['north', 'central', 'south'] as const;
const DEVICES: [DeviceType, (typeof SITES)[number]][] = [
  ['microneedling-pen', 'north'],
  ['microneedling-pen', 'central'],
  ['microneedling-pen', 'south'],
  ['laser', 'north'],
  ['laser', 'central'],
  ['radiofrequency', 'central'],
  ['radiofrequency', 'south'],
  ['infusion-pump', 'south'],
];
const BANK_HOLIDAYS = [
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
];
const OPEN_MIN = 8 * 60;
const CELL_MIN = 5;
const CELLS = (12 * 60) / CELL_MIN; // 08:00–20:00 in 5-minute cells

/**
 * 40 practitioners, 15 rooms, 8 devices over 365 days, Mon–Sat 08:00–20:00 in London. Bookings
 * are placed at random on free 5-minute cells until each site-day holds its share of ~150,000:
 * consultations and reviews (85%, 10–25 min) hold a practitioner; treatments (15%) a room for
 * 60–90 min plus cleaning, a practitioner for the procedure and often a device (plus cleaning), as
 * the solver itself books them.
 */
export function generateClinic(seed: number): Clinic {
  const rand = createRandom(seed);
  const timeZone = 'Europe/London';
  const firstDay = '2025-01-06' as LocalDate;
  const days = 365;
  const lastDay = fromEpochDay(toEpochDay(firstDay) + days - 1);
  const open = { open: '08:00', close: '20:00' };
  const siteHours: OpeningHours = {
    timeZone,
    weekly: { 1: [open], 2: [open], 3: [open], 4: [open], 5: [open], 6: [open] },
    closures: BANK_HOLIDAYS as LocalDate[],
  };
  const hours = openingHoursToIntervals(siteHours, firstDay, lastDay);
  const starts = localDayStarts(firstDay, days, timeZone);
  const kinds: ModalityId[] = [
    'microneedling-topical',
    'laser-topical',
    'radiofrequency-topical',
    'intradermal-injection',
    'scalp-injection',
  ];

  const practitioners = Array.from({ length: 40 }, (_, i) => {
    const shift = rand.pick([
      [480, 960],
      [720, 1200],
      [480, 1080],
    ]);
    const weekly = workWeek(rand, hhmm(shift[0]!), hhmm(shift[1]!));
    delete weekly[7]; // the clinic is closed on Sundays
    const modalities = kinds.filter(() => rand.chance(0.6));
    return {
      id: `prac-${i}`,
      locationId: SITES[i % 3]!,
      weekly,
      availability: openingHoursToIntervals(
        { timeZone, weekly, closures: siteHours.closures },
        firstDay,
        lastDay,
      ),
      modalities: modalities.length > 0 ? modalities : ['intradermal-injection' as ModalityId],
    };
  });
  const rooms = SITES.flatMap((site) =>
    Array.from({ length: 5 }, (_, r) => ({ id: `${site}-room-${r}`, locationId: site })),
  );
  const devices = DEVICES.map(([deviceType, site], i) => ({
    id: `${deviceType}-${i}`,
    locationId: site,
    deviceType,
  }));

  const busy = new Map<string, number[]>();
  for (const r of [...practitioners, ...rooms, ...devices]) busy.set(r.id, []);
  const cells = new Map<string, Uint8Array>();
  for (const id of busy.keys()) cells.set(id, new Uint8Array(CELLS));
  const isFree = (id: string, from: number, to: number) => {
    const c = cells.get(id)!;
    for (let k = from; k < to; k++) if (c[k]) return false;
    return true;
  };
  const hold = (id: string, from: number, to: number, dayOpen: number) => {
    cells.get(id)!.fill(1, from, to);
    busy.get(id)!.push(dayOpen + from * CELL_MIN * MIN, dayOpen + to * CELL_MIN * MIN);
  };

  let appointments = 0;
  const perSiteDay = 165;
  for (let d = 0; d < days; d++) {
    const date = fromEpochDay(toEpochDay(firstDay) + d);
    const dayOpen = wallTimeOnDay(date, starts[d]!, starts[d + 1]!, OPEN_MIN, timeZone);
    if (!containsStart(hours, dayOpen)) continue;
    for (const c of cells.values()) c.fill(0);
    // A practitioner's cells outside their shift count as taken.
    const weekday = ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
    for (const p of practitioners) {
      const range = p.weekly[weekday as IsoWeekday]?.[0];
      const c = cells.get(p.id)!;
      if (!range) c.fill(1);
      else {
        c.fill(1, 0, (toMinutes(range.open) - OPEN_MIN) / CELL_MIN);
        c.fill(1, (toMinutes(range.close) - OPEN_MIN) / CELL_MIN);
      }
    }
    for (const site of SITES) {
      const staff = practitioners.filter((p) => p.locationId === site);
      const siteRooms = rooms.filter((r) => r.locationId === site);
      const siteDevices = devices.filter((x) => x.locationId === site);
      let placed = 0;
      for (let attempt = 0; attempt < 3000 && placed < perSiteDay; attempt++) {
        const p = rand.pick(staff);
        if (rand.chance(0.85)) {
          const len = rand.int(2, 5);
          const s = rand.int(0, CELLS - len);
          if (!isFree(p.id, s, s + len)) continue;
          hold(p.id, s, s + len, dayOpen);
        } else {
          const len = rand.int(12, 18);
          const s = rand.int(0, CELLS - len - 3);
          const proc = [s + 4, s + 4 + rand.int(6, 9)] as const;
          const room = rand.pick(siteRooms);
          const device = rand.chance(0.5) ? rand.pick(siteDevices) : null;
          if (!isFree(room.id, s, s + len + 3) || !isFree(p.id, proc[0], proc[1])) continue;
          if (device && !isFree(device.id, proc[0], proc[1] + 3)) continue;
          hold(room.id, s, s + len + 3, dayOpen);
          hold(p.id, proc[0], proc[1], dayOpen);
          if (device) hold(device.id, proc[0], proc[1] + 3, dayOpen);
        }
        placed++;
      }
      appointments += placed;
    }
  }

  const busySet = (id: string) => normaliseIntervals(busy.get(id)!);
  return {
    timeZone,
    firstDay,
    days,
    appointments,
    resources: {
      practitioners: practitioners.map((p) => ({
        id: p.id,
        locationId: p.locationId,
        availability: p.availability,
        busy: busySet(p.id),
        modalities: p.modalities,
      })),
      rooms: rooms.map((r) => ({ ...r, availability: hours, busy: busySet(r.id) })),
      devices: devices.map((x) => ({ ...x, availability: hours, busy: busySet(x.id) })),
    },
  };
}

function toMinutes(hhmmText: string): number {
  return Number(hhmmText.slice(0, 2)) * 60 + Number(hhmmText.slice(3));
}

function containsStart(set: readonly number[], t: number): boolean {
  for (let i = 0; i < set.length; i += 2) if (set[i] === t) return true;
  return false;
}

/** Course requests of many shapes of patient: no preferences, weekdays, hours, a practitioner, a site. */
export function generateCourseRequests(clinic: Clinic, seed: number, count: number): CourseRequest[] {
  const rand = createRandom(seed);
  const modality = findModality('microneedling-topical')!;
  const credentialed = clinic.resources.practitioners.filter((p) => p.modalities.includes(modality.id));
  return Array.from({ length: count }, () => {
    const earliest = fromEpochDay(toEpochDay(clinic.firstDay) + rand.int(0, 150));
    const roll = rand.next();
    let preferences: PatientPreferences = {};
    if (roll < 0.2)
      preferences = { weekdays: [1, 2, 3, 4, 5, 6].filter(() => rand.chance(0.6)) as IsoWeekday[] };
    else if (roll < 0.4)
      preferences = {
        timeOfDay: [
          rand.pick([
            { open: '08:00', close: '12:00' },
            { open: '16:00', close: '20:00' },
          ]),
        ],
      };
    else if (roll < 0.55)
      preferences = { practitioner: { id: rand.pick(credentialed).id, strength: 'soft' } };
    else if (roll < 0.65)
      preferences = { practitioner: { id: rand.pick(credentialed).id, strength: 'hard' } };
    else if (roll < 0.75) preferences = { location: { id: rand.pick(SITES), strength: 'hard' } };
    else if (roll < 0.78) preferences = { weekdays: [7] }; // Sundays: closed, so the failure path is timed too
    if (preferences.weekdays?.length === 0) preferences = {};
    return {
      modality,
      sessions: 5,
      gaps: { min: 28 as Days, target: 35 as Days, max: 42 as Days },
      earliest,
      timeZone: clinic.timeZone,
      resources: clinic.resources,
      stepMinutes: 15 as Minutes,
      cleaningMinutes: 15 as Minutes,
      preferences,
      searchDays: 60,
    };
  });
}
