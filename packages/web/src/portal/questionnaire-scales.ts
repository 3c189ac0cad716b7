import { findInstrument, type OutcomeInstrument } from '@exoclinic/core';
import { formatNumber } from '../lib/format';
import { type MessageKey, t } from '../lib/i18n';
import type { Occasion } from './questionnaires-api';

// How each patient-rated instrument of the catalog is asked in the portal. The catalog gives the
// range, direction, steps and MCID; this file only chooses the form: five worded choices for the
// patient's GAIS, a 0–10 slider for the VAS (the catalog stores millimetres of the 100 mm line, so
// a shown point is 10 mm), and a number within the catalog's range for the other scales.

export interface AnswerScale {
  instrument: OutcomeInstrument;
  kind: 'choices' | 'slider' | 'number';
  /** Stored value = shown value × factor. */
  factor: number;
  /** The shown range and the decimals a shown value may have. */
  min: number;
  max: number | null;
  decimals: number;
  /** Worded answers (stored values), best first, for `choices`. */
  choices: { value: number; label: string; description: string }[];
  name: string;
}

// The words of each scale, as literal keys (typed, and found by the build's message split).
const NAMES: Partial<Record<string, MessageKey>> = {
  'gais-patient': 'questionnaires.name.gais-patient',
  'vas-pain': 'questionnaires.name.vas-pain',
};
const GAIS_WORDS: Partial<Record<number, [MessageKey, MessageKey]>> = {
  1: ['questionnaires.gais.1', 'questionnaires.gais.1.hint'],
  2: ['questionnaires.gais.2', 'questionnaires.gais.2.hint'],
  3: ['questionnaires.gais.3', 'questionnaires.gais.3.hint'],
  4: ['questionnaires.gais.4', 'questionnaires.gais.4.hint'],
  5: ['questionnaires.gais.5', 'questionnaires.gais.5.hint'],
};
const FOLLOW_UPS: Record<NonNullable<Occasion['followUpKind']>, MessageKey> = {
  'outcome-review': 'questionnaires.occasion.follow-up.outcome-review',
  'safety-review': 'questionnaires.occasion.follow-up.safety-review',
  'study-follow-up': 'questionnaires.occasion.follow-up.study-follow-up',
};
const TIMEPOINTS: Record<string, MessageKey> = {
  baseline: 'questionnaires.tp.baseline',
  session: 'questionnaires.tp.session',
  'end-of-series': 'questionnaires.tp.end-of-series',
  'follow-up': 'questionnaires.tp.follow-up',
  maintenance: 'questionnaires.tp.maintenance',
};

/** A plain name: the portal's own words where it has them, else the catalog's name. */
export function instrumentName(instrument: OutcomeInstrument): string {
  const key = NAMES[instrument.id];
  return key ? t(key) : instrument.name;
}

/** When a score was taken, in the patient's words. */
export function timepointText(timepoint: string): string {
  const key = TIMEPOINTS[timepoint];
  return key ? t(key) : timepoint;
}

export function answerScale(instrumentId: string): AnswerScale | null {
  const instrument = findInstrument(instrumentId);
  if (instrument?.rater !== 'patient') return null;
  const name = instrumentName(instrument);
  if (instrument.comparative && instrument.integer && instrument.range.max !== null) {
    const values: number[] = [];
    for (let v = instrument.range.min; v <= instrument.range.max; v++) values.push(v);
    // Ordered best first, whichever way the scale runs.
    if (instrument.direction === 'higher-better') values.reverse();
    return {
      instrument,
      kind: 'choices',
      factor: 1,
      min: instrument.range.min,
      max: instrument.range.max,
      decimals: 0,
      choices: values.map((value) => {
        const words = GAIS_WORDS[value];
        return {
          value,
          label: words ? t(words[0]) : String(value),
          description: words ? t(words[1]) : '',
        };
      }),
      name,
    };
  }
  if (instrument.id === 'vas-pain' && instrument.range.max !== null) {
    return {
      instrument,
      kind: 'slider',
      factor: instrument.range.max / 10,
      min: instrument.range.min / (instrument.range.max / 10),
      max: 10,
      decimals: 1,
      choices: [],
      name,
    };
  }
  return {
    instrument,
    kind: 'number',
    factor: 1,
    min: instrument.range.min,
    max: instrument.range.max,
    decimals: instrument.integer ? 0 : 1,
    choices: [],
    name,
  };
}

/** A stored value as the patient reads it: the worded choice, or the number on the shown scale. */
export function shownAnswer(scale: AnswerScale, stored: number): string {
  if (scale.kind === 'choices') {
    const c = scale.choices.find((x) => x.value === stored);
    return c ? `${c.label} (${stored})` : formatNumber(stored);
  }
  const shown = formatNumber(stored / scale.factor, scale.decimals);
  return scale.max === null ? shown : t('questionnaires.outOf', { v: shown, max: formatNumber(scale.max) });
}

/** The occasion in plain words: before the first session, after session 2, a follow-up… */
export function occasionLabel(o: Occasion): string {
  if (o.point === 'baseline') return t('questionnaires.occasion.baseline');
  if (o.point === 'session') {
    if (o.timepoint === 'maintenance') return t('questionnaires.occasion.maintenance');
    return o.sessionIndex
      ? t('questionnaires.occasion.session', { n: o.sessionIndex })
      : t('questionnaires.occasion.sessionAny');
  }
  if (o.point === 'end-of-series') return t('questionnaires.occasion.end-of-series');
  return t(FOLLOW_UPS[o.followUpKind ?? 'outcome-review']);
}
