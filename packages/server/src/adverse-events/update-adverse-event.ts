import { findAdverseEventType } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict, unprocessable } from '../shared/errors';
import { alertClinicLeads } from './alert-clinic-leads';
import { adverseEventPageLink } from './event-page-link';
import { applyChange } from './event-state';
import { type AdverseEventView, assess, findAdverseEvent, loadAdverseEventView } from './repository';
import type { UpdateInput } from './schemas';
import { type AdverseEventUpdateView, loadUpdateHistory, rowState } from './update-history';

/**
 * Follow an event up: grade, seriousness, relation, actions, outcome, resolution. The event row
 * holds the current state; every change is also kept as a numbered update with its note. An
 * escalation to an alerting state alerts then, once.
 */
export async function updateAdverseEvent(
  ctx: UseCaseContext,
  id: string,
  input: UpdateInput,
  links: { publicBaseUrl: string },
): Promise<AdverseEventView & { updates: AdverseEventUpdateView[] }> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await findAdverseEvent(tx, ctx, id);
    if (row.version !== input.basedOnVersion) {
      throw conflict(`the event is at version ${row.version}, not ${input.basedOnVersion}: read it again`);
    }
    const { basedOnVersion: _, note, ...change } = input;
    const state = applyChange(rowState(row), change);
    const next = {
      ...row,
      grade: state.grade,
      serious: state.serious ? 1 : 0,
      serious_criteria: writeJson(state.seriousCriteria),
      relation: state.relation,
      actions: writeJson(state.actions),
      outcome: state.outcome,
      resolved_at: state.resolvedAt,
      version: row.version + 1,
      updated_at: ctx.now,
    };
    if ((next.outcome === 'fatal') !== (next.grade === 5)) {
      throw unprocessable('a fatal outcome is grade 5 and grade 5 is fatal', [
        { path: 'body.outcome', message: 'must be fatal exactly when the grade is 5' },
      ]);
    }
    if (next.resolved_at !== null && (next.resolved_at < row.onset_at || next.resolved_at > ctx.now)) {
      throw unprocessable('the resolution must fall between the onset and now', [
        { path: 'body.resolvedAt', message: 'outside onset..now' },
      ]);
    }
    const assessment = assess(next, ctx.now, null);
    const alertNow = row.alerted === 0 && (assessment?.alert.immediate ?? next.grade >= 3);
    if (alertNow) next.alerted = 1;
    await tx
      .updateTable('adverse_events')
      .set({
        grade: next.grade,
        serious: next.serious,
        serious_criteria: next.serious_criteria,
        relation: next.relation,
        actions: next.actions,
        outcome: next.outcome,
        resolved_at: next.resolved_at,
        alerted: next.alerted,
        version: next.version,
        updated_at: ctx.now,
      })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('adverse_event_id', '=', id)
      .where('version', '=', row.version)
      .execute();
    await tx
      .insertInto('adverse_event_updates')
      .values({
        tenant_id: ctx.actor.tenantId,
        adverse_event_id: id,
        version: next.version,
        change: writeJson(change),
        note,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .execute();
    if (alertNow) {
      const type = findAdverseEventType(row.type_id);
      await alertClinicLeads(tx, ctx, {
        kind: 'adverse-event',
        patientId: row.patient_id,
        entity: 'adverse-event',
        entityId: id,
        title: `Adverse event escalated to grade ${next.grade}${next.serious ? ', serious' : ''}: ${type?.name ?? row.type_id}`,
        body: `${type?.name ?? row.type_id} is now CTCAE grade ${next.grade}${next.serious ? ' and serious' : ''}. ${note}`,
        mailBody: `An adverse event was escalated to CTCAE grade ${next.grade}${next.serious ? ' (serious)' : ''}.\nOpen it in Exoclinic: ${adverseEventPageLink(links.publicBaseUrl, row.patient_id, id)}\nPatient details are not sent by e-mail.`,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'adverse_event.update',
      patientId: row.patient_id,
      entity: 'adverse-event',
      entityId: id,
      detail: { version: next.version, change, alerted: alertNow },
    });
    const stored = await findAdverseEvent(tx, ctx, id);
    return {
      ...(await loadAdverseEventView(tx, ctx, stored)),
      updates: await loadUpdateHistory(tx, ctx, stored),
    };
  });
}
