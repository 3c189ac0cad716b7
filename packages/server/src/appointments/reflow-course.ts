import {
  addDays,
  type ClinicResources,
  type CoursePlan,
  daysBetween,
  type LocalDate,
  type Minutes,
  type SessionModality,
  solveCourse,
} from '@exoclinic/core';
import type { ClinicCalendar } from '../scheduling/clinic-calendar';
import { DomainError } from '../shared/errors';

// When one session of a course moves, the later ones follow inside their gap windows: each keeps
// its day when the gap from the one before still fits, else the rest of the chain is solved again
// (closest to the target gaps, keeping each session's practitioner when possible). A gap that no
// free slot can keep is widened as little as possible and reported as a protocol deviation.

export interface LaterSession {
  appointmentId: string;
  sessionIndex: number;
  localDate: LocalDate;
  practitionerId: string | null;
}

export interface Gap {
  min: number;
  target: number;
  max: number;
}

export interface PlannedMove {
  appointmentId: string;
  sessionIndex: number;
  session: CoursePlan['sessions'][number];
}

export interface DeviationProposal {
  /** 1-based gap: between session `gap` and `gap + 1`. */
  gap: number;
  appointmentId: string;
  window: { min: number; max: number };
  actualDays: number;
}

export interface Reflow {
  moves: PlannedMove[];
  deviations: DeviationProposal[];
}

/** Widest extra days searched past a gap's maximum before giving up. */
const DEVIATION_SEARCH_DAYS = 60;

export function reflowLaterSessions(input: {
  movedDate: LocalDate;
  later: readonly LaterSession[];
  gap: Gap;
  modality: SessionModality;
  calendar: ClinicCalendar;
  stepMinutes: number;
  cleaningMinutes: number;
  notBefore: number;
}): Reflow {
  const { gap, later } = input;
  const previous = input.movedDate;
  const s = later[0];
  // The next session still fits: it keeps its day, and so do all after it.
  if (!s) return { moves: [], deviations: [] };
  const days = daysBetween(previous, s.localDate);
  if (days >= gap.min && days <= gap.max) return { moves: [], deviations: [] };
  {
    // This one and all after it are placed again, together.
    const rest = later;
    const solve = (searchDays: number) =>
      solveCourse({
        modality: input.modality,
        sessions: rest.length,
        gaps: gap as never,
        earliest: addDays(previous, gap.min),
        notBefore: input.notBefore as never,
        searchDays,
        timeZone: input.calendar.timeZone,
        resources: input.calendar.resources as ClinicResources,
        stepMinutes: input.stepMinutes as Minutes,
        cleaningMinutes: input.cleaningMinutes as Minutes,
        alternatives: Math.min(searchDays, 60),
        ...(s.practitionerId && {
          preferences: { practitioner: { id: s.practitionerId, strength: 'soft' as const } },
        }),
      });
    const inWindow = solve(gap.max - gap.min + 1);
    let plan: CoursePlan | undefined;
    if (inWindow.ok) {
      // Closest to target for the gap into the chain, then the chain's own deviation.
      const cost = (p: CoursePlan) =>
        Math.abs(daysBetween(previous, p.sessions[0]!.localDate) - gap.target) +
        p.gapDeviationDays +
        7 * p.softMisses;
      plan = [...inWindow.plans].sort((a, b) => cost(a) - cost(b))[0];
    }
    const deviations: DeviationProposal[] = [];
    if (!plan) {
      const wider = solve(gap.max - gap.min + 1 + DEVIATION_SEARCH_DAYS);
      if (!wider.ok) {
        throw new DomainError(
          409,
          'no-reflow',
          'Later sessions cannot follow',
          `no free slots for sessions ${s.sessionIndex}–${s.sessionIndex + rest.length - 1}: ${wider.failure.message}`,
          {
            failure: wider.failure,
          },
        );
      }
      plan = wider.plans[0]!;
      const actual = daysBetween(previous, plan.sessions[0]!.localDate);
      deviations.push({
        gap: s.sessionIndex - 1,
        appointmentId: s.appointmentId,
        window: { min: gap.min, max: gap.max },
        actualDays: actual,
      });
    }
    return {
      moves: plan.sessions.map((session, i) => ({
        appointmentId: rest[i]!.appointmentId,
        sessionIndex: rest[i]!.sessionIndex,
        session,
      })),
      deviations,
    };
  }
}
