import type { DeviceType, Modality, ResourceKind } from '../catalog/modalities';
import type { Days, EpochMs, LocalDate, Minutes, ModalityId } from '../types';
import type { IntervalSet } from './intervals';
import type { IsoWeekday, WallClockRange } from './local-time';

// The scheduler's vocabulary. Resources arrive with their hours and bookings already as interval
// sets: loading them is the server's job, deciding with them is the core's.

export interface SchedulableResource {
  id: string;
  /**
   * The site the resource is at. A practitioner who works at several sites is listed once per site,
   * with that site's hours as availability and all of their bookings as busy.
   */
  locationId: string;
  /** When the resource can be used at all: working or opening hours. */
  availability: IntervalSet;
  /** What existing bookings hold, cleaning included (see `ResourceHold`). */
  busy: IntervalSet;
}

export interface PractitionerResource extends SchedulableResource {
  /** Modalities this practitioner is credentialed to perform. */
  modalities: readonly ModalityId[];
}

export type RoomResource = SchedulableResource;

export interface DeviceResource extends SchedulableResource {
  deviceType: DeviceType;
}

export interface ClinicResources {
  practitioners: readonly PractitionerResource[];
  rooms: readonly RoomResource[];
  devices: readonly DeviceResource[];
}

/** The part of a modality the scheduler reads. */
export type SessionModality = Pick<Modality, 'id' | 'segments'>;

/** One bookable start for a session, with the resources that make it possible. */
export interface Slot {
  start: EpochMs;
  /** End of the last segment at its longest, without the cleaning buffer. */
  end: EpochMs;
  locationId: string;
  practitionerId: string | null;
  roomId: string | null;
  /** One device per device type the session needs, in the order the segments first need them. */
  deviceIds: string[];
}

/** An interval a booking takes from one resource; the server stores these as its busy rows. */
export interface ResourceHold {
  resourceId: string;
  kind: ResourceKind;
  start: EpochMs;
  end: EpochMs;
}

export type PreferenceStrength = 'hard' | 'soft';

export interface PatientPreferences {
  /** Days of the week the patient can come (hard). */
  weekdays?: readonly IsoWeekday[];
  /** Wall-clock windows the whole session must fit in, on any day (hard). */
  timeOfDay?: readonly WallClockRange[];
  practitioner?: { id: string; strength: PreferenceStrength };
  location?: { id: string; strength: PreferenceStrength };
}

/** Days from one session to the next: never fewer than `min` nor more than `max`, ideally `target`. */
export interface GapWindow {
  min: Days;
  target: Days;
  max: Days;
}

export interface CourseRequest {
  modality: SessionModality;
  sessions: number;
  /** One window for every gap, or one per gap (`sessions - 1` of them). */
  gaps: GapWindow | readonly GapWindow[];
  /** The first session is on this local day or later. */
  earliest: LocalDate;
  /** No session starts before this instant (the caller's `now` plus any notice period). */
  notBefore?: EpochMs;
  /** How many days from `earliest` the first session may be looked for. Default 60. */
  searchDays?: number;
  timeZone: string;
  resources: ClinicResources;
  /** Slot grid, counted from local midnight. Default 15. */
  stepMinutes?: Minutes;
  /** Held after the session on the room and devices. Default 15. */
  cleaningMinutes?: Minutes;
  preferences?: PatientPreferences;
  /** How many distinct first-session days to offer. Default 3. */
  alternatives?: number;
  /** How many days of gap deviation one missed soft preference is worth. Default 7. */
  softMissPenaltyDays?: number;
  /** The widest gap extension the failure explanation tries. Default 14. */
  maxGapExtensionDays?: number;
}

export type SoftMiss = 'practitioner' | 'location';

export interface BookedSession extends Slot {
  /** 1-based position in the course. */
  index: number;
  localDate: LocalDate;
  holds: ResourceHold[];
  /** Soft preferences this session could not honour. */
  softMisses: SoftMiss[];
}

export interface CoursePlan {
  sessions: BookedSession[];
  /** Days between consecutive sessions. */
  gapsDays: number[];
  /** Sum over gaps of |gap - target|. */
  gapDeviationDays: number;
  /** Soft preferences missed, summed over sessions. */
  softMisses: number;
}

export type Relaxation =
  | { kind: 'allow-other-practitioners' }
  | { kind: 'allow-other-locations' }
  | { kind: 'allow-any-weekday' }
  | { kind: 'allow-any-time-of-day' }
  | { kind: 'extend-gap'; gap: number; extendMaxByDays: number }
  | { kind: 'search-further'; days: number };

/** Relaxations that were tried together and give a course, with the first day it would start. */
export interface ProvenRelaxation {
  changes: Relaxation[];
  firstSession: LocalDate;
}

export type FailureReason = 'no-availability' | 'gap-window' | 'preference-too-narrow';

export interface CourseFailure {
  reason: FailureReason;
  /** Plain words for the front desk. */
  message: string;
  /** For `gap-window`: the 1-based gap (between session `gap` and `gap + 1`) that could not be kept. */
  gap?: number;
  /** The furthest session that could be placed before the chain broke (1-based; 0 when none). */
  placedSessions: number;
  relaxations: ProvenRelaxation[];
}

export type CourseResult = { ok: true; plans: CoursePlan[] } | { ok: false; failure: CourseFailure };
