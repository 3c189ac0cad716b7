import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { ChartVersionsTable, TreatmentSessionsTable } from '../db/records-schema';
import type { Tx } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import type { ChartInput } from './schemas';

export interface ChartVersionView {
  version: number;
  status: 'draft' | 'signed';
  amendsVersion: number | null;
  reason: string | null;
  chart: ChartInput;
  practitionerId: string;
  createdAt: number;
  createdBy: string;
  signedAt: number | null;
  signedBy: string | null;
}

export function toChartVersionView(r: Selectable<ChartVersionsTable>): ChartVersionView {
  return {
    version: r.version,
    status: r.status as ChartVersionView['status'],
    amendsVersion: r.amends_version,
    reason: r.reason,
    chart: readJson<ChartInput>(r.content),
    practitionerId: r.practitioner_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    signedAt: r.signed_at,
    signedBy: r.signed_by,
  };
}

export function toSessionView(r: Selectable<TreatmentSessionsTable>, chart: ChartVersionView | null = null) {
  return {
    id: r.session_id,
    patientId: r.patient_id,
    planId: r.plan_id,
    planVersion: r.plan_version,
    appointmentId: r.appointment_id,
    locationId: r.location_id,
    sessionIndex: r.session_index,
    seriesPlanned: r.series_planned,
    kind: r.session_index !== null && r.session_index > r.series_planned ? 'maintenance' : 'series',
    protocolId: r.protocol_id,
    indication: r.indication,
    status: r.status,
    scheduledFor: r.scheduled_for,
    checkedInAt: r.checked_in_at,
    checkedInBy: r.checked_in_by,
    checkIn: readJson<Record<string, unknown>>(r.check_in),
    chartVersion: r.chart_version,
    signedAt: r.signed_at,
    createdAt: r.created_at,
    chart,
  };
}
export type SessionView = ReturnType<typeof toSessionView>;

export async function findSession(tx: Tx, ctx: UseCaseContext, sessionId: string) {
  const row = await tx
    .selectFrom('treatment_sessions')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  if (!row) throw notFound('session');
  assertMayReachPatient(ctx, row.patient_id);
  return row;
}

export async function findChartVersion(tx: Tx, ctx: UseCaseContext, sessionId: string, version: number) {
  return tx
    .selectFrom('chart_versions')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('session_id', '=', sessionId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
}
