// Scheduling benchmark. (a) Slot search in the shape of Cal.com's published one: 88 practitioners,
// 30 days, ~2,160 candidate slots, against a per-slot check that scans every busy interval.
// (b) Booking a 5-session course in a clinic with a year of bookings (~150,000 appointments),
// against a naive day-by-day search. Both baselines run in the same process on the same data, and
// both answers are checked to agree before anything is timed.

import { findSlots, solveCourse } from '../packages/core/src/scheduling/index';
import type { Minutes } from '../packages/core/src/types';
import { percentile, report } from './lib/report';
import { generateClinic, generateCourseRequests, generateTeam } from './lib/scheduling-fixtures';
import { naiveCourseDays, naiveTeamSlots } from './lib/scheduling-naive';

const BENCH = 'scheduling';

/**
 * Times `fast` `runs` times and `slow` every `every`-th round, interleaved, so that whatever else
 * the machine is doing falls on both sides of the comparison alike.
 */
function sampleBoth(runs: number, every: number, fast: (i: number) => unknown, slow: (i: number) => unknown) {
  const fastMs: number[] = [];
  const slowMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    fast(i);
    fastMs.push(performance.now() - t0);
    if (i % every !== 0) continue;
    t0 = performance.now();
    slow(i / every);
    slowMs.push(performance.now() - t0);
  }
  return { fastMs, slowMs };
}

// ---- (a) slot search -----------------------------------------------------------------------------
{
  const team = generateTeam(20250101);
  const search = () =>
    findSlots({
      modality: team.modality,
      resources: team.resources,
      timeZone: team.timeZone,
      firstDay: team.firstDay,
      lastDay: team.lastDay,
      stepMinutes: 15 as Minutes,
      cleaningMinutes: 0 as Minutes,
    });
  const naive = () => naiveTeamSlots(team.resources, team.candidates, 30 * 60_000);

  const fast = search().map((s) => ({ start: s.start as number, practitionerId: s.practitionerId! }));
  const slow = naive();
  if (JSON.stringify(fast) !== JSON.stringify(slow))
    throw new Error('slot search and naive baseline disagree');

  sampleBoth(100, 10, search, naive); // warm-up
  const { fastMs, slowMs: naiveMs } = sampleBoth(1000, 5, search, naive);
  console.error(
    `slot search: 88 practitioners, 30 days, ${team.busyIntervals} busy intervals, ` +
      `${team.candidates.length} candidate slots, ${fast.length} bookable`,
  );
  const p50 = percentile(fastMs, 50);
  const p99 = percentile(fastMs, 99);
  report(BENCH, 'slot_search_p50', p50, 'ms', {
    name: 'naive-per-slot-scan',
    value: percentile(naiveMs, 50),
  });
  report(BENCH, 'slot_search_p99', p99, 'ms', {
    name: 'naive-per-slot-scan',
    value: percentile(naiveMs, 99),
  });
}

// ---- (b) course solve ---------------------------------------------------------------------------
{
  const t0 = performance.now();
  const clinic = generateClinic(20250106);
  const requests = generateCourseRequests(clinic, 7, 200);
  const r = clinic.resources;
  console.error(
    `clinic: ${r.practitioners.length} practitioners, ${r.rooms.length} rooms, ${r.devices.length} devices, ` +
      `${clinic.days} days, ${clinic.appointments} appointments (generated in ${(performance.now() - t0).toFixed(0)} ms)`,
  );

  // Both must find the same first-session day (the earliest with a complete course) every time.
  let booked = 0;
  for (const req of requests) {
    const result = solveCourse(req);
    const naive = naiveCourseDays(req);
    const first = result.ok ? result.plans[0]!.sessions[0]!.localDate : null;
    if (first !== (naive?.[0] ?? null))
      throw new Error(
        `solver and naive baseline disagree for ${JSON.stringify(req.preferences)} from ${req.earliest}`,
      );
    if (result.ok) booked++;
  }
  console.error(
    `course solve: ${requests.length} requests, ${booked} booked, ${requests.length - booked} explained failures`,
  );

  // Every request solved twice (the first pass above warmed up the JIT); the naive baseline on every
  // third request, which keeps the whole benchmark well under a minute.
  const n = requests.length;
  const { fastMs: solveMs, slowMs: naiveMs } = sampleBoth(
    2 * n,
    6,
    (i) => solveCourse(requests[i % n]!),
    (i) => naiveCourseDays(requests[(3 * i) % n]!),
  );
  report(BENCH, 'course_solve_p50', percentile(solveMs, 50), 'ms', {
    name: 'naive-day-by-day',
    value: percentile(naiveMs, 50),
  });
  report(BENCH, 'course_solve_p99', percentile(solveMs, 99), 'ms', {
    name: 'naive-day-by-day',
    value: percentile(naiveMs, 99),
  });
}
