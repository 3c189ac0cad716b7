import { Alert, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { describeError } from '../../components/States';
import { t } from '../../lib/i18n';

/**
 * The bad fields of a failed request, by field path without the `body.` prefix (`typeId`,
 * `followUps.0.title`). A validation answer (400) names the field with the schema's wording;
 * a rule answer (422) says why in words meant for people, so that wording is kept as is.
 */
export function fieldErrors(error: unknown): { byPath: Record<string, string>; validation: boolean } {
  const byPath: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { byPath, validation: false };
  for (const e of error.problem.errors ?? []) {
    const path = e.path.replace(/^body\.?/, '');
    byPath[path] = byPath[path] ? `${byPath[path]}; ${e.message}` : e.message;
  }
  return { byPath, validation: error.status === 400 };
}

/**
 * Reads a field's error: plain words of the form for a schema failure (when the form has them),
 * the server's words otherwise. `prefix` also catches nested paths (`lotIds.0`).
 */
export function errorOf(
  errors: ReturnType<typeof fieldErrors>,
  path: string,
  plain?: string,
): string | undefined {
  const hits = Object.entries(errors.byPath).filter(([p]) => p === path || p.startsWith(`${path}.`));
  if (hits.length === 0) return undefined;
  if (errors.validation && plain) return plain;
  return hits.map(([, m]) => m).join('; ');
}

/**
 * The summary of a failed submit, read by screen readers at once: the title and detail, and the
 * bad fields that have no input on the form (each input shows its own).
 */
export function FormProblem({ error, shown }: { error: unknown; shown: readonly string[] }) {
  const d = describeError(error);
  const { byPath } = fieldErrors(error);
  const covered = (p: string) => shown.some((s) => p === s || p.startsWith(`${s}.`));
  const rest = Object.entries(byPath).filter(([p]) => !covered(p));
  const count = Object.keys(byPath).length;
  return (
    <Alert color="red" title={d.title} role="alert" variant="light" data-testid="form-problem">
      <Stack gap={4}>
        <Text size="sm">{count > 0 ? t('ae.form.fixFields', { n: count }) : d.detail}</Text>
        {rest.length > 0 && (
          <ul style={{ margin: 0 }}>
            {rest.map(([p, m]) => (
              <li key={p}>
                <Text size="sm">
                  {p}: {m}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * Field errors of the last submit, each hidden once its input is edited (the server judges the
 * new value at the next submit). `touch(path)` goes in the input's change handler.
 */
export function useFieldErrors(error: unknown) {
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  // A new answer from the server: every field it names shows again.
  useEffect(() => {
    if (error) setEdited(new Set());
  }, [error]);
  const errors = fieldErrors(error);
  return {
    err: (path: string, plain?: string) => (edited.has(path) ? undefined : errorOf(errors, path, plain)),
    touch: (path: string) => {
      if (!edited.has(path)) setEdited((s) => new Set(s).add(path));
    },
  };
}
