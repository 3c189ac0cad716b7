import type { z } from 'zod';
import { findIndication } from './catalog/indications';
import { findProtocol, type Protocol } from './catalog/protocols';
import { type ConsultationProfile, consultationProfileSchema } from './profile';

export interface InputProblem {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

/** Turns zod issues into one problem per bad field (unknown keys: one per key). */
export function problemsFromZod(error: z.ZodError): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ path: base ? `${base}.${key}` : key, message: 'is not a known field' });
      }
      continue;
    }
    // "expected boolean, received undefined" reads better as a missing field.
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    const message = missing
      ? `is required (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`
      : issue.message;
    problems.push({ path: base || '(root)', message });
  }
  return problems;
}

/**
 * Validates a consultation profile: its shape and values, and that its ids agree with the
 * catalog (the modality delivers the indication, the protocol exists and belongs to it).
 */
export function parseConsultationProfile(
  input: unknown,
  clinicProtocols: readonly Protocol[] = [],
): Parsed<ConsultationProfile> {
  const result = consultationProfileSchema.safeParse(input);
  if (!result.success) return { ok: false, problems: problemsFromZod(result.error) };
  const profile = result.data;
  const problems: InputProblem[] = [];
  const indication = findIndication(profile.indication);
  if (indication && !indication.modalities.includes(profile.modality)) {
    problems.push({
      path: 'modality',
      message: `'${profile.modality}' is not used for '${profile.indication}'; use one of: ${indication.modalities.join(', ')}`,
    });
  }
  if (profile.protocol !== undefined) {
    const protocol = findProtocol(profile.protocol, clinicProtocols);
    if (!protocol) {
      problems.push({ path: 'protocol', message: `unknown protocol '${profile.protocol}'` });
    } else if (protocol.indication !== profile.indication) {
      problems.push({
        path: 'protocol',
        message: `'${protocol.id}' is a protocol for '${protocol.indication}', not '${profile.indication}'`,
      });
    } else if (!protocol.initialSeries) {
      problems.push({
        path: 'protocol',
        message: `'${protocol.id}' has no initial series to plan; choose another protocol for '${profile.indication}'`,
      });
    } else if (protocol.modalities.length > 0 && !protocol.modalities.includes(profile.modality)) {
      problems.push({
        path: 'protocol',
        message: `'${protocol.id}' was described with ${protocol.modalities.join(', ')}, not '${profile.modality}'`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: profile };
}
