import type { EpochMs } from './ids';

/** The only source of "now" in the server; tests pass their own. */
export type Clock = () => EpochMs;
export const systemClock: Clock = () => Date.now() as EpochMs;
