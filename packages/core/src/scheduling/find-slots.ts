import type { EpochMs, LocalDate, Minutes } from '../types';
import { buildPools } from './build-pools';
import { type IntervalSet, intersectIntervals, normaliseIntervals, unionIntervals } from './intervals';
import { localDayStarts, MINUTE_MS, toEpochDay } from './local-time';
import { compileSessionShape } from './session-shape';
import { createPicker, type PoolStarts, poolStarts } from './start-sets';
import type { ClinicResources, SessionModality, Slot } from './types';

export interface FindSlotsInput {
  modality: SessionModality;
  resources: ClinicResources;
  timeZone: string;
  /** First and last local day searched, both included. */
  firstDay: LocalDate;
  lastDay: LocalDate;
  /** Grid step; the grid is counted from each local midnight so slots read :00, :15, … */
  stepMinutes: Minutes;
  /** Held on the room and devices after the session. */
  cleaningMinutes: Minutes;
  /** No slot starts before this instant. */
  notBefore?: EpochMs;
  /** Only these practitioners, offered in this order. */
  practitionerIds?: readonly string[];
  /** Only these sites, in this order. */
  locationIds?: readonly string[];
}

/**
 * Every grid start in the day range at which a whole session fits: each segment finds its resources
 * free, one room for the session, the practitioner for the segments that need them, a device of
 * the right type. A session starts and ends on the same local day. One slot per start time, with
 * the first free resources in the order given (sites, then practitioners, rooms, devices).
 */
export function findSlots(input: FindSlotsInput): Slot[] {
  const stepMs = input.stepMinutes * MINUTE_MS;
  if (!(stepMs > 0)) throw new RangeError('step must be positive');
  const shape = compileSessionShape(input.modality, input.cleaningMinutes);
  const count = toEpochDay(input.lastDay) - toEpochDay(input.firstDay) + 1;
  if (count <= 0) return [];
  const dayStarts = localDayStarts(input.firstDay, count, input.timeZone);

  // Starts allowed by the calendar alone: the session ends by the end of its own day.
  const allowedFlat: number[] = [];
  const notBefore = input.notBefore ?? Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    allowedFlat.push(Math.max(dayStarts[i]!, notBefore), dayStarts[i + 1]! - shape.lengthMs + 1);
  }
  const allowed = normaliseIntervals(allowedFlat);

  const pools = buildPools(shape, input.modality.id, input.resources, input);
  const perPool: PoolStarts[] = pools.map((pool) => poolStarts(shape, pool, allowed, new Map()));
  const pickers = perPool.map((ps) => createPicker(shape, ps));
  let any: IntervalSet = normaliseIntervals([]);
  for (const ps of perPool) any = unionIntervals(any, ps.starts);

  const slots: Slot[] = [];
  const poolPointers = perPool.map(() => 0);
  for (let d = 0; d < count; d++) {
    const anchor = dayStarts[d]!;
    const today = intersectIntervals(any, normaliseIntervals([anchor, dayStarts[d + 1]!]));
    for (let i = 0; i < today.length; i += 2) {
      const end = today[i + 1]!;
      for (let t = anchor + Math.ceil((today[i]! - anchor) / stepMs) * stepMs; t < end; t += stepMs) {
        const p = firstPoolAt(perPool, poolPointers, t);
        const slot: Slot = {
          start: t as EpochMs,
          end: (t + shape.lengthMs) as EpochMs,
          locationId: perPool[p]!.pool.locationId,
          practitionerId: null,
          roomId: null,
          deviceIds: [],
        };
        pickers[p]!(t, slot);
        slots.push(slot);
      }
    }
  }
  return slots;
}

/** The first pool (site) whose starts contain t; pointers only move forward as t grows. */
function firstPoolAt(perPool: PoolStarts[], pointers: number[], t: number): number {
  for (let p = 0; p < perPool.length; p++) {
    const set = perPool[p]!.starts;
    let i = pointers[p]!;
    while (i < set.length && set[i + 1]! <= t) i += 2;
    pointers[p] = i;
    if (i < set.length && set[i]! <= t) return p;
  }
  throw new Error(`start ${t} is in no pool although it was in their union`);
}
