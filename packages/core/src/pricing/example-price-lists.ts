import type { AreaSize, IndicationId, ModalityId, SourceKey } from '../types';
import { majorToMinor } from './money';
import type { CurrencyCode, ExampleRange, PriceEntry, PriceList } from './types';

// Example lists only: every price is chosen inside a published range recorded in `exampleRanges`.
// A clinic replaces them with its own prices; they are never shown as a clinic's truth.

/** Per-session prices in major units: [standard, premium] per area size. */
type AreaPrices = Readonly<Record<AreaSize, readonly [standard: number, premium: number]>>;
type ModalityGrid = Readonly<Partial<Record<ModalityId, AreaPrices>>>;

const AREA_SIZES: readonly AreaSize[] = ['small', 'medium', 'large'];

const SKIN_FAMILY: readonly IndicationId[] = [
  'skin-rejuvenation',
  'acne-scars',
  'hyperpigmentation',
  'inflammatory-skin',
  'post-procedure',
  'lip-eye',
  'stretch-marks',
];

const PRESS_NOTE = 'clinic and press pages, DOMAIN §17';

function exosomeEntries(
  indications: readonly IndicationId[],
  grid: ModalityGrid,
  currency: CurrencyCode,
  sources: SourceKey[],
): PriceEntry[] {
  const entries: PriceEntry[] = [];
  for (const indication of indications) {
    for (const [modality, prices] of Object.entries(grid) as [ModalityId, AreaPrices][]) {
      for (const areaSize of AREA_SIZES) {
        const [standard, premium] = prices[areaSize];
        for (const [tier, price] of [
          ['standard', standard],
          ['premium', premium],
        ] as const) {
          entries.push({
            treatment: 'exosome',
            indication,
            modality,
            areaSize,
            tier,
            pricePerSession: majorToMinor(price, currency),
            sources,
          });
        }
      }
    }
  }
  return entries;
}

/** PRP prices per indication and area size, for any modality and tier. */
function prpEntries(
  indications: readonly IndicationId[],
  prices: Readonly<Record<AreaSize, number>>,
  currency: CurrencyCode,
  sources: SourceKey[],
): PriceEntry[] {
  return indications.flatMap((indication) =>
    AREA_SIZES.map(
      (areaSize): PriceEntry => ({
        treatment: 'prp',
        indication,
        areaSize,
        pricePerSession: majorToMinor(prices[areaSize], currency),
        sources,
      }),
    ),
  );
}

const range = (
  label: string,
  min: number,
  max: number,
  currency: CurrencyCode,
  sources: SourceKey[],
  extra: { maxIsOpen?: boolean; note?: string } = {},
): ExampleRange => ({
  label,
  min: majorToMinor(min, currency),
  max: majorToMinor(max, currency),
  currency,
  sources,
  ...extra,
});

const USD_RANGES: ExampleRange[] = [
  range('Exosome therapy per session, United States', 500, 2_000, 'USD', ['S4'], { maxIsOpen: true }),
  range('Exosome for skin per session, United States', 1_000, 3_000, 'USD', ['EXOCLINIC-MODEL'], {
    note: PRESS_NOTE,
  }),
  range('Exosome for hair per session, United States', 1_500, 5_000, 'USD', ['EXOCLINIC-MODEL'], {
    note: PRESS_NOTE,
  }),
  range('PRP per session, United States', 500, 2_000, 'USD', ['EXOCLINIC-MODEL'], { note: PRESS_NOTE }),
];

const USD_EXAMPLE: PriceList = {
  id: 'example-usd',
  name: 'Example price list (USD)',
  currency: 'USD',
  isExample: true,
  exampleNote:
    'Prices are chosen inside published US ranges. Joint prices use the general per-session range, as no joint-specific price is published.',
  exampleRanges: USD_RANGES,
  entries: [
    ...exosomeEntries(
      SKIN_FAMILY,
      {
        'microneedling-topical': { small: [1_000, 1_400], medium: [1_500, 2_100], large: [2_000, 2_800] },
        'laser-topical': { small: [1_200, 1_700], medium: [1_800, 2_400], large: [2_400, 3_000] },
        'radiofrequency-topical': { small: [1_100, 1_500], medium: [1_600, 2_200], large: [2_200, 2_900] },
        'intradermal-injection': { small: [1_000, 1_400], medium: [1_400, 2_000], large: [1_900, 2_600] },
      },
      'USD',
      ['S4', 'EXOCLINIC-MODEL'],
    ),
    ...exosomeEntries(
      ['hair-loss'],
      {
        'scalp-injection': { small: [1_500, 2_200], medium: [2_500, 3_500], large: [3_500, 5_000] },
        'microneedling-topical': { small: [1_500, 2_000], medium: [2_000, 2_800], large: [2_800, 4_000] },
      },
      'USD',
      ['EXOCLINIC-MODEL'],
    ),
    ...exosomeEntries(
      ['joint'],
      { 'intra-articular-injection': { small: [800, 1_200], medium: [1_200, 1_700], large: [1_500, 2_000] } },
      'USD',
      ['S4', 'EXOCLINIC-MODEL'],
    ),
    ...prpEntries(SKIN_FAMILY, { small: 500, medium: 700, large: 900 }, 'USD', ['EXOCLINIC-MODEL']),
    ...prpEntries(['hair-loss'], { small: 700, medium: 900, large: 1_200 }, 'USD', ['EXOCLINIC-MODEL']),
    ...prpEntries(['joint'], { small: 600, medium: 800, large: 1_000 }, 'USD', ['EXOCLINIC-MODEL']),
  ],
};

const KRW_RANGES: ExampleRange[] = [
  range('Exosome therapy per session, South Korea', 300_000, 1_000_000, 'KRW', ['S4'], { maxIsOpen: true }),
  range('Exosome per session, South Korea (2022 press)', 200_000, 500_000, 'KRW', ['EXOCLINIC-MODEL'], {
    note: PRESS_NOTE,
  }),
];

const KRW_EXAMPLE: PriceList = {
  id: 'example-krw',
  name: 'Example price list (KRW)',
  currency: 'KRW',
  isExample: true,
  exampleNote:
    'Prices are chosen inside published Korean ranges. Only topical delivery is priced, because products used in Korean clinics are registered as cosmetics for the skin surface; no PRP prices are listed, as no Korean PRP price is published in the sources.',
  exampleRanges: KRW_RANGES,
  entries: [
    ...exosomeEntries(
      SKIN_FAMILY,
      {
        'microneedling-topical': {
          small: [250_000, 350_000],
          medium: [350_000, 500_000],
          large: [500_000, 700_000],
        },
        'laser-topical': { small: [300_000, 400_000], medium: [400_000, 600_000], large: [600_000, 800_000] },
        'radiofrequency-topical': {
          small: [300_000, 400_000],
          medium: [400_000, 550_000],
          large: [550_000, 750_000],
        },
      },
      'KRW',
      ['S4', 'EXOCLINIC-MODEL'],
    ),
    ...exosomeEntries(
      ['hair-loss'],
      {
        'microneedling-topical': {
          small: [400_000, 550_000],
          medium: [550_000, 750_000],
          large: [750_000, 1_000_000],
        },
      },
      'KRW',
      ['S4'],
    ),
  ],
};

/** Example price lists, one in US dollars and one in Korean won. */
export const EXAMPLE_PRICE_LISTS: readonly PriceList[] = [USD_EXAMPLE, KRW_EXAMPLE];
