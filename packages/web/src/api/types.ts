// What the API returns, as the server's views describe it (packages/server/src/**/routes.ts).
import type {
  ConsultationProfile,
  CourseQuote,
  Disclosure,
  Plan,
  RegulatoryResult,
  ScreeningResult,
} from '@exoclinic/core';

export type Role = 'owner' | 'admin' | 'practitioner' | 'front_desk' | 'patient';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  tenantId: string;
  patientId: string | null;
}

export interface SessionInfo {
  user: SessionUser;
  via: string;
  permissions: string[];
}

export interface LoginResult {
  user: SessionUser;
  csrfToken: string;
  expiresAt: number;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Patient {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'other';
  phone: string | null;
  email: string | null;
  address: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface Consultation {
  id: string;
  patientId: string;
  locationId: string | null;
  productId: string | null;
  profile: ConsultationProfile;
  screening: ScreeningResult;
  regulatory: RegulatoryResult | null;
  blockedBy: string[];
  bookable: boolean;
  disclosures: Disclosure[];
  createdAt: number;
  createdBy: string;
}

export interface PlanVersion {
  version: number;
  reason: string;
  protocolId: string | null;
  override: { by: string; reason: string; userId: string } | null;
  plan: Plan;
  createdAt: number;
  createdBy: string;
}

export interface PlanRecord {
  id: string;
  patientId: string;
  consultationId: string;
  status: 'proposed' | 'accepted' | 'withdrawn' | string;
  currentVersion: number;
  acceptedVersion: number | null;
  acceptedAt: number | null;
  acceptedBy: string | null;
  acceptOverride: { by: string; userId: string; reason: string; blockedBy: string[] } | null;
  createdAt: number;
  updatedAt: number;
  current: PlanVersion;
}

export interface QuoteRecord {
  id: string;
  patientId: string;
  planId: string;
  planVersion: number;
  priceListId: string;
  tier: string;
  currency: string;
  totalMinor: number;
  quote: CourseQuote;
  createdAt: number;
}

export interface ConsentRecord {
  id: string;
  patientId: string;
  planId: string;
  planVersion: number;
  templateId: string;
  templateVersion: number;
  text: string;
  disclosures: Disclosure[];
  status: 'pending' | 'signed' | 'witnessed' | string;
  signature: {
    typedName: string | null;
    at: number;
    address: string | null;
    userAgent: string | null;
  } | null;
  witness: { userId: string | null; at: number } | null;
  createdAt: number;
  createdBy: string;
}

export interface ConsentTemplate {
  id: string;
  version: number;
  title: string;
  body: string;
  createdAt: number;
  createdBy: string;
}

export interface ProductRegistration {
  jurisdiction: 'US' | 'KR' | 'EU' | 'UK';
  registration: 'approved' | 'investigational' | 'cosmetic' | 'unregistered';
  routes: string[];
  indNumber?: string;
}

export interface Product {
  id: string;
  name: string;
  supplier: string;
  origin: string;
  registrations: ProductRegistration[];
  components: string[];
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface Lot {
  id: string;
  productId: string;
  lotNumber: string;
  expiresOn: string;
  expired: boolean;
  quantity: number;
  unit: string;
  /** Recalled lots cannot be charted; the reason and notice come with the lot list. */
  recalled: boolean;
  recalledAt: number | null;
  recallReason: string | null;
  recallReference: string | null;
  createdAt: number;
}

export interface PriceListRecord {
  id: string;
  name: string;
  currency: string;
  isExample: boolean;
  exampleNote?: string;
  entries: {
    treatment: string;
    indication?: string;
    modality?: string;
    areaSize?: string;
    tier?: string;
    pricePerSession: number;
  }[];
}

export interface Location {
  id: string;
  name: string;
  timeZone: string;
  address: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  patientId: string | null;
  locationId: string | null;
  active: boolean;
  locked: boolean;
  createdAt: number;
}

export interface Resource {
  id: string;
  kind: 'practitioner' | 'room' | 'device';
  name: string;
  locationId: string | null;
  userId: string | null;
  deviceType: string | null;
  modalities: string[];
  active: boolean;
}

export interface Appointment {
  id: string;
  courseId: string | null;
  planId: string;
  patientId: string;
  locationId: string;
  modality: string;
  kind: 'initial' | 'maintenance' | 'follow-up';
  followUpKind: string | null;
  sessionIndex: number | null;
  status: string;
  start: number;
  end: number;
  local: { date: string; time: string; timeZone: string };
  practitionerId: string | null;
  roomId: string | null;
  deviceIds: string[];
  window: { earliest: string; latest: string } | null;
}

/** A day sheet's line (GET /appointments): the appointment with what the sheet shows beside it. */
export interface DaySheetEntry extends Appointment {
  patientName: string;
  sessionId: string | null;
  seriesPlanned: number | null;
}

export interface CourseOptionSession {
  index: number;
  start: number;
  end: number;
  local: { date: string; time: string };
  locationId: string;
  practitionerId: string | null;
  roomId: string | null;
  deviceIds: string[];
  softMisses: string[];
}

export interface CourseOptions {
  ok: boolean;
  timeZone: string;
  gapWindow: { min: number; target: number; max: number };
  options: {
    rank: number;
    firstSession: string;
    gapsDays: number[];
    gapDeviationDays: number;
    softMisses: string[];
    sessions: CourseOptionSession[];
  }[];
  failure: { reason: string; message: string; placedSessions: number } | null;
}

/** An invitation link sent by mail (packages/server/src/invitations/schemas.ts). */
export interface Invitation {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  sentAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  replacedAt: number | null;
  state: 'open' | 'accepted' | 'expired' | 'replaced';
}

export interface PortalAccess {
  patientEmail: string | null;
  account: { id: string; email: string; status: 'invited' | 'active' | 'inactive' } | null;
  invitation: Invitation | null;
}

/** What an open invitation link shows before a password is chosen. */
export interface InvitationPreview {
  clinic: { name: string };
  invitee: { displayName: string; email: string };
  expiresAt: number;
}
