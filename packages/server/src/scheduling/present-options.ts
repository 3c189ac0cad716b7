import { type CourseResult, type EpochMs, localDateOf } from '@exoclinic/core';
import { localTime } from './present-time';
import type { CourseOptionsView } from './schemas';

/** The solver's answer as the API shows it: ranked options on the clinic's wall clock, or why not. */
export function presentOptions(
  result: CourseResult,
  timeZone: string,
  gapWindow: { min: number; target: number; max: number },
): CourseOptionsView {
  if (!result.ok) {
    return {
      ok: false,
      timeZone,
      gapWindow,
      options: [],
      failure: { ...result.failure, relaxations: result.failure.relaxations as never },
    };
  }
  return {
    ok: true,
    timeZone,
    gapWindow,
    failure: null,
    options: result.plans.map((p, i) => ({
      rank: i + 1,
      firstSession: p.sessions[0]!.localDate,
      gapsDays: p.gapsDays,
      gapDeviationDays: p.gapDeviationDays,
      softMisses: p.softMisses,
      sessions: p.sessions.map((s) => ({
        index: s.index,
        start: s.start,
        end: s.end,
        local: { date: localDateOf(s.start as EpochMs, timeZone), time: localTime(s.start, timeZone) },
        locationId: s.locationId,
        practitionerId: s.practitionerId,
        roomId: s.roomId,
        deviceIds: s.deviceIds,
        softMisses: s.softMisses,
      })),
    })),
  };
}
