import { findSource } from '@exoclinic/core';
import { Anchor, Badge, Group, Popover, Stack, Text } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { t } from '../lib/i18n';

/**
 * The source of a number, one click away: a small button naming the source keys; its popover
 * gives each source's title, kind, year and where to find it (DESIGN §9).
 */
export function SourceRef({ sources, label }: { sources: readonly string[]; label?: string }) {
  const id = useId();
  const keys = [...new Set(sources)];
  if (keys.length === 0) return null;
  return (
    <Popover width={360} position="bottom-start" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Anchor
          component="button"
          type="button"
          size="xs"
          className="source-ref"
          aria-label={t('source.button', { keys: keys.join(', '), what: label ?? '' }).trim()}
          aria-describedby={id}
          style={{ verticalAlign: 'baseline', whiteSpace: 'nowrap' }}
        >
          [{keys.join(', ')}]
        </Anchor>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" id={id} tabIndex={-1} data-autofocus>
          <Text size="xs" fw={600} c="dimmed">
            {t('source.heading')}
          </Text>
          {keys.map((key) => {
            const s = findSource(key);
            return (
              <div key={key}>
                <Group gap={6} wrap="nowrap" align="baseline">
                  <Badge size="xs" variant="light" color="gray">
                    {key}
                  </Badge>
                  <Text size="sm" fw={500}>
                    {s?.title ?? t('source.unknown')}
                  </Text>
                </Group>
                {s && (
                  <Text size="xs" c="dimmed">
                    {t(`source.kind.${s.kind}` as 'source.kind.derived')}
                    {s.year ? ` · ${s.year}` : ''} · {s.locator}
                    {s.unconfirmed ? ` · ${t('source.unconfirmed')}` : ''}
                  </Text>
                )}
              </div>
            );
          })}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A labelled value with its sources beside it. */
export function Sourced({
  children,
  sources,
  label,
}: {
  children: ReactNode;
  sources: readonly string[];
  label?: string;
}) {
  return (
    <span>
      {children} <SourceRef sources={sources} {...(label ? { label } : {})} />
    </span>
  );
}
