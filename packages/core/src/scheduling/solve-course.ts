import { type CourseSetup, findCourseDays, plannerFor, prepareCourse } from './course-setup';
import { explainCourseFailure } from './explain-failure';
import type { DayPlanner } from './plan-days';
import type { CourseDays } from './search-course';
import { describeHolds } from './session-shape';
import type { BookedSession, CoursePlan, CourseRequest, CourseResult } from './types';

/**
 * Books a whole course: the first session on or after `earliest` (within `searchDays`), each later
 * one inside its gap window counted in local days, every session on free resources and inside the
 * patient's hard preferences. Plans are ranked by first-session day, the earliest first; each is
 * the least total gap deviation from target (plus weighted soft misses) for that first day. When
 * nothing fits, the result says which constraint failed and which relaxations would work.
 */
export function solveCourse(request: CourseRequest): CourseResult {
  const setup = prepareCourse(request);
  const planner = plannerFor(setup, request.preferences ?? {});
  const found = findCourseDays(setup, planner);
  if (found.length > 0) return { ok: true, plans: found.map((c) => buildPlan(setup, planner, c)) };
  return { ok: false, failure: explainCourseFailure(setup, planner) };
}

function buildPlan(setup: CourseSetup, planner: DayPlanner, course: CourseDays): CoursePlan {
  const sessions: BookedSession[] = [];
  let previousPractitioner: string | null = null;
  for (const [i, day] of course.days.entries()) {
    const s = planner.session(day, previousPractitioner);
    previousPractitioner = s.slot.practitionerId;
    sessions.push({
      ...s.slot,
      index: i + 1,
      localDate: s.localDate,
      holds: describeHolds(setup.shape, s.slot),
      softMisses: s.softMisses,
    });
  }
  const gapsDays = course.days.slice(1).map((d, i) => d - course.days[i]!);
  const gapDeviationDays = gapsDays.reduce((sum, g, i) => sum + Math.abs(g - setup.gaps[i]!.target), 0);
  const softMisses = sessions.reduce((sum, s) => sum + s.softMisses.length, 0);
  return { sessions, gapsDays, gapDeviationDays, softMisses };
}
