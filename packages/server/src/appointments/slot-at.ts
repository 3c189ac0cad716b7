import {
  type EpochMs,
  findSlots,
  type LocalDate,
  localDateOf,
  type Minutes,
  type SessionModality,
  type Slot,
} from '@exoclinic/core';
import type { ClinicCalendar } from '../scheduling/clinic-calendar';
import { DomainError } from '../shared/errors';

/**
 * Free resources for a session starting exactly at `start` (on the site's grid), keeping the
 * given practitioner when they are free: what a front desk means by "move it to Tuesday 10:00".
 */
export function slotAt(
  calendar: ClinicCalendar,
  modality: SessionModality,
  start: number,
  keepPractitioner: string | null,
): Slot {
  const site = calendar.sites[0]!;
  const day: LocalDate = localDateOf(start as EpochMs, calendar.timeZone);
  const search = (practitionerIds?: string[]) =>
    findSlots({
      modality,
      resources: calendar.resources,
      timeZone: calendar.timeZone,
      firstDay: day,
      lastDay: day,
      stepMinutes: site.stepMinutes as Minutes,
      cleaningMinutes: site.cleaningMinutes as Minutes,
      ...(practitionerIds && { practitionerIds }),
    }).find((s) => s.start === start);
  const slot = (keepPractitioner && search([keepPractitioner])) || search();
  if (!slot) {
    throw new DomainError(
      409,
      'slot-unavailable',
      'Slot unavailable',
      `no free practitioner, room and device for a session at ${new Date(start).toISOString()} (starts fall on the site's ${site.stepMinutes}-minute grid)`,
    );
  }
  return slot;
}
