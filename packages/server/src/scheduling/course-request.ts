import {
  addDays,
  type CourseRequest,
  compileSessionShape,
  containsInterval,
  describeHolds,
  type EpochMs,
  findIntervalIndex,
  type IntervalSet,
  type LocalDate,
  localDateOf,
  type Minutes,
  type ResourceHold,
  type SchedulableResource,
  type SessionModality,
  type SessionShape,
  type Slot,
} from '@exoclinic/core';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { DomainError, notFound, unprocessable } from '../shared/errors';
import type { BookablePlan } from './bookable-plan';
import { loadBusyTimes } from './busy-times';
import { assembleClinicCalendar, type ClinicCalendar, calendarRange } from './clinic-calendar';
import { type ClinicSetup, loadClinicSetup } from './clinic-setup';
import type { ChosenSession, CourseSearchInput } from './schemas';
import { resourceConflict } from './write-transaction';

/** The sites a booking may use, in preference order. */
export function siteChoice(
  input: Pick<CourseSearchInput, 'locationId' | 'preferences'>,
): string[] | undefined {
  if (input.locationId) return [input.locationId];
  const hard = input.preferences?.location?.strength === 'hard' ? input.preferences.location.id : undefined;
  if (hard) return [hard];
  return undefined;
}

const later = (a: LocalDate, b: LocalDate) => (a > b ? a : b);

export interface PreparedCourse {
  request: CourseRequest;
  calendar: ClinicCalendar;
  shape: SessionShape;
}

/** What a course search reads that bookings do not change: read before any write lock. */
export interface CourseGround {
  setup: ClinicSetup;
  /** The first local day the course may start. */
  earliest: LocalDate;
}

export async function readCourseGround(
  tx: Tx,
  ctx: UseCaseContext,
  bp: BookablePlan,
  input: CourseSearchInput,
): Promise<CourseGround> {
  const sites = siteChoice(input);
  const setup = await loadClinicSetup(
    tx,
    ctx.actor.tenantId,
    sites ? { locationIds: sites } : { preferLocationId: bp.consultationLocationId },
  );
  // The earliest day is read on the clinic's wall clock: "today" there, not in UTC.
  const today = localDateOf(ctx.now as number as EpochMs, setup.timeZone);
  return { setup, earliest: later((input.earliest ?? bp.plan.startDate) as LocalDate, today) };
}

/** The local days a course search needs loaded. */
export function courseDays(
  bp: BookablePlan,
  input: CourseSearchInput,
  earliest: LocalDate,
  /** Far enough for the failure explanation's wider searches too. */
  forExplanation = false,
): { firstDay: LocalDate; lastDay: LocalDate } {
  const sessions = bp.plan.initialSeries.sessions;
  const gap = bp.plan.initialSeries.intervalDays;
  // Far enough for every gap at its widest (the explanation of a failure also tries wider gaps
  // and twice the search: only a failure pays for loading that much).
  const span =
    (forExplanation ? 2 : 1) * input.searchDays +
    Math.max(0, sessions - 1) * (gap.max + (forExplanation ? 14 : 0)) +
    2;
  return { firstDay: earliest, lastDay: addDays(earliest, span) };
}

/** The core's request: the plan, the calendar and the patient's wishes. */
export function courseRequestFor(
  ctx: UseCaseContext,
  bp: BookablePlan,
  modality: SessionModality,
  input: CourseSearchInput,
  earliest: LocalDate,
  calendar: ClinicCalendar,
): PreparedCourse {
  const { plan } = bp;
  const gap = plan.initialSeries.intervalDays;
  const site = calendar.sites[0]!;
  const prefs = input.preferences;
  const request: CourseRequest = {
    modality,
    sessions: plan.initialSeries.sessions,
    gaps: { min: gap.min, target: gap.target, max: gap.max } as CourseRequest['gaps'],
    earliest,
    notBefore: ctx.now as number as EpochMs,
    searchDays: input.searchDays,
    timeZone: calendar.timeZone,
    resources: calendar.resources,
    stepMinutes: site.stepMinutes as Minutes,
    cleaningMinutes: site.cleaningMinutes as Minutes,
    alternatives: input.alternatives,
    ...(prefs && {
      preferences: {
        ...(prefs.weekdays && { weekdays: prefs.weekdays as never }),
        ...(prefs.timeOfDay && { timeOfDay: prefs.timeOfDay }),
        ...(prefs.practitioner && { practitioner: prefs.practitioner }),
        ...(prefs.location && { location: prefs.location }),
      },
    }),
  };
  return { request, calendar, shape: compileSessionShape(modality, site.cleaningMinutes) };
}

/** The calendar for a course search, its busy times read now (under the caller's lock, if any). */
export async function loadCourseCalendar(
  tx: Tx,
  ctx: UseCaseContext,
  bp: BookablePlan,
  input: CourseSearchInput,
  ground: CourseGround,
  forExplanation = false,
): Promise<ClinicCalendar> {
  const { firstDay, lastDay } = courseDays(bp, input, ground.earliest, forExplanation);
  const busy = await loadBusyTimes(tx, ctx.actor.tenantId, calendarRange(ground.setup, firstDay, lastDay));
  return assembleClinicCalendar(ground.setup, firstDay, lastDay, busy);
}

/** The plan, the clinic's calendar and the patient's wishes as one request for the core's solver. */
export async function prepareCourse(
  tx: Tx,
  ctx: UseCaseContext,
  bp: BookablePlan,
  modality: SessionModality,
  input: CourseSearchInput,
  /** Load the calendar far enough for the failure explanation's wider searches too. */
  forExplanation = false,
  ground?: CourseGround,
): Promise<PreparedCourse> {
  const g = ground ?? (await readCourseGround(tx, ctx, bp, input));
  const calendar = await loadCourseCalendar(tx, ctx, bp, input, g, forExplanation);
  return courseRequestFor(ctx, bp, modality, input, g.earliest, calendar);
}

/** The time zone of a site (or of the clinic's first site): where "today" is read. */
export async function zoneOf(
  tx: Tx,
  ctx: UseCaseContext,
  locationId: string | null | undefined,
): Promise<string> {
  let q = tx.selectFrom('locations').select('time_zone').where('tenant_id', '=', ctx.actor.tenantId);
  if (locationId) q = q.where('location_id', '=', locationId);
  const row = await q.orderBy('created_at').limit(1).executeTakeFirst();
  if (!row) throw notFound('location');
  return row.time_zone;
}

function overlaps(set: IntervalSet, start: number, end: number): boolean {
  const i = findIntervalIndex(set, start);
  return i < set.length && set[i]! < end;
}

export interface CheckedSession {
  slot: Slot;
  holds: ResourceHold[];
  localDate: LocalDate;
}

/**
 * A session exactly as the caller chose it: every resource exists at one site, is of the kind and
 * type the modality's segments need, is qualified, open and off leave for each segment it serves,
 * and (as far as this read sees) free. The write re-checks freedom under its lock.
 */
export function checkChosenSession(
  calendar: ClinicCalendar,
  modality: SessionModality,
  shape: SessionShape,
  chosen: ChosenSession,
  path: string,
): CheckedSession {
  const { practitioners, rooms, devices } = calendar.resources;
  const room = chosen.roomId ? rooms.find((r) => r.id === chosen.roomId) : undefined;
  const firstDevice = chosen.deviceIds[0] ? devices.find((d) => d.id === chosen.deviceIds[0]) : undefined;
  const locationId =
    room?.locationId ??
    firstDevice?.locationId ??
    practitioners.find((p) => p.id === chosen.practitionerId)?.locationId;
  if (!locationId)
    throw unprocessable('the chosen resources are not bookable here', [
      { path: `${path}.roomId`, message: 'is not an active room of these sites' },
    ]);
  const slot: Slot = {
    start: chosen.start as EpochMs,
    end: (chosen.start + shape.lengthMs) as EpochMs,
    locationId,
    practitionerId: chosen.practitionerId,
    roomId: chosen.roomId,
    deviceIds: chosen.deviceIds,
  };
  let holds: ResourceHold[];
  try {
    holds = describeHolds(shape, slot);
  } catch (e) {
    throw unprocessable((e as Error).message, [{ path, message: 'lacks a resource this modality needs' }]);
  }
  const deviceNeeds = shape.needs.filter((n) => n.kind === 'device');
  if (chosen.deviceIds.length !== deviceNeeds.length) {
    throw unprocessable(`this modality needs ${deviceNeeds.length} device(s)`, [
      { path: `${path}.deviceIds`, message: `names ${chosen.deviceIds.length}` },
    ]);
  }
  for (const hold of holds) {
    let resource: SchedulableResource | undefined;
    if (hold.kind === 'practitioner') {
      const p = practitioners.find((r) => r.id === hold.resourceId && r.locationId === locationId);
      if (p && !p.modalities.includes(modality.id)) {
        throw unprocessable(`the practitioner does not perform ${modality.id}`, [
          { path: `${path}.practitionerId`, message: 'is not qualified' },
        ]);
      }
      resource = p;
    } else if (hold.kind === 'room') {
      resource = rooms.find((r) => r.id === hold.resourceId && r.locationId === locationId);
    } else {
      const i = chosen.deviceIds.indexOf(hold.resourceId);
      const d = devices.find((r) => r.id === hold.resourceId && r.locationId === locationId);
      if (d && d.deviceType !== deviceNeeds[i]?.deviceType) {
        throw unprocessable(`device ${i + 1} must be a ${deviceNeeds[i]?.deviceType}`, [
          { path: `${path}.deviceIds.${i}`, message: `is a ${d.deviceType}` },
        ]);
      }
      resource = d;
    }
    if (!resource) {
      throw unprocessable(`the ${hold.kind} ${hold.resourceId} is not bookable at this site`, [
        { path, message: `names an unknown or inactive ${hold.kind}` },
      ]);
    }
    if (!containsInterval(resource.availability, hold.start, hold.end)) {
      throw new DomainError(
        409,
        'outside-hours',
        'Outside hours',
        `the ${hold.kind} ${hold.resourceId} is not available from ${new Date(hold.start).toISOString()} to ${new Date(hold.end).toISOString()}`,
        {
          resourceId: hold.resourceId,
        },
      );
    }
    if (overlaps(resource.busy, hold.start, hold.end)) {
      throw resourceConflict(
        `the ${hold.kind} ${hold.resourceId} is busy (booked or on leave) at ${new Date(hold.start).toISOString()}`,
        {
          resourceId: hold.resourceId,
        },
      );
    }
  }
  return { slot, holds, localDate: localDateOf(slot.start, calendar.timeZone) };
}
