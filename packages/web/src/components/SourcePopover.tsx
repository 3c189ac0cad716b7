import { findSource } from '@exoclinic/core';
import { Anchor, Badge, Group, Popover, Stack, Text } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import { t } from '../lib/i18n';

/** The opened source popover: loaded on the first click, with the source registry of the core. */
export default function SourcePopover({
  keys,
  buttonLabel,
  onClose,
}: {
  keys: string[];
  buttonLabel: string;
  onClose: () => void;
}) {
  const id = useId();
  const content = useRef<HTMLDivElement>(null);
  // Opened on a click, the popover takes the focus; Escape closes it wherever the focus is.
  useEffect(() => {
    content.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <Popover opened onClose={onClose} width={360} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <Anchor
          component="button"
          type="button"
          size="xs"
          className="source-ref"
          aria-label={buttonLabel}
          aria-haspopup="dialog"
          aria-expanded
          aria-controls={id}
          onClick={onClose}
          style={{ verticalAlign: 'baseline', whiteSpace: 'nowrap' }}
        >
          [{keys.join(', ')}]
        </Anchor>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" id={id} tabIndex={-1} ref={content}>
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
