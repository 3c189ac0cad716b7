// Outcomes: scores validated against their instruments, change from baseline, when to assess, and
// the response curve personalised with the patient's own measurements.
export * from './compare-to-baseline';
export * from './personalise-response';
export * from './schedule-assessments';
export * from './validate-score';
