export { countSessionsWithin, QUOTE_HORIZONS, YEAR_DAYS } from './count-sessions';
export { EXAMPLE_PRICE_LISTS } from './example-price-lists';
export { findPrice, type PriceMatch, type PriceQuery } from './find-price';
export { CURRENCY_MINOR_DIGITS, formatMoney, isCurrencyCode, majorToMinor } from './money';
export * from './price-list-schema';
export { PRP_SCHEDULES, type PrpSchedule, prpScheduleFor } from './prp-schedules';
export {
  type CourseQuote,
  type MoneySpan,
  type PeriodEstimate,
  type PerSessionPrice,
  type PrpComparison,
  type QuoteCourseInput,
  type QuoteCourseResult,
  type QuoteNote,
  type QuoteNoteCode,
  quoteCourse,
  type SessionCount,
  type TreatmentEstimate,
} from './quote-course';
export {
  CURRENCY_CODES,
  type CurrencyCode,
  type DaySpan,
  type ExampleRange,
  PRICE_TIERS,
  type PriceEntry,
  type PriceList,
  type PriceTier,
  type QuotablePlan,
  type QuoteProblem,
  type SourcedNote,
  type SourcedNumber,
  type SourcedSpan,
  TREATMENTS,
  type Treatment,
} from './types';
