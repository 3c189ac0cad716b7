import type { LightMyRequestResponse } from 'fastify';
import { aPatient, type Caller } from './clinic';

// The invitation routes' share of the generated route tests: a valid body for each write route,
// and the audit-completeness walk over the ones that touch patient data.

export const INVITATION_EXAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/v1/patients/{id}/invitations': undefined,
  'POST /api/v1/invitations': {
    email: 'invited.staff@example.org',
    displayName: 'Invited',
    role: 'front_desk',
  },
};

type Call = (key: string, res: Promise<LightMyRequestResponse>, patientId: string) => Promise<unknown>;

/** A patient with an e-mail is invited, and the invitation's status read: one audit row each. */
export async function coverInvitationAudit(owner: Caller, call: Call): Promise<void> {
  const V = '/api/v1';
  const patient = (
    await owner.send('POST', `${V}/patients`, aPatient({ email: `invited.${Date.now()}@example.org` }))
  ).json() as { id: string };
  await call(
    'POST /api/v1/patients/{id}/invitations',
    owner.send('POST', `${V}/patients/${patient.id}/invitations`),
    patient.id,
  );
  await call(
    'GET /api/v1/patients/{id}/invitations',
    owner.get(`${V}/patients/${patient.id}/invitations`),
    patient.id,
  );
}
