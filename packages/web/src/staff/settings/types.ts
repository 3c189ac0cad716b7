// What the resources, schedule and protocol-settings routes answer (packages/server/src/resources/
// schemas.ts and protocol-settings/schemas.ts).
import type { WeeklyHours } from './hours-rules';

export interface TimeOff {
  id: string;
  start: number;
  end: number;
  reason: string | null;
}

export interface ResourceDetail {
  id: string;
  kind: 'practitioner' | 'room' | 'device';
  name: string;
  locationId: string | null;
  userId: string | null;
  deviceType: string | null;
  modalities: string[];
  active: boolean;
  hours: { locationId: string; weekly: WeeklyHours }[];
  timeOff: TimeOff[];
  createdAt: number;
  updatedAt: number;
}

export interface TimeOffResult extends ResourceDetail {
  affectedAppointments: { id: string; start: number; end: number }[];
}

export interface SiteSchedule {
  locationId: string;
  timeZone: string;
  weekly: WeeklyHours;
  closures: string[];
  stepMinutes: number;
  cleaningMinutes: number;
  updatedAt: number | null;
}

export interface ProtocolChoice {
  offered: string[];
  default: string;
  catalogDefault: string;
  customised: boolean;
}

export interface ProtocolSettings {
  indications: Record<string, ProtocolChoice>;
  updatedAt: number | null;
  updatedBy: string | null;
}

export const DEVICE_TYPES = ['microneedling-pen', 'laser', 'radiofrequency', 'infusion-pump'] as const;
