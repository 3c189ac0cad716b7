import { readFile } from 'node:fs/promises';
import {
  adviseConsultation,
  type CourseQuote,
  EXAMPLE_PRICE_LISTS,
  formatMoney,
  type PriceList,
  parseConsultationProfile,
  priceListSchema,
  problemsFromZod,
  quoteCourse,
} from '@exoclinic/core';
import { formatAdvice } from '../format-plan';
import { type CliCommand, CliInputError, EXIT_FAILURE, EXIT_OK } from '../io';
import { parseOptions, readJsonInput } from '../read-input';

async function loadPriceList(choice: string | undefined, jurisdiction: string): Promise<PriceList> {
  const id = choice ?? (jurisdiction === 'KR' ? 'example-krw' : 'example-usd');
  const example = EXAMPLE_PRICE_LISTS.find((l) => l.id === id);
  if (example) return example;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(id, 'utf8'));
  } catch (error) {
    throw new CliInputError(
      `--price-list '${id}' is neither an example list (${EXAMPLE_PRICE_LISTS.map((l) => l.id).join(', ')}) nor a readable JSON file (${(error as Error).message})`,
    );
  }
  const parsed = priceListSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CliInputError(
      'the price list is not valid',
      problemsFromZod(parsed.error).map((p) => ({ ...p, path: `priceList.${p.path}` })),
    );
  }
  return parsed.data;
}

const sessions = (n: number) => `${n} session${n === 1 ? '' : 's'}`;

function formatQuote(q: CourseQuote): string {
  const money = (n: number) => formatMoney(n as never, q.currency);
  const span = (t: { min: number; target: number; max: number }) =>
    t.min === t.max ? money(t.target) : `${money(t.target)} (range ${money(t.min)}–${money(t.max)})`;
  const lines = [
    `Quote (estimate) from '${q.priceListName}'${q.isExamplePriceList ? ' — EXAMPLE PRICES, not a clinic’s' : ''}, tier ${q.tier}`,
    `  Exosome per session: ${money(q.exosome.perSession.amount)}`,
    `  Initial series (${sessions(q.exosome.initialSeries.sessions.target)}): ${span(q.exosome.initialSeries.total)}`,
    `  First year (${sessions(q.exosome.year1.sessions.target)}): ${span(q.exosome.year1.total)}`,
    `  Three years (${sessions(q.exosome.threeYears.sessions.target)}): ${span(q.exosome.threeYears.total)}`,
  ];
  if (q.prp) {
    lines.push(
      `PRP alternative (${q.prp.schedule.label}) at ${money(q.prp.perSession.amount)} per session [${q.prp.schedule.sources.join(', ')}]`,
      `  First year (${sessions(q.prp.year1.sessions.target)}): ${span(q.prp.year1.total)}`,
      `  Three years (${sessions(q.prp.threeYears.sessions.target)}): ${span(q.prp.threeYears.total)}`,
    );
  }
  for (const n of q.notes)
    lines.push(`Note: ${n.text}${n.sources.length ? ` [${n.sources.join(', ')}]` : ''}`);
  return lines.join('\n');
}

export const quoteCommand: CliCommand = {
  name: 'quote',
  summary: 'Plan a consultation profile and price it, beside the PRP alternative',
  usage: `Usage: exoclinic quote --input FILE|- [--price-list example-usd|example-krw|FILE] [--tier standard|premium] [--json]

Plans the course as 'exoclinic plan' does, then prices the initial series, the first year and three
years with maintenance from a price list (minor units, ISO 4217), beside PRP over the same horizons.
Without --price-list the example list for the jurisdiction is used (marked as examples).
Exit codes: 0 done, 1 no bookable plan or no matching price, 2 bad input.`,
  async run(args, io) {
    const { values } = parseOptions(args, {
      input: { type: 'string', short: 'i' },
      json: { type: 'boolean' },
      'price-list': { type: 'string' },
      tier: { type: 'string' },
    });
    const tier = values.tier ?? 'standard';
    if (tier !== 'standard' && tier !== 'premium') {
      throw new CliInputError('bad option', [{ path: '--tier', message: "must be 'standard' or 'premium'" }]);
    }
    const parsed = parseConsultationProfile(await readJsonInput(values.input, io));
    if (!parsed.ok) throw new CliInputError('the consultation profile is not valid', parsed.problems);
    const priceList = await loadPriceList(values['price-list'], parsed.value.jurisdiction);
    const advice = adviseConsultation(parsed.value);
    if (!advice.plan) {
      io.stderr.write(`${formatAdvice(advice)}\n\nNo quote: there is no bookable plan.\n`);
      return EXIT_FAILURE;
    }
    const quoted = quoteCourse({ plan: advice.plan, priceList, tier });
    if (!quoted.ok) {
      io.stderr.write(`No quote: ${quoted.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}\n`);
      return EXIT_FAILURE;
    }
    io.stdout.write(
      values.json
        ? `${JSON.stringify({ plan: advice.plan, quote: quoted.quote }, null, 2)}\n`
        : `${formatAdvice(advice)}\n\n${formatQuote(quoted.quote)}\n`,
    );
    return EXIT_OK;
  },
};
