// The fixed terms an adverse-event record uses (FDA MedWatch 3500 and CTCAE wording), shared by
// the server's validation and the web app's forms. The database's CHECK constraints were written
// with the same lists when the tables were made (migration 0010) and do not follow later edits.

/** What made the event serious (MedWatch 3500, section B.2). */
export const SERIOUS_CRITERIA = [
  'death',
  'life-threatening',
  'hospitalization',
  'disability',
  'congenital-anomaly',
  'required-intervention',
  'other-serious',
] as const;

/** How likely the treatment caused it. */
export const AE_RELATIONS = [
  'not-assessed',
  'unrelated',
  'unlikely',
  'possible',
  'probable',
  'definite',
] as const;

/** Where the event stands. */
export const AE_OUTCOMES = [
  'ongoing',
  'recovering',
  'recovered',
  'recovered-with-sequelae',
  'not-recovered',
  'fatal',
  'unknown',
] as const;
