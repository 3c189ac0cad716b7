import type { PatientId, TenantId, UserId } from '../shared/ids';
import type { Permission, Role } from './permissions';

/** Who is calling, resolved from a session cookie or a bearer token. */
export interface Actor {
  tenantId: TenantId;
  userId: UserId;
  role: Role;
  email: string;
  displayName: string;
  /** Portal accounts only: the one patient record this account may see. */
  patientId: PatientId | null;
  via: 'session' | 'token';
  /** Bearer tokens only: what the token was granted. */
  scopes: Permission[] | null;
  sessionId: string | null;
  tokenId: string | null;
}
