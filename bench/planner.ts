// Planner benchmark: plans per second on one core over 10,000 random valid profiles, with input
// validation timed apart. Baseline in the same run: validating the same inputs with zod.

import {
  adviseConsultation,
  type ConsultationProfile,
  parseConsultationProfile,
  planCourse,
} from '@exoclinic/core';
import fc from 'fast-check';
import { profileArb } from '../packages/core/test/arbitraries';
import { report } from './lib/report';

const COUNT = 10_000;
const profiles = fc.sample(profileArb(), { numRuns: COUNT, seed: 20261125 });
const inputs: unknown[] = profiles.map((p) => JSON.parse(JSON.stringify(p)));

function timeIt<T>(f: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = f();
  return { ms: performance.now() - t0, result };
}

// Warm up the JIT on a slice, then measure the whole set; best of three rounds each.
for (let i = 0; i < 1000; i++) planCourse(profiles[i]!);
for (let i = 0; i < 1000; i++) adviseConsultation(profiles[i]!);
for (let i = 0; i < 1000; i++) parseConsultationProfile(inputs[i]);

let validateMs = Number.POSITIVE_INFINITY;
let planMs = Number.POSITIVE_INFINITY;
let adviseMs = Number.POSITIVE_INFINITY;
let planned = 0;
for (let round = 0; round < 3; round++) {
  const v = timeIt(() => inputs.map((x) => parseConsultationProfile(x)));
  validateMs = Math.min(validateMs, v.ms);
  const valid = v.result.filter((r) => r.ok).map((r) => (r as { value: ConsultationProfile }).value);
  if (valid.length !== COUNT)
    throw new Error(`only ${valid.length} of ${COUNT} generated profiles were valid`);
  const p = timeIt(() => valid.map((x) => planCourse(x)));
  planMs = Math.min(planMs, p.ms);
  planned = p.result.filter((r) => r.ok).length;
  const a = timeIt(() => valid.map((x) => adviseConsultation(x)));
  adviseMs = Math.min(adviseMs, a.ms);
}

const plansPerSecond = COUNT / (planMs / 1000);
const validationsPerSecond = COUNT / (validateMs / 1000);
console.error(
  `planner: ${COUNT} profiles, ${planned} planned; plan ${planMs.toFixed(0)} ms, ` +
    `advise (screen + regulatory + plan when allowed) ${adviseMs.toFixed(0)} ms, validate ${validateMs.toFixed(0)} ms`,
);
report('planner', 'plans_per_second', plansPerSecond, 'plans/s', {
  name: 'zod-validation-per-second',
  value: validationsPerSecond,
});
report('planner', 'advise_per_second', COUNT / (adviseMs / 1000), 'profiles/s');
report('planner', 'plan_mean', (planMs * 1000) / COUNT, 'µs');
report('planner', 'validate_mean', (validateMs * 1000) / COUNT, 'µs');
