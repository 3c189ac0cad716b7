import { findInstrument, type OutcomeInstrument } from '../catalog/instruments';

export interface ScoreProblem {
  /** `instrumentId` or `value`. */
  path: 'instrumentId' | 'value';
  code: 'unknown-instrument' | 'not-a-number' | 'out-of-range' | 'not-an-integer';
  message: string;
}

export type ScoreValidation =
  | { ok: true; instrument: OutcomeInstrument; value: number }
  | { ok: false; problems: ScoreProblem[] };

/** "from 0 to 100 mm", "from 0 upwards (hairs/cm²)", "whole numbers from 1 to 5". */
export function describeRange(instrument: OutcomeInstrument): string {
  const { min, max } = instrument.range;
  const unit = instrument.unit ? ` ${instrument.unit}` : '';
  const span = max === null ? `from ${min}${unit} upwards` : `from ${min} to ${max}${unit}`;
  return instrument.integer ? `whole numbers ${span}` : span;
}

/**
 * Checks one recorded score against its instrument in the catalog: a known instrument, a finite
 * number, inside the instrument's range, whole where the scale has only whole steps. Every problem
 * is reported (a value can be both out of range and fractional), each naming the instrument and
 * its range, so a form can show the message as it is.
 */
export function validateScore(instrumentId: string, value: unknown): ScoreValidation {
  const instrument = findInstrument(instrumentId);
  if (!instrument) {
    return {
      ok: false,
      problems: [
        {
          path: 'instrumentId',
          code: 'unknown-instrument',
          message: `'${instrumentId}' is not an outcome instrument in the catalog`,
        },
      ],
    };
  }
  const expected = `${instrument.name} takes ${describeRange(instrument)}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return {
      ok: false,
      problems: [
        {
          path: 'value',
          code: 'not-a-number',
          message: `${expected}; got ${typeof value === 'number' ? String(value) : `a ${typeof value}`}`,
        },
      ],
    };
  }
  const problems: ScoreProblem[] = [];
  const { min, max } = instrument.range;
  if (value < min || (max !== null && value > max)) {
    problems.push({ path: 'value', code: 'out-of-range', message: `${expected}; got ${value}` });
  }
  if (instrument.integer && !Number.isInteger(value)) {
    problems.push({
      path: 'value',
      code: 'not-an-integer',
      message: `${expected}; got ${value}, which is not a whole number`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, instrument, value };
}
