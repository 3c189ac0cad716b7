import type { ModalityId } from '@exoclinic/core';
import { createResource } from '../resources/create-resource';
import { setLocationSchedule } from '../resources/location-schedule';
import type { WeeklyHours } from '../resources/schemas';
import { setResourceHours } from '../resources/set-resource-hours';
import { bookCourse } from '../scheduling/book-course';
import { courseBookInput } from '../scheduling/schemas';
import type { UseCaseContext } from '../shared/context';

// The demo clinic's schedule: opening hours per site, rooms and devices by type, the practitioners'
// working hours per site, and the accepted plans booked as courses, so the staff calendar, the
// feeds and the recall list have something to show on first start.

/** The same hours on each of these ISO weekdays. */
export const hours = (days: number[], open: string, close: string): WeeklyHours =>
  Object.fromEntries(days.map((d) => [String(d), [{ open, close }]]));
const merge = (...parts: WeeklyHours[]): WeeklyHours => Object.assign({}, ...parts);

const SITES = [
  // Downtown: weekdays and weekend mornings (so the demo has a day whenever it starts); Uptown:
  // late opening Tuesday to Thursday.
  { weekly: merge(hours([1, 2, 3, 4, 5], '09:00', '18:00'), hours([6, 7], '10:00', '14:00')), rooms: 2 },
  { weekly: hours([2, 3, 4], '10:00', '19:00'), rooms: 1 },
];

/** Devices per site, by type: what the catalog's modalities need. */
const DEVICES: {
  name: string;
  deviceType: 'microneedling-pen' | 'laser' | 'radiofrequency' | 'infusion-pump';
  site: number;
}[] = [
  { name: 'Microneedling pen A', deviceType: 'microneedling-pen', site: 0 },
  { name: 'Microneedling pen B', deviceType: 'microneedling-pen', site: 0 },
  { name: 'Fractional laser', deviceType: 'laser', site: 0 },
  { name: 'RF microneedling unit', deviceType: 'radiofrequency', site: 0 },
  { name: 'Infusion pump', deviceType: 'infusion-pump', site: 0 },
  { name: 'Microneedling pen C', deviceType: 'microneedling-pen', site: 1 },
  { name: 'Fractional laser (Uptown)', deviceType: 'laser', site: 1 },
];

export interface DemoPractitioner {
  userId: string;
  modalities: ModalityId[];
  /** Working hours per site index. */
  hours: { site: number; weekly: WeeklyHours }[];
}

export async function seedDemoSchedule(
  owner: () => UseCaseContext,
  desk: () => UseCaseContext,
  opts: { locations: string[]; practitioners: DemoPractitioner[]; acceptedPlans: string[] },
): Promise<{ courses: string[] }> {
  for (const [i, site] of SITES.entries()) {
    await setLocationSchedule(owner(), opts.locations[i]!, {
      weekly: site.weekly,
      closures: [],
      stepMinutes: 15,
      cleaningMinutes: 15,
    });
    for (let r = 1; r <= site.rooms; r++)
      await createResource(owner(), {
        kind: 'room',
        name: `Treatment room ${i === 0 ? r : `U${r}`}`,
        locationId: opts.locations[i]!,
      });
  }
  for (const d of DEVICES)
    await createResource(owner(), {
      kind: 'device',
      name: d.name,
      locationId: opts.locations[d.site]!,
      deviceType: d.deviceType,
    });
  for (const p of opts.practitioners) {
    await createResource(owner(), { kind: 'practitioner', userId: p.userId, modalities: p.modalities });
    await setResourceHours(
      owner(),
      p.userId,
      p.hours.map((h) => ({ locationId: opts.locations[h.site]!, weekly: h.weekly })),
    );
  }
  // Each accepted plan booked as the solver's best course, as the front desk would.
  const courses: string[] = [];
  for (const planId of opts.acceptedPlans) {
    const booked = await bookCourse(desk(), planId, courseBookInput.parse({}));
    courses.push(booked.body.id);
  }
  return { courses };
}
