import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { noticeMs } from './patient-change-window';
import { type AppointmentRow, toAppointmentView } from './repository';

// A session as its patient reads it: when and where, with whom, which session of the course, and
// until when they may change it themselves. No room, device, history reasons or staff notes.

export interface PatientSession {
  id: string;
  planId: string;
  courseId: string | null;
  kind: 'initial' | 'maintenance' | 'follow-up';
  followUpKind: string | null;
  sessionIndex: number | null;
  sessionsInCourse: number | null;
  modality: string;
  status: string;
  start: number;
  end: number;
  local: { date: string; time: string; timeZone: string };
  site: { id: string; name: string; address: string | null };
  practitioner: { name: string } | null;
  /** Until this instant the patient may change the time themselves (null: not a booked session). */
  changeableUntil: number | null;
}

export interface SessionLookups {
  sites: Map<string, { name: string; address: string | null; timeZone: string }>;
  practitioners: Map<string, string>;
  courseSizes: Map<string, number>;
}

/** Sites, practitioner names and course sizes for these appointments: three queries, whatever their number. */
export async function loadSessionLookups(
  tx: Tx,
  ctx: UseCaseContext,
  rows: readonly AppointmentRow[],
): Promise<SessionLookups> {
  const tenantId = ctx.actor.tenantId;
  const practitionerIds = [...new Set(rows.flatMap((r) => (r.practitioner_id ? [r.practitioner_id] : [])))];
  const courseIds = [...new Set(rows.flatMap((r) => (r.course_id ? [r.course_id] : [])))];
  const [sites, practitioners, sizes] = await Promise.all([
    tx
      .selectFrom('locations')
      .select(['location_id', 'name', 'address', 'time_zone'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    practitionerIds.length === 0
      ? []
      : tx
          .selectFrom('resources')
          .select(['resource_id', 'name'])
          .where('tenant_id', '=', tenantId)
          .where('resource_id', 'in', practitionerIds)
          .execute(),
    courseIds.length === 0
      ? []
      : tx
          .selectFrom('appointments')
          .select(['course_id', (eb) => eb.fn.max('session_index').as('n')])
          .where('tenant_id', '=', tenantId)
          .where('course_id', 'in', courseIds)
          .where('kind', '=', 'initial')
          .groupBy('course_id')
          .execute(),
  ]);
  return {
    sites: new Map(
      sites.map((s) => [s.location_id, { name: s.name, address: s.address, timeZone: s.time_zone }]),
    ),
    practitioners: new Map(practitioners.map((p) => [p.resource_id, p.name])),
    courseSizes: new Map(sizes.flatMap((s) => (s.course_id ? [[s.course_id, Number(s.n)] as const] : []))),
  };
}

/** The session as its patient reads it; `noticeHours` is the clinic's notice period (until when they may move it). */
export function toPatientSession(
  r: AppointmentRow,
  lookups: SessionLookups,
  noticeHours: number,
): PatientSession {
  const site = lookups.sites.get(r.location_id);
  const view = toAppointmentView(r, site?.timeZone ?? 'UTC');
  const practitioner = r.practitioner_id ? lookups.practitioners.get(r.practitioner_id) : undefined;
  return {
    id: view.id,
    planId: view.planId,
    courseId: view.courseId,
    kind: view.kind,
    followUpKind: view.followUpKind,
    sessionIndex: view.sessionIndex,
    sessionsInCourse:
      r.course_id && r.kind === 'initial' ? (lookups.courseSizes.get(r.course_id) ?? null) : null,
    modality: view.modality,
    status: view.status,
    start: view.start,
    end: view.end,
    local: view.local,
    site: { id: r.location_id, name: site?.name ?? '', address: site?.address ?? null },
    practitioner: practitioner ? { name: practitioner } : null,
    changeableUntil: r.status === 'booked' ? r.start_ms - noticeMs(noticeHours) : null,
  };
}
