import {
  adviseConsultation,
  overrideSchema,
  parseConsultationProfile,
  problemsFromZod,
} from '@exoclinic/core';
import { formatAdvice } from '../format-plan';
import { type CliCommand, CliInputError, EXIT_OK } from '../io';
import { parseOptions, readJsonInput } from '../read-input';

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Screen a consultation profile, check the product and plan the course',
  usage: `Usage: exoclinic plan --input FILE|- [--json] [--override-by NAME --override-reason TEXT] [--block-unapproved-injection]

Reads a consultation profile (JSON; schema in docs/schemas/consultation-profile.schema.json)
and prints the screening verdict, the regulatory check and the plan with the source of every number.
Exit codes: 0 done, 1 failure, 2 bad input (every problem listed by field).`,
  async run(args, io) {
    const { values } = parseOptions(args, {
      input: { type: 'string', short: 'i' },
      json: { type: 'boolean' },
      'override-by': { type: 'string' },
      'override-reason': { type: 'string' },
      'block-unapproved-injection': { type: 'boolean' },
    });
    const input = await readJsonInput(values.input as string | undefined, io);
    const parsed = parseConsultationProfile(input);
    const problems = parsed.ok ? [] : [...parsed.problems];
    let override: { by: string; reason: string } | undefined;
    if (values['override-by'] !== undefined || values['override-reason'] !== undefined) {
      const o = overrideSchema.safeParse({ by: values['override-by'], reason: values['override-reason'] });
      if (o.success) override = o.data;
      else problems.push(...problemsFromZod(o.error).map((p) => ({ ...p, path: `--override-${p.path}` })));
    }
    if (!parsed.ok || problems.length > 0)
      throw new CliInputError('the consultation profile is not valid', problems);
    const advice = adviseConsultation(parsed.value, {
      ...(override ? { override } : {}),
      policy: { blockUnapprovedInjection: values['block-unapproved-injection'] === true },
    });
    io.stdout.write(values.json ? `${JSON.stringify(advice, null, 2)}\n` : `${formatAdvice(advice)}\n`);
    return EXIT_OK;
  },
};
