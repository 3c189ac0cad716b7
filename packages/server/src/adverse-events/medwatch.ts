import { type ConsultationProfile, findAdverseEventType, findIndication } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import type { ChartInput } from '../charting/schemas';
import { readJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findAdverseEvent } from './repository';

// The fields of FDA Form 3500 (MedWatch voluntary report), sections A–G, filled from the record.
// What the record does not hold is left null, never guessed; the patient is named by initials only.

const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

export interface MedWatchReport {
  form: 'FDA 3500';
  generatedAt: string;
  A_patient: {
    identifier: string;
    ageAtEvent: { value: number; unit: 'years' } | null;
    dateOfBirth: string;
    sex: string;
    weight: null;
    ethnicity: null;
    race: null;
  };
  B_adverseEvent: {
    type: 'adverse-event';
    outcomes: string[];
    dateOfEvent: string | null;
    dateOfReport: string | null;
    description: string;
    relevantTests: null;
    otherHistory: string;
    ctcaeGrade: number;
    eventType: string;
    relation: string;
    outcome: string;
    resolvedOn: string | null;
    actions: string[];
  };
  C_productAvailability: { availableForEvaluation: null };
  D_suspectProducts: {
    name: string;
    manufacturer: string;
    origin: string;
    lotNumber: string;
    expirationDate: string;
    doseOrAmount: string | null;
    route: string | null;
    therapyDates: { start: string | null; stop: string | null };
    diagnosisForUse: string | null;
    eventAbatedAfterStop: null;
    eventReappearedAfterReintroduction: null;
    registration: unknown;
  }[];
  E_suspectDevices: { name: string; settings: Record<string, unknown> }[];
  F_otherProducts: string[];
  G_reporter: {
    name: string;
    clinic: string;
    email: string;
    healthProfessional: boolean;
    occupation: string;
    source: string;
  };
}

export async function buildMedWatchReport(ctx: UseCaseContext, id: string): Promise<MedWatchReport> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const t = ctx.actor.tenantId;
    const ae = await findAdverseEvent(tx, ctx, id);
    const patient = await tx
      .selectFrom('patients')
      .select(['given_name', 'family_name', 'date_of_birth', 'sex'])
      .where('tenant_id', '=', t)
      .where('patient_id', '=', ae.patient_id)
      .executeTakeFirstOrThrow();
    const tenant = await tx
      .selectFrom('tenants')
      .select(['name', 'jurisdiction'])
      .where('tenant_id', '=', t)
      .executeTakeFirstOrThrow();
    const reporter = await tx
      .selectFrom('users')
      .select(['display_name', 'email', 'role'])
      .where('tenant_id', '=', t)
      .where('user_id', '=', ae.created_by)
      .executeTakeFirst();
    const sessions = await tx
      .selectFrom('adverse_event_sessions as a')
      .innerJoin('treatment_sessions as s', (j) =>
        j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.session_id', '=', 'a.session_id'),
      )
      .leftJoin('chart_versions as c', (j) =>
        j
          .onRef('c.tenant_id', '=', 's.tenant_id')
          .onRef('c.session_id', '=', 's.session_id')
          .onRef('c.version', '=', 's.chart_version'),
      )
      .select(['s.session_id', 's.checked_in_at', 's.indication', 's.plan_id', 'c.content'])
      .where('a.tenant_id', '=', t)
      .where('a.adverse_event_id', '=', id)
      .orderBy('s.checked_in_at')
      .execute();
    const lots = await tx
      .selectFrom('adverse_event_lots as a')
      .innerJoin('product_lots as l', (j) =>
        j.onRef('l.tenant_id', '=', 'a.tenant_id').onRef('l.lot_id', '=', 'a.lot_id'),
      )
      .innerJoin('products as p', (j) =>
        j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.product_id', '=', 'l.product_id'),
      )
      .select([
        'l.lot_id',
        'l.lot_number',
        'l.expires_on',
        'p.product_id',
        'p.name',
        'p.supplier',
        'p.origin',
        'p.registrations',
      ])
      .where('a.tenant_id', '=', t)
      .where('a.adverse_event_id', '=', id)
      .execute();
    const plan = sessions[0]
      ? await tx
          .selectFrom('plans as p')
          .innerJoin('consultations as c', (j) =>
            j.onRef('c.tenant_id', '=', 'p.tenant_id').onRef('c.consultation_id', '=', 'p.consultation_id'),
          )
          .select(['c.profile'])
          .where('p.tenant_id', '=', t)
          .where('p.plan_id', '=', sessions[0].plan_id)
          .executeTakeFirst()
      : undefined;
    const profile = plan ? readJson<ConsultationProfile>(plan.profile) : null;

    const charts = sessions.map((s) => ({
      at: s.checked_in_at,
      chart: s.content ? readJson<ChartInput>(s.content) : null,
    }));
    const uses = (productId: string, lotId: string) =>
      charts.flatMap((c) =>
        (c.chart?.products ?? [])
          .filter((p) => p.productId === productId && p.lotId === lotId)
          .map((p) => ({ ...p, at: c.at })),
      );
    const jurisdiction = tenant.jurisdiction;
    const onsetAge = (() => {
      const [y, m, d] = patient.date_of_birth.split('-').map(Number) as [number, number, number];
      const o = new Date(ae.onset_at);
      return (
        o.getUTCFullYear() -
        y -
        (o.getUTCMonth() + 1 < m || (o.getUTCMonth() + 1 === m && o.getUTCDate() < d) ? 1 : 0)
      );
    })();
    const type = findAdverseEventType(ae.type_id);
    const history = profile
      ? [
          profile.patient.conditions.length
            ? `Conditions: ${profile.patient.conditions.join(', ')}`
            : 'No conditions recorded',
          profile.patient.allergies.length
            ? `Allergies: ${profile.patient.allergies.join(', ')}`
            : 'No allergies recorded',
          profile.patient.pregnant ? 'Pregnant at consultation' : null,
          `Fitzpatrick ${profile.patient.fitzpatrick}`,
        ]
          .filter(Boolean)
          .join('. ')
      : 'Not recorded';

    const report: MedWatchReport = {
      form: 'FDA 3500',
      generatedAt: new Date(ctx.now).toISOString(),
      A_patient: {
        identifier: `${patient.given_name[0] ?? ''}${patient.family_name[0] ?? ''}`.toUpperCase(),
        ageAtEvent: { value: onsetAge, unit: 'years' },
        dateOfBirth: patient.date_of_birth,
        sex: patient.sex,
        weight: null,
        ethnicity: null,
        race: null,
      },
      B_adverseEvent: {
        type: 'adverse-event',
        outcomes: readJson<string[]>(ae.serious_criteria),
        dateOfEvent: day(ae.onset_at),
        dateOfReport: day(ctx.now),
        description: ae.description,
        relevantTests: null,
        otherHistory: history,
        ctcaeGrade: ae.grade,
        eventType: type?.name ?? ae.type_id,
        relation: ae.relation,
        outcome: ae.outcome,
        resolvedOn: day(ae.resolved_at),
        actions: readJson<string[]>(ae.actions),
      },
      C_productAvailability: { availableForEvaluation: null },
      D_suspectProducts: lots.map((l) => {
        const used = uses(l.product_id, l.lot_id);
        const dates = used.map((u) => u.at).filter((x): x is number => x !== null);
        const reg =
          readJson<{ jurisdiction: string }[]>(l.registrations).find(
            (r) => r.jurisdiction === jurisdiction,
          ) ?? null;
        return {
          name: l.name,
          manufacturer: l.supplier,
          origin: l.origin,
          lotNumber: l.lot_number,
          expirationDate: l.expires_on,
          doseOrAmount: used.length
            ? used
                .map((u) =>
                  [u.volumeMl !== undefined ? `${u.volumeMl} mL` : null, u.dose, `${u.quantity} unit(s)`]
                    .filter(Boolean)
                    .join(', '),
                )
                .join('; ')
            : null,
          route: [...new Set(used.map((u) => u.route))].join(', ') || null,
          therapyDates: {
            start: day(dates.length ? Math.min(...dates) : null),
            stop: day(dates.length ? Math.max(...dates) : null),
          },
          diagnosisForUse: sessions[0]
            ? (findIndication(sessions[0].indication as never)?.name ?? sessions[0].indication)
            : null,
          eventAbatedAfterStop: null,
          eventReappearedAfterReintroduction: null,
          registration: reg,
        };
      }),
      E_suspectDevices: charts
        .filter((c) => c.chart?.device?.device)
        .map((c) => {
          const { device, ...settings } = c.chart!.device!;
          return { name: device!, settings };
        }),
      F_otherProducts: [
        ...new Set(charts.flatMap((c) => (c.chart?.otherMaterials ?? []).map((m) => m.name))),
      ],
      G_reporter: {
        name: reporter?.display_name ?? 'unknown',
        clinic: tenant.name,
        email: reporter?.email ?? '',
        healthProfessional: ae.source === 'staff' && reporter?.role !== 'front_desk',
        occupation:
          ae.source === 'patient' ? 'patient (reported in the portal)' : (reporter?.role ?? 'unknown'),
        source: ae.source,
      },
    };
    await recordAudit(tx, ctx, {
      action: 'adverse_event.export',
      patientId: ae.patient_id,
      entity: 'adverse-event',
      entityId: id,
      detail: { form: 'FDA 3500' },
    });
    return report;
  });
}
