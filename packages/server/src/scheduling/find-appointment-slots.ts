import { addDays, type EpochMs, findSlots, type LocalDate, localDateOf, type Minutes } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { dueItemFor } from './appointment-windows';
import { loadBookablePlan, sessionModalityFor } from './bookable-plan';
import { loadClinicCalendar } from './clinic-calendar';
import { zoneOf } from './course-request';
import { localTime } from './present-time';

const MAX_DAYS = 62;

export interface SlotView {
  start: number;
  end: number;
  local: { date: string; time: string };
  locationId: string;
  practitionerId: string | null;
  roomId: string | null;
  deviceIds: string[];
}

/** Free starts for one maintenance session or follow-up of a plan, inside its due window by default. */
export async function findAppointmentSlots(
  ctx: UseCaseContext,
  planId: string,
  q: {
    kind: 'maintenance' | 'follow-up';
    followUpKind?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    location?: string | undefined;
    practitioner?: string | undefined;
    limit: number;
  },
): Promise<{
  window: { earliest: string; due: string; latest: string | null };
  timeZone: string;
  slots: SlotView[];
}> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const bp = await loadBookablePlan(tx, ctx, planId);
    const zone = await zoneOf(tx, ctx, q.location ?? bp.consultationLocationId);
    const item = await dueItemFor(tx, ctx, bp, zone, q.kind, q.followUpKind);
    const today = localDateOf(ctx.now as number as EpochMs, zone);
    const from = [(q.from ?? item.earliest) as LocalDate, today].sort().at(-1)!;
    let to = (q.to ?? item.latest ?? addDays(item.due, 28)) as LocalDate;
    if (to > addDays(from, MAX_DAYS - 1)) to = addDays(from, MAX_DAYS - 1);
    const calendar = await loadClinicCalendar(tx, ctx.actor.tenantId, {
      ...(q.location ? { locationIds: [q.location] } : { preferLocationId: bp.consultationLocationId }),
      firstDay: from,
      // Local dates compare as text (YYYY-MM-DD); Math.max would not do.
      lastDay: to < from ? from : to,
    });
    const site = calendar.sites[0]!;
    const slots =
      to < from
        ? []
        : findSlots({
            modality: sessionModalityFor(bp.plan, q.kind),
            resources: calendar.resources,
            timeZone: calendar.timeZone,
            firstDay: from,
            lastDay: to,
            stepMinutes: site.stepMinutes as Minutes,
            cleaningMinutes: site.cleaningMinutes as Minutes,
            notBefore: ctx.now as number as EpochMs,
            ...(q.practitioner && { practitionerIds: [q.practitioner] }),
          });
    await recordAudit(tx, ctx, {
      action: 'appointment.slots',
      patientId: bp.patientId,
      entity: 'plan',
      entityId: planId,
      detail: { kind: q.kind, from, to },
    });
    return {
      window: { earliest: item.earliest, due: item.due, latest: item.latest },
      timeZone: calendar.timeZone,
      slots: slots.slice(0, q.limit).map((s) => ({
        start: s.start,
        end: s.end,
        local: { date: localDateOf(s.start, calendar.timeZone), time: localTime(s.start, calendar.timeZone) },
        locationId: s.locationId,
        practitionerId: s.practitionerId,
        roomId: s.roomId,
        deviceIds: s.deviceIds,
      })),
    };
  });
}
