import {
  type ConsultationProfile,
  NOT_BOOKABLE_VERDICTS,
  type Plan,
  type ScreeningResult,
  screenPatient,
  VERDICTS,
} from '@exoclinic/core';
import { changeAppointment, findAppointment } from '../appointments/repository';
import { recordAudit } from '../audit/record-audit';
import { readJson, writeJson } from '../db/connect';
import { type Tx, withTenant } from '../db/tenant';
import { findPlan, findVersion } from '../plans/repository';
import { readRecordSettings } from '../records/settings';
import type { UseCaseContext } from '../shared/context';
import { conflict, DomainError, notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import { moveCourseProgress } from './course-progress';
import { type SessionView, toSessionView } from './repository';
import type { ChangeQuestionnaire } from './schemas';

const DAY_MS = 86_400_000;

export interface CheckInInput {
  appointmentId?: string | undefined;
  locationId?: string | undefined;
  sessionIndex?: number | undefined;
  questionnaire?: ChangeQuestionnaire | undefined;
}

const refused = (type: string, title: string, detail: string, extra: Record<string, unknown> = {}) =>
  new DomainError(409, type, title, detail, extra);

/** The profile as it stands today: the consultation's, with what changed since. */
export function applyChanges(profile: ConsultationProfile, q: ChangeQuestionnaire): ConsultationProfile {
  const p = profile.patient;
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  return {
    ...profile,
    patient: {
      ...p,
      pregnant: q.pregnant,
      breastfeeding: q.breastfeeding,
      activeInfection: q.newInfection,
      allergies: union(p.allergies, q.newAllergies),
      // The screening rules read medicines (anticoagulants, immunosuppressants…) from conditions.
      conditions: union(p.conditions, [...q.newConditions, ...q.newMedicines]),
    },
  };
}

/** Stop when the answers make the verdict worse than the consultation's and not bookable. */
export function verdictTurned(before: ScreeningResult, after: ScreeningResult): boolean {
  return (
    VERDICTS.indexOf(after.verdict) > VERDICTS.indexOf(before.verdict) &&
    NOT_BOOKABLE_VERDICTS.includes(after.verdict)
  );
}

async function gate(tx: Tx, ctx: UseCaseContext, planId: string, input: CheckInInput) {
  const plan = await findPlan(tx, ctx, planId);
  if (plan.status !== 'accepted' || plan.accepted_version === null) {
    throw refused('plan-not-accepted', 'Plan not accepted', 'the plan must be accepted before a session');
  }
  const version = await findVersion(tx, ctx, planId, plan.accepted_version);
  const consent = await tx
    .selectFrom('consents')
    .select(['consent_id', 'status', 'signed_at'])
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('plan_id', '=', planId)
    .where('plan_version', '=', plan.accepted_version)
    .where('status', 'in', ['signed', 'witnessed'])
    .orderBy('signed_at', 'desc')
    .executeTakeFirst();
  if (!consent) {
    throw refused(
      'consent-required',
      'Consent required',
      `no signed consent covers version ${plan.accepted_version} of the plan: prepare and sign it first`,
      { planVersion: plan.accepted_version },
    );
  }
  const consultation = await tx
    .selectFrom('consultations')
    .select(['consultation_id', 'profile', 'screening', 'created_at'])
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('consultation_id', '=', plan.consultation_id)
    .executeTakeFirstOrThrow();
  const last = await tx
    .selectFrom('treatment_sessions')
    .select((eb) => eb.fn.max('screened_at').as('at'))
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  const screenedAt = Math.max(consultation.created_at, Number(last?.at ?? 0));
  const { screeningValidDays } = await readRecordSettings(tx, ctx);
  const ageDays = Math.floor((ctx.now - screenedAt) / DAY_MS);
  const stale = ageDays > screeningValidDays;
  if (stale && !input.questionnaire) {
    throw refused(
      'screening-stale',
      'Screening needs re-confirming',
      `the screening is ${ageDays} days old (the clinic allows ${screeningValidDays}): answer the change questionnaire`,
      { screenedAt, ageDays, screeningValidDays },
    );
  }
  const original = readJson<ScreeningResult>(consultation.screening);
  let rescreen: ScreeningResult | null = null;
  if (input.questionnaire) {
    const profile = applyChanges(readJson<ConsultationProfile>(consultation.profile), input.questionnaire);
    rescreen = screenPatient(profile);
    if (verdictTurned(original, rescreen)) {
      throw refused(
        'screening-stopped',
        'Session stopped by screening',
        `the answers turn the screening from ${original.verdict} to ${rescreen.verdict}: do not treat today`,
        { verdict: rescreen.verdict, findings: rescreen.findings },
      );
    }
  }
  return { plan, version, consent, original, rescreen, screenedAt, ageDays };
}

/**
 * Check a patient in for a session of an accepted plan: the consent for the accepted version is
 * signed, and the screening is recent or re-confirmed by the change questionnaire without turning
 * the verdict. A refusal writes nothing but its audit row.
 */
export async function checkInPatient(
  ctx: UseCaseContext,
  planId: string,
  input: CheckInInput,
): Promise<SessionView> {
  try {
    return await withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
      const g = await gate(tx, ctx, planId, input);
      if (input.locationId) {
        const loc = await tx
          .selectFrom('locations')
          .select('location_id')
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('location_id', '=', input.locationId)
          .executeTakeFirst();
        if (!loc) throw notFound('location');
      }
      // Booked through the scheduling engine: the appointment is this plan's, and it is checked in too.
      const appointment = input.appointmentId ? await findAppointment(tx, ctx, input.appointmentId) : null;
      if (appointment) {
        if (appointment.plan_id !== planId) throw notFound('appointment');
        if (appointment.status !== 'booked' && appointment.status !== 'checked-in') {
          throw conflict(`a ${appointment.status} appointment cannot be checked in`);
        }
        if (appointment.status === 'booked') {
          await changeAppointment(tx, ctx, appointment, {
            kind: 'checked-in',
            status: 'checked-in',
            reason: null,
          });
        }
      }
      const plan = readJson<Plan>(g.version.plan);
      const done = await tx
        .selectFrom('treatment_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where('plan_id', '=', planId)
        .where('status', 'not in', ['no_show', 'cancelled'])
        .executeTakeFirstOrThrow();
      const row = await tx
        .insertInto('treatment_sessions')
        .values({
          tenant_id: ctx.actor.tenantId,
          session_id: newId(ctx.now),
          patient_id: g.plan.patient_id,
          plan_id: planId,
          plan_version: g.version.version,
          appointment_id: input.appointmentId ?? null,
          location_id: input.locationId ?? appointment?.location_id ?? null,
          session_index: input.sessionIndex ?? appointment?.session_index ?? Number(done.n) + 1,
          series_planned: plan.initialSeries.sessions,
          protocol_id: g.version.protocol_id,
          indication: plan.indication,
          status: 'checked_in',
          scheduled_for: null,
          checked_in_at: ctx.now,
          checked_in_by: ctx.actor.userId,
          screened_at: g.rescreen ? ctx.now : null,
          check_in: writeJson({
            consentId: g.consent.consent_id,
            screeningAgeDays: g.ageDays,
            questionnaire: input.questionnaire ?? null,
            verdict: g.rescreen?.verdict ?? g.original.verdict,
            findings: g.rescreen?.findings ?? null,
          }),
          chart_version: null,
          signed_at: null,
          created_at: ctx.now,
          created_by: ctx.actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await moveCourseProgress(tx, row, 'attended', ctx.now);
      await recordAudit(tx, ctx, {
        action: 'session.check_in',
        patientId: row.patient_id,
        entity: 'session',
        entityId: row.session_id,
        detail: {
          planId,
          reconfirmed: Boolean(input.questionnaire),
          appointmentId: input.appointmentId ?? null,
        },
      });
      return toSessionView(row);
    });
  } catch (e) {
    if (e instanceof DomainError && e.status === 409) {
      // The refusal itself is a fact about the patient worth keeping.
      await withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
        const plan = await tx
          .selectFrom('plans')
          .select('patient_id')
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('plan_id', '=', planId)
          .executeTakeFirst();
        await recordAudit(tx, ctx, {
          action: 'session.check_in_refused',
          patientId: plan?.patient_id ?? null,
          entity: 'plan',
          entityId: planId,
          detail: { reason: e.type, detail: e.message },
        });
      });
    }
    throw e;
  }
}
