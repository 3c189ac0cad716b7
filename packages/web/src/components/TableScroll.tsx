import type { CSSProperties, ReactNode } from 'react';
import { t } from '../lib/i18n';

/**
 * A box that scrolls (a wide table on a phone, a long consent text). It takes keyboard focus so
 * that what lies beyond the edge can be reached without a mouse (axe: scrollable-region-focusable).
 */
export function ScrollRegion({
  label,
  className,
  style,
  children,
}: {
  label: string;
  className: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className={className} style={style} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** A table that scrolls sideways on a narrow screen. */
export function TableScroll({
  minWidth,
  label,
  children,
}: {
  minWidth: number;
  label?: string;
  children: ReactNode;
}) {
  return (
    <ScrollRegion className="table-scroll" label={label ?? t('table.scroll')}>
      <div style={{ minWidth }}>{children}</div>
    </ScrollRegion>
  );
}
