import { findModality } from '@exoclinic/core';
import { sameSecret, sha256 } from '../auth/secrets';
import type { Db } from '../db/connect';
import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { ID_PATTERN, newId, type TenantId } from '../shared/ids';
import { type IcsEvent, writeCalendar } from './ics';

const UUID = ID_PATTERN.source.slice(1, -1);
const TENANT_RE = new RegExp(`^${UUID}$`);
const TOKEN_RE = new RegExp(`^(${UUID})_([A-Za-z0-9_-]{43})(?:\\.ics)?$`);

const PAST_DAYS = 30;
const FUTURE_DAYS = 400;
const DAY = 86_400_000;

const initials = (given: string, family: string) => `${given.slice(0, 1)}. ${family.slice(0, 1)}.`;

export function title(
  a: { kind: string; modality: string; session_index: number | null; follow_up_kind: string | null },
  series: number | null,
) {
  const name = findModality(a.modality as never)?.name ?? a.modality;
  if (a.kind === 'initial') return `${name} (session ${a.session_index}${series ? ` of ${series}` : ''})`;
  if (a.kind === 'maintenance') return `${name} (maintenance)`;
  return a.follow_up_kind === 'safety-review' ? 'Safety review' : 'Follow-up review';
}

/**
 * The calendar behind a secret URL, or null for a token that is malformed, unknown or revoked.
 * A resource's feed shows the time that resource is held (a practitioner only their part) with
 * the patient's initials; a patient's feed shows their own appointments. Reading a patient's feed
 * is audited like any other read of patient data.
 */
export async function readCalendarFeed(
  db: Db,
  tenant: string,
  token: string,
  now: number,
  from: { ip: string | null; requestId: string },
): Promise<string | null> {
  const m = TOKEN_RE.exec(token);
  if (!m || !TENANT_RE.test(tenant)) return null;
  const tenantId = tenant as TenantId;
  const feedId = m[1]!;
  return withTenant(db, tenantId, async (tx) => {
    const feed = await tx
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('feed_id', '=', feedId)
      .executeTakeFirst();
    if (!feed || feed.revoked_at !== null || !sameSecret(sha256(m[2]!), feed.token_hash)) return null;
    const lo = now - PAST_DAYS * DAY;
    const hi = now + FUTURE_DAYS * DAY;
    const locations = new Map(
      (
        await tx
          .selectFrom('locations')
          .select(['location_id', 'name', 'address'])
          .where('tenant_id', '=', tenantId)
          .execute()
      ).map((l) => [l.location_id, l.address ? `${l.name}, ${l.address}` : l.name]),
    );
    let q = tx
      .selectFrom('appointments as a')
      .innerJoin('patients as p', (j) =>
        j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.patient_id', '=', 'a.patient_id'),
      )
      .leftJoin('course_bookings as c', (j) =>
        j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.course_id', '=', 'a.course_id'),
      )
      .select([
        'a.appointment_id',
        'a.kind',
        'a.modality',
        'a.session_index',
        'a.follow_up_kind',
        'a.location_id',
        'a.start_ms',
        'a.end_ms',
        'a.version',
        'a.updated_at',
        'p.given_name',
        'p.family_name',
        'c.course_id',
      ])
      .where('a.tenant_id', '=', tenantId)
      .where('a.status', 'in', ['booked', 'checked-in', 'completed'])
      .where('a.start_ms', '>=', lo)
      .where('a.start_ms', '<', hi);
    if (feed.kind === 'patient') q = q.where('a.patient_id', '=', feed.subject_id);
    const rows = await q.orderBy('a.start_ms').orderBy('a.appointment_id').limit(5000).execute();

    // A resource sees the span it is held, which for a practitioner is the procedure only.
    const spans = new Map<string, { start: number; end: number }>();
    if (feed.kind !== 'patient') {
      const holds = await tx
        .selectFrom('resource_holds')
        .select(['appointment_id', 'start_ms', 'end_ms'])
        .where('tenant_id', '=', tenantId)
        .where('resource_id', '=', feed.subject_id)
        .where('active', '=', 1)
        .where('start_ms', '>=', lo - DAY)
        .where('start_ms', '<', hi + DAY)
        .execute();
      for (const h of holds) {
        const s = spans.get(h.appointment_id);
        spans.set(
          h.appointment_id,
          s
            ? { start: Math.min(s.start, h.start_ms), end: Math.max(s.end, h.end_ms) }
            : { start: h.start_ms, end: h.end_ms },
        );
      }
    }
    const seriesOf = new Map<string, number>();
    for (const r of rows)
      if (r.course_id && r.kind === 'initial')
        seriesOf.set(r.course_id, Math.max(seriesOf.get(r.course_id) ?? 0, r.session_index ?? 0));
    const events: IcsEvent[] = [];
    for (const r of rows) {
      const span =
        feed.kind === 'patient' ? { start: r.start_ms, end: r.end_ms } : spans.get(r.appointment_id);
      if (!span) continue;
      const what = title(r, r.course_id ? (seriesOf.get(r.course_id) ?? null) : null);
      events.push({
        uid: `${r.appointment_id}@exoclinic`,
        stamp: r.updated_at,
        start: span.start,
        end: span.end,
        summary: feed.kind === 'patient' ? what : `${what} · ${initials(r.given_name, r.family_name)}`,
        ...(locations.get(r.location_id) && { location: locations.get(r.location_id)! }),
        status: 'CONFIRMED',
        sequence: r.version - 1,
      });
    }
    if (feed.patient_id) {
      await tx
        .insertInto('audit_log')
        .values({
          tenant_id: tenantId,
          audit_id: newId(now),
          at: now,
          actor_user_id: null,
          actor_role: null,
          via: 'calendar-feed',
          action: 'calendar-feed.read',
          patient_id: feed.patient_id,
          entity: 'calendar-feed',
          entity_id: feedId,
          ip: from.ip,
          request_id: from.requestId,
          detail: writeJson({ events: events.length }),
        })
        .execute();
    }
    return writeCalendar(feed.label, events);
  });
}
