// The one place that decides who may do what. Every route names one permission (or is public);
// the app refuses to start with a route that names none. Tested route × role.

export const ROLES = ['owner', 'admin', 'practitioner', 'front_desk', 'patient'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = [
  'owner',
  'admin',
  'practitioner',
  'front_desk',
] as const satisfies readonly Role[];

const ALL_STAFF = STAFF_ROLES;
const CLINICAL = ['owner', 'practitioner'] as const;
const MANAGERS = ['owner', 'admin'] as const;

interface PermissionRule {
  roles: readonly Role[];
  /** Touches patient data: every use leaves an audit row. */
  patientData: boolean;
}

export const PERMISSIONS = {
  // A patient (portal account) reaches only their own record; use cases enforce "own".
  'patients.read': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'patients.write': { roles: ALL_STAFF, patientData: true },
  'consultations.read': { roles: ['owner', 'admin', 'practitioner'], patientData: true },
  'consultations.write': { roles: CLINICAL, patientData: true },
  'plans.read': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'plans.write': { roles: CLINICAL, patientData: true },
  'plans.accept': { roles: [...CLINICAL, 'patient'], patientData: true },
  'quotes.read': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'quotes.write': { roles: ALL_STAFF, patientData: true },
  'consents.read': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'consents.write': { roles: ALL_STAFF, patientData: true },
  'consents.sign': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'consents.witness': { roles: ALL_STAFF, patientData: true },
  'consent-templates.read': { roles: ALL_STAFF, patientData: false },
  'consent-templates.write': { roles: MANAGERS, patientData: false },
  'products.read': { roles: ALL_STAFF, patientData: false },
  'products.write': { roles: MANAGERS, patientData: false },
  'price-lists.read': { roles: ALL_STAFF, patientData: false },
  'price-lists.write': { roles: MANAGERS, patientData: false },
  'locations.read': { roles: ALL_STAFF, patientData: false },
  'locations.write': { roles: MANAGERS, patientData: false },
  'users.read': { roles: MANAGERS, patientData: false },
  'users.write': { roles: MANAGERS, patientData: false },
  'audit.read': { roles: ['owner'], patientData: false },
  'tokens.manage': { roles: ALL_STAFF, patientData: false },
  // Invitation links: any staff member may invite a patient to the portal; managers invite staff.
  'invitations.patient': { roles: ALL_STAFF, patientData: true },
  'invitations.staff': { roles: MANAGERS, patientData: false },
  // Treatment records, safety and outcomes (issue 5).
  'sessions.read': { roles: ['owner', 'admin', 'practitioner', 'front_desk'], patientData: true },
  'sessions.check-in': { roles: ALL_STAFF, patientData: true },
  'charts.write': { roles: CLINICAL, patientData: true },
  'charts.sign': { roles: CLINICAL, patientData: true },
  'photos.read': { roles: ['owner', 'admin', 'practitioner'], patientData: true },
  'photos.write': { roles: CLINICAL, patientData: true },
  'adverse-events.read': { roles: ['owner', 'admin', 'practitioner', 'patient'], patientData: true },
  'adverse-events.report': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'adverse-events.write': { roles: CLINICAL, patientData: true },
  'adverse-events.export': { roles: ['owner', 'admin', 'practitioner'], patientData: true },
  'adverse-events.review': { roles: ['owner', 'admin', 'practitioner'], patientData: true },
  'follow-up-tasks.read': { roles: ['owner', 'admin', 'practitioner'], patientData: true },
  'lots.recall': { roles: MANAGERS, patientData: false },
  'lots.recipients': { roles: ['owner', 'admin', 'practitioner'], patientData: true },
  'outcomes.read': { roles: ['owner', 'admin', 'practitioner', 'patient'], patientData: true },
  'outcomes.write': { roles: [...CLINICAL, 'patient'], patientData: true },
  'maintenance.read': { roles: ALL_STAFF, patientData: true },
  'alerts.read': { roles: ALL_STAFF, patientData: true },
  'analytics.read': { roles: MANAGERS, patientData: false },
  'record-catalog.read': { roles: ROLES, patientData: false },
  'record-settings.read': { roles: ALL_STAFF, patientData: false },
  'record-settings.write': { roles: MANAGERS, patientData: false },
  'protocol-settings.read': { roles: ALL_STAFF, patientData: false },
  'protocol-settings.write': { roles: MANAGERS, patientData: false },
  // Course scheduling (issue 4): resources, course booking, appointments, recalls, calendar feeds.
  'resources.read': { roles: ALL_STAFF, patientData: false },
  'resources.write': { roles: MANAGERS, patientData: false },
  'courses.search': { roles: ALL_STAFF, patientData: true },
  'courses.book': { roles: ALL_STAFF, patientData: true },
  'appointments.read': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'appointments.write': { roles: ALL_STAFF, patientData: true },
  // A patient moves their own booked session within its window (staff use appointments.write).
  'appointments.reschedule-own': { roles: ['patient'], patientData: true },
  'maintenance-recall.read': { roles: ALL_STAFF, patientData: true },
  'calendar-feeds.manage': { roles: ALL_STAFF, patientData: true },
  // Printable plan and aftercare (PDF): staff, and a patient for their own record.
  'plan-printouts.read': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'aftercare-printouts.read': { roles: [...ALL_STAFF, 'patient'], patientData: true },
  'session.read': { roles: ROLES, patientData: false },
  'clinic.read': { roles: ROLES, patientData: false },
  'clinic.write': { roles: MANAGERS, patientData: false },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSION_NAMES.filter((p) => roleMay(role, p));
}

export function isPermission(s: string): s is Permission {
  return Object.hasOwn(PERMISSIONS, s);
}
