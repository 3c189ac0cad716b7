import { AFTERCARE_PHASES, type AftercarePhase } from '@exoclinic/core';

export interface PhaseState {
  phase: AftercarePhase;
  label: string;
  /** 'now' while the phase runs, 'done' after it, 'ongoing' for open-ended phases. */
  state: 'now' | 'done' | 'ongoing';
  hoursLeft: number | null;
  /** 0–1 of the phase elapsed; null for open-ended phases. */
  progress: number | null;
}

/** Where each aftercare phase stands, `hoursSince` hours after the session. */
export function aftercarePhases(hoursSince: number): PhaseState[] {
  return AFTERCARE_PHASES.map((p) => {
    if (p.toHours === null)
      return { phase: p.phase, label: p.label, state: 'ongoing', hoursLeft: null, progress: null };
    const span = p.toHours - p.fromHours;
    const left = p.toHours - hoursSince;
    return {
      phase: p.phase,
      label: p.label,
      state: left > 0 ? 'now' : 'done',
      hoursLeft: Math.max(0, left),
      progress: Math.min(1, Math.max(0, (hoursSince - p.fromHours) / span)),
    };
  });
}
