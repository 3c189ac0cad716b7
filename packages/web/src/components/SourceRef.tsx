import { Anchor } from '@mantine/core';
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { t } from '../lib/i18n';

// The popover and the source registry load on the first click: pages show many source buttons,
// and most are never opened.
const SourcePopover = lazy(() => import('./SourcePopover'));

/**
 * The source of a number, one click away: a small button naming the source keys; its popover
 * gives each source's title, kind, year and where to find it (DESIGN §9).
 */
export function SourceRef({ sources, label }: { sources: readonly string[]; label?: string }) {
  const [open, setOpen] = useState(false);
  const wasOpen = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const keys = [...new Set(sources)];
  const buttonLabel = t('source.button', { keys: keys.join(', '), what: label ?? '' }).trim();
  // Closing swaps the popover's button back for this one: keep the keyboard focus on it.
  useEffect(() => {
    if (!open && wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (keys.length === 0) return null;
  const closed = (
    <Anchor
      ref={button}
      component="button"
      type="button"
      size="xs"
      className="source-ref"
      aria-label={buttonLabel}
      aria-haspopup="dialog"
      aria-expanded={false}
      onClick={() => setOpen(true)}
      style={{ verticalAlign: 'baseline', whiteSpace: 'nowrap' }}
    >
      [{keys.join(', ')}]
    </Anchor>
  );
  if (!open) return closed;
  return (
    <Suspense fallback={closed}>
      <SourcePopover keys={keys} buttonLabel={buttonLabel} onClose={() => setOpen(false)} />
    </Suspense>
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
