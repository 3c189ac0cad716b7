import type { Protocol } from '@exoclinic/core';
import { Alert, Badge, List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../lib/i18n';
import { SourceRef } from './SourceRef';

// A catalog protocol's details as the staff compare them (the consultation's protocol step and the
// clinic's protocol settings): its kind, sessions, interval and maintenance, each with its source,
// and where the sources disagree with the catalog's default.

const days = (w: { min: number; target: number; max: number }) =>
  w.min === w.max
    ? t('protocol.daysExact', { n: w.min })
    : t('protocol.days', { min: w.min, target: w.target, max: w.max });
const range = (r: { min: number; max: number }) => (r.min === r.max ? String(r.min) : `${r.min}–${r.max}`);

export function ProtocolKindBadge({ protocol, mt }: { protocol: Protocol; mt?: number }) {
  return (
    <Badge
      size="xs"
      variant="light"
      mt={mt}
      color={protocol.kind === 'default' ? 'teal' : protocol.kind === 'study' ? 'indigo' : 'gray'}
    >
      {t(`protocolKind.${protocol.kind}` as 'protocolKind.default')}
    </Badge>
  );
}

/** The usual number of sessions of the initial series (and the source's note on it, if asked). */
export function ProtocolSessions({ protocol, withNote = false }: { protocol: Protocol; withNote?: boolean }) {
  const series = protocol.initialSeries;
  if (!series)
    return (
      <Text size="sm" c="dimmed">
        {t('protocol.noSeries')}
      </Text>
    );
  return (
    <>
      {range(series.sessions.usual)} <SourceRef sources={series.sessions.sources} />
      {withNote && series.sessions.note && (
        <Text size="xs" c="dimmed">
          {series.sessions.note}
        </Text>
      )}
    </>
  );
}

/** The days between sessions of the initial series. */
export function ProtocolInterval({ protocol }: { protocol: Protocol }) {
  const series = protocol.initialSeries;
  if (!series) return '—';
  return (
    <>
      {days(series.intervalDays)} <SourceRef sources={series.intervalDays.sources} />
    </>
  );
}

/** The days between maintenance sessions. */
export function ProtocolMaintenance({ protocol }: { protocol: Protocol }) {
  const maintenance = protocol.maintenance;
  if (!maintenance) return '—';
  return (
    <>
      {days(maintenance.intervalDays)} <SourceRef sources={maintenance.intervalDays.sources} />
    </>
  );
}

/**
 * Where the sources disagree with the catalog's default and how its numbers were derived (nothing
 * when it states neither); `children` adds the caller's own line under it.
 */
export function ProtocolDisagreements({
  protocol,
  derivationLabel,
  children,
}: {
  protocol: Protocol;
  derivationLabel: string;
  children?: ReactNode;
}) {
  if (!protocol.derivation && (protocol.conflicts?.length ?? 0) === 0) return null;
  return (
    <Alert variant="light" color="blue" title={t('protocol.disagreements')}>
      {protocol.conflicts && (
        <List size="sm" spacing={4}>
          {protocol.conflicts.map((c) => (
            <List.Item key={c}>{c}</List.Item>
          ))}
        </List>
      )}
      {protocol.derivation && (
        <Text size="sm" mt="xs">
          <Text span fw={600}>
            {derivationLabel}:
          </Text>{' '}
          {protocol.derivation} <SourceRef sources={protocol.sources} />
        </Text>
      )}
      {children}
    </Alert>
  );
}
