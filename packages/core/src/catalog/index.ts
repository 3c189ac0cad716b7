import { ADVERSE_EVENT_TYPES, CTCAE_GRADES } from './adverse-events';
import { AFTERCARE, AFTERCARE_PHASES } from './aftercare';
import { INDICATIONS } from './indications';
import { OUTCOME_INSTRUMENTS } from './instruments';
import { MODALITIES } from './modalities';
import { PROTOCOLS } from './protocols';
import { SOURCES } from './sources';

export * from './adverse-events';
export * from './aftercare';
export * from './indications';
export * from './instruments';
export * from './modalities';
export * from './protocols';
export * from './sources';

/** The whole sourced catalog, as one value (served by the API and shown in the web app). */
export const CATALOG = {
  sources: SOURCES,
  indications: INDICATIONS,
  modalities: MODALITIES,
  protocols: PROTOCOLS,
  outcomeInstruments: OUTCOME_INSTRUMENTS,
  adverseEventTypes: ADVERSE_EVENT_TYPES,
  ctcaeGrades: CTCAE_GRADES,
  aftercare: AFTERCARE,
  aftercarePhases: AFTERCARE_PHASES,
} as const;
