import { findAdverseEventType } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound, unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { alertClinicLeads } from './alert-clinic-leads';
import { adverseEventPageLink } from './event-page-link';
import { reportedState } from './event-state';
import { type AdverseEventView, assess, loadAdverseEventView } from './repository';
import type { ReportInput } from './schemas';

const DAY_MS = 86_400_000;
/** Delayed granulomas appear up to three months after treatment (DOMAIN §15); a little margin. */
const DEFAULT_LINK_WINDOW_DAYS = 120;

/**
 * An adverse event reported by staff or by the patient in the portal. It is linked to sessions
 * and lots (by default the last session before onset and the lots charted in it), assessed
 * against the catalog, and, when it needs it (CTCAE ≥ 3, serious, or an urgent type), alerts the
 * clinic's owners and admins at once, in the same transaction.
 */
export async function reportAdverseEvent(
  ctx: UseCaseContext,
  patientId: string,
  input: ReportInput,
  links: { publicBaseUrl: string },
): Promise<AdverseEventView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const t = ctx.actor.tenantId;
    const patient = await findPatient(tx, ctx, patientId);
    const byPatient = ctx.actor.role === 'patient';
    if (byPatient && input.followUps.length > 0) {
      throw unprocessable('follow-up tasks are set by the clinic', [
        { path: 'body.followUps', message: 'staff only' },
      ]);
    }
    if ((input.outcome === 'fatal') !== (input.grade === 5)) {
      throw unprocessable('a fatal outcome is grade 5 and grade 5 is fatal', [
        { path: 'body.outcome', message: 'must be fatal exactly when the grade is 5' },
      ]);
    }

    let sessionIds = input.sessionIds ?? [];
    if (input.sessionIds?.length) {
      const found = await tx
        .selectFrom('treatment_sessions')
        .select('session_id')
        .where('tenant_id', '=', t)
        .where('patient_id', '=', patientId)
        .where('session_id', 'in', input.sessionIds)
        .execute();
      if (found.length !== new Set(input.sessionIds).size) throw notFound('session');
      sessionIds = [...new Set(input.sessionIds)];
    } else if (!input.sessionIds) {
      const last = await tx
        .selectFrom('treatment_sessions')
        .select('session_id')
        .where('tenant_id', '=', t)
        .where('patient_id', '=', patientId)
        .where('status', 'in', ['charted', 'signed'])
        .where('checked_in_at', '<=', input.onsetAt)
        .where('checked_in_at', '>=', input.onsetAt - DEFAULT_LINK_WINDOW_DAYS * DAY_MS)
        .orderBy('checked_in_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      sessionIds = last ? [last.session_id] : [];
    }

    let lotIds: string[];
    if (input.lotIds?.length) {
      const found = await tx
        .selectFrom('product_lots')
        .select('lot_id')
        .where('tenant_id', '=', t)
        .where('lot_id', 'in', input.lotIds)
        .execute();
      if (found.length !== new Set(input.lotIds).size) throw notFound('lot');
      lotIds = [...new Set(input.lotIds)];
    } else {
      const used = sessionIds.length
        ? await tx
            .selectFrom('session_lots')
            .select('lot_id')
            .distinct()
            .where('tenant_id', '=', t)
            .where('session_id', 'in', sessionIds)
            .execute()
        : [];
      lotIds = used.map((u) => u.lot_id);
    }

    const type = findAdverseEventType(input.typeId)!;
    const id = newId(ctx.now);
    const state = reportedState(input, byPatient);
    const row = {
      tenant_id: t,
      adverse_event_id: id,
      patient_id: patientId,
      type_id: input.typeId,
      description: input.description,
      onset_at: input.onsetAt,
      grade: state.grade,
      serious: state.serious ? 1 : 0,
      serious_criteria: writeJson(state.seriousCriteria),
      relation: state.relation,
      actions: writeJson(state.actions),
      outcome: state.outcome,
      resolved_at: state.resolvedAt,
      expected_until: type.expectedHours ? input.onsetAt + type.expectedHours.max * 3_600_000 : null,
      source: byPatient ? 'patient' : 'staff',
      alerted: 0,
      version: 1,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      updated_at: ctx.now,
    };
    // The core checks what zod cannot: onset not in the future, resolution after onset.
    if (
      input.onsetAt > ctx.now ||
      (input.resolvedAt !== null && input.resolvedAt < input.onsetAt) ||
      (input.resolvedAt ?? 0) > ctx.now
    ) {
      throw unprocessable('the dates do not hold together', [
        ...(input.onsetAt > ctx.now
          ? [{ path: 'body.onsetAt', message: 'the onset cannot be in the future' }]
          : []),
        ...(input.resolvedAt !== null && input.resolvedAt < input.onsetAt
          ? [{ path: 'body.resolvedAt', message: 'the event cannot resolve before its onset' }]
          : []),
        ...((input.resolvedAt ?? 0) > ctx.now
          ? [{ path: 'body.resolvedAt', message: 'the resolution cannot be in the future' }]
          : []),
      ]);
    }
    const assessment = assess(row, ctx.now, null);
    const immediate = assessment?.alert.immediate ?? row.grade >= 3;
    row.alerted = immediate ? 1 : 0;
    await tx.insertInto('adverse_events').values(row).execute();
    if (sessionIds.length) {
      await tx
        .insertInto('adverse_event_sessions')
        .values(sessionIds.map((s) => ({ tenant_id: t, adverse_event_id: id, session_id: s })))
        .execute();
    }
    if (lotIds.length) {
      await tx
        .insertInto('adverse_event_lots')
        .values(lotIds.map((l) => ({ tenant_id: t, adverse_event_id: id, lot_id: l })))
        .execute();
    }
    await tx
      .insertInto('adverse_event_updates')
      .values({
        tenant_id: t,
        adverse_event_id: id,
        version: 1,
        change: writeJson({ reported: { ...input, followUps: undefined } }),
        note: null,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .execute();
    if (input.followUps.length) {
      await tx
        .insertInto('follow_up_tasks')
        .values(
          input.followUps.map((f) => ({
            tenant_id: t,
            task_id: newId(ctx.now),
            adverse_event_id: id,
            patient_id: patientId,
            title: f.title,
            due_at: f.dueAt,
            assigned_to: f.assignedTo ?? null,
            done_at: null,
            done_by: null,
            created_at: ctx.now,
            created_by: ctx.actor.userId,
          })),
        )
        .execute();
    }
    if (immediate) {
      const reasons = assessment?.alert.reasons.map((r) => r.reason).join('; ') ?? `grade ${row.grade}`;
      const initials = `${patient.given_name[0] ?? ''}${patient.family_name[0] ?? ''}`.toUpperCase();
      await alertClinicLeads(tx, ctx, {
        kind: 'adverse-event',
        patientId,
        entity: 'adverse-event',
        entityId: id,
        title: `${row.serious ? 'Serious adverse event' : `Grade ${row.grade} adverse event`}: ${type.name}`,
        body: `${patient.given_name} ${patient.family_name}: ${type.name}, CTCAE grade ${row.grade}${row.serious ? ', serious' : ''}. ${reasons}. Reported by ${byPatient ? 'the patient' : ctx.actor.displayName}.`,
        mailBody: [
          `An adverse event needs your attention now (${reasons}).`,
          `Type: ${type.name}; CTCAE grade ${row.grade}${row.serious ? '; serious' : ''}; patient ${initials}.`,
          `Open it in Exoclinic: ${adverseEventPageLink(links.publicBaseUrl, patientId, id)}`,
          'Patient details are not sent by e-mail.',
        ].join('\n'),
      });
    }
    await recordAudit(tx, ctx, {
      action: 'adverse_event.report',
      patientId,
      entity: 'adverse-event',
      entityId: id,
      detail: {
        typeId: input.typeId,
        grade: input.grade,
        serious: row.serious === 1,
        alerted: immediate,
        lotIds,
      },
    });
    const stored = await tx
      .selectFrom('adverse_events')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('adverse_event_id', '=', id)
      .executeTakeFirstOrThrow();
    return loadAdverseEventView(tx, ctx, stored);
  });
}
