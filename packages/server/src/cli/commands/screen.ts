import { checkRegulatory, parseConsultationProfile, screenPatient } from '@exoclinic/core';
import { formatRegulatory, formatScreening } from '../format-plan';
import { type CliCommand, CliInputError, EXIT_OK } from '../io';
import { parseOptions, readJsonInput } from '../read-input';

export const screenCommand: CliCommand = {
  name: 'screen',
  summary: 'Screen a consultation profile (and check its product) without planning',
  usage: `Usage: exoclinic screen --input FILE|- [--json] [--block-unapproved-injection]

Prints the screening verdict with its findings and, when the profile names a product, the
regulatory decision with the disclosures the consent must carry. Exit codes: 0, 1, 2 (bad input).`,
  async run(args, io) {
    const { values } = parseOptions(args, {
      input: { type: 'string', short: 'i' },
      json: { type: 'boolean' },
      'block-unapproved-injection': { type: 'boolean' },
    });
    const input = await readJsonInput(values.input as string | undefined, io);
    const parsed = parseConsultationProfile(input);
    if (!parsed.ok) throw new CliInputError('the consultation profile is not valid', parsed.problems);
    const profile = parsed.value;
    const screening = screenPatient(profile);
    const regulatory = profile.product
      ? checkRegulatory({
          product: profile.product,
          modality: profile.modality,
          jurisdiction: profile.jurisdiction,
          policy: { blockUnapprovedInjection: values['block-unapproved-injection'] === true },
        })
      : null;
    if (values.json) io.stdout.write(`${JSON.stringify({ screening, regulatory }, null, 2)}\n`);
    else
      io.stdout.write(
        `${[formatScreening(screening), regulatory && formatRegulatory(regulatory)].filter(Boolean).join('\n\n')}\n`,
      );
    return EXIT_OK;
  },
};
