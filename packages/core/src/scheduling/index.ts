// Scheduling: interval algebra, local-time edges, slot search and the course solver.
export type { PoolFilter, ResourcePool } from './build-pools';
export { buildPools } from './build-pools';
export type { FindSlotsInput } from './find-slots';
export { findSlots } from './find-slots';
export type { IntervalSet } from './intervals';
export {
  clipIntervals,
  containsInstant,
  containsInterval,
  EMPTY_INTERVALS,
  findIntervalIndex,
  intersectIntervals,
  intervalsFromPairs,
  intervalsToPairs,
  normaliseIntervals,
  subtractIntervals,
  totalLength,
  unionIntervals,
} from './intervals';
export type { IsoWeekday, OpeningHours, WallClockRange } from './local-time';
// addDays and daysBetween are the core's own (local-date.ts), exported there.
export {
  DAY_MS,
  fromEpochDay,
  localDateOf,
  localDayStarts,
  MINUTE_MS,
  openingHoursToIntervals,
  parseWallTime,
  startOfLocalDay,
  toEpochDay,
  wallTimeOnDay,
  wallTimeToInstant,
  weekdayOf,
  weekdayOfEpochDay,
} from './local-time';
export type { NeedShape, SessionShape } from './session-shape';
export { compileSessionShape, describeHolds } from './session-shape';
export { solveCourse } from './solve-course';
export type * from './types';
