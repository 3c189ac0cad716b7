import type { Disclosure, Plan } from '@exoclinic/core';

export const REQUIRED_PLACEHOLDERS = ['{{disclosures}}'] as const;
export const KNOWN_PLACEHOLDERS = [
  '{{clinic}}',
  '{{patient}}',
  '{{treatment}}',
  '{{sessions}}',
  '{{disclosures}}',
  '{{caveats}}',
] as const;

/** The clinic's own words around the core's disclosures; the text is frozen once prepared. */
export const DEFAULT_CONSENT_TEMPLATE = {
  title: 'Consent to exosome treatment',
  body: [
    'I, {{patient}}, agree to the treatment planned for me at {{clinic}}: {{treatment}}.',
    '',
    'Planned course: {{sessions}}.',
    '',
    'About the product and its regulatory status:',
    '{{disclosures}}',
    '',
    'What I understand about results:',
    '{{caveats}}',
    '',
    'I have been able to ask questions, and I know I may stop the course at any time.',
  ].join('\n'),
};

export function fillConsentTemplate(
  body: string,
  values: { clinic: string; patient: string; plan: Plan; disclosures: Disclosure[] },
): string {
  const { plan } = values;
  const bullet = (lines: string[]) => lines.map((l) => `- ${l}`).join('\n');
  const fills: Record<(typeof KNOWN_PLACEHOLDERS)[number], string> = {
    '{{clinic}}': values.clinic,
    '{{patient}}': values.patient,
    '{{treatment}}': `${plan.protocol.title} (${plan.indication}, ${plan.modality})`,
    '{{sessions}}': `${plan.initialSeries.sessions} session(s), first on ${plan.startDate}`,
    '{{disclosures}}': values.disclosures.length
      ? bullet(values.disclosures.map((d) => `${d.text} [${d.sources.join(', ')}]`))
      : '- No product was named at the consultation: the product and its regulatory status must be stated before treatment.',
    '{{caveats}}': bullet(plan.caveats.map((c) => c.text)),
  };
  let out = body;
  for (const [key, value] of Object.entries(fills)) out = out.split(key).join(value);
  return out;
}
