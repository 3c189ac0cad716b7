// The public face of the clinical core. Pure: no I/O, no clock; `now` and data come in as arguments.

export * from './analytics/index';
export * from './catalog/index';
export * from './local-date';
export * from './outcomes/index';
export * from './parse-profile';
export * from './planning/advice-schema';
export * from './planning/advise-consultation';
export * from './planning/plan-course';
export * from './planning/response-curve';
export type * from './planning/types';
export * from './pricing/index';
export * from './profile';
export * from './regulatory/check-regulatory';
export * from './regulatory/types';
export * from './safety/index';
export * from './scheduling/index';
export * from './screening/screen-patient';
export * from './screening/types';
export * from './types';
