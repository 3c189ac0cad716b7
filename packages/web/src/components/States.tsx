import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { t } from '../lib/i18n';

export function Loading({ label }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite" data-loading>
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden />
        <Text size="sm" c="dimmed">
          {label ?? t('state.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

/** Plain words for a failed request; a validation problem lists every bad field. */
export function describeError(error: unknown): { title: string; detail: string; fields: string[] } {
  if (error instanceof ApiError) {
    if (error.status === 0)
      return { title: t('error.network.title'), detail: t('error.network.detail'), fields: [] };
    return {
      title: error.problem.title ?? t('error.generic.title'),
      detail: error.problem.detail ?? '',
      fields: (error.problem.errors ?? []).map((e) => `${e.path.replace(/^body\./, '')}: ${e.message}`),
    };
  }
  return {
    title: t('error.generic.title'),
    detail: error instanceof Error ? error.message : String(error),
    fields: [],
  };
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const d = describeError(error);
  return (
    <Alert color="red" title={d.title} role="alert" variant="light">
      <Stack gap="xs">
        {d.detail && <Text size="sm">{d.detail}</Text>}
        {d.fields.length > 0 && (
          <ul style={{ margin: 0 }}>
            {d.fields.map((f) => (
              <li key={f}>
                <Text size="sm">{f}</Text>
              </li>
            ))}
          </ul>
        )}
        {onRetry && (
          <div>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {t('action.retry')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="flex-start" gap="xs" py="md">
      <Text c="dimmed">{children}</Text>
      {action}
    </Stack>
  );
}
