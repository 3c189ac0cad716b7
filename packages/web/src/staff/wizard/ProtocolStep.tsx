import { findIndication, type IndicationId, protocolsFor } from '@exoclinic/core';
import { Alert, Badge, List, Radio, Stack, Table, Text } from '@mantine/core';
import { useEffect } from 'react';
import { SourceRef } from '../../components/SourceRef';
import { TableScroll } from '../../components/TableScroll';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { useProtocolSettings } from '../settings/queries';

const days = (w: { min: number; target: number; max: number }) =>
  w.min === w.max
    ? t('protocol.daysExact', { n: w.min })
    : t('protocol.days', { min: w.min, target: w.target, max: w.max });
const range = (r: { min: number; max: number }) => (r.min === r.max ? String(r.min) : `${r.min}–${r.max}`);

/** Every source's protocol for the indication side by side, so their disagreements are plain. */
export function ProtocolStep({
  indication,
  value,
  onChange,
  readOnly = false,
}: {
  indication: IndicationId;
  value: string | null;
  onChange: (id: string) => void;
  readOnly?: boolean;
}) {
  const session = useSession();
  // The clinic's preference lists its offered protocols first and preselects its default; every
  // other protocol, the catalog's default and the sources' disagreements below stay in view.
  const prefs = useProtocolSettings(may(session.data, 'protocol-settings.read')).data?.indications[
    indication
  ];
  const offered = prefs?.customised ? prefs.offered : null;
  const rank = (id: string) => (offered ? (offered.includes(id) ? offered.indexOf(id) : offered.length) : 0);
  const protocols = protocolsFor(indication).sort((a, b) => rank(a.id) - rank(b.id));
  const defaultId = findIndication(indication)?.defaultProtocol ?? null;
  const clinicDefault = offered ? (prefs?.default ?? defaultId) : defaultId;
  const chosen = value ?? clinicDefault;
  const def = protocols.find((p) => p.id === defaultId);
  useEffect(() => {
    if (!readOnly && value === null && clinicDefault && clinicDefault !== defaultId) onChange(clinicDefault);
  }, [readOnly, value, clinicDefault, defaultId, onChange]);
  return (
    <Stack gap="md">
      {!readOnly && <Text size="sm">{t('protocol.intro')}</Text>}
      <Radio.Group
        value={chosen ?? ''}
        onChange={onChange}
        label={readOnly ? undefined : t('protocol.choose')}
        name="protocol"
      >
        <TableScroll minWidth={760}>
          <Table withTableBorder striped aria-label={t('protocol.compare')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('protocol.protocol')}</Table.Th>
                <Table.Th scope="col">{t('protocol.sessions')}</Table.Th>
                <Table.Th scope="col">{t('protocol.interval')}</Table.Th>
                <Table.Th scope="col">{t('protocol.maintenance')}</Table.Th>
                <Table.Th scope="col">{t('protocol.notes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {protocols.map((p) => {
                const usable = p.initialSeries !== null;
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      {readOnly ? (
                        <>
                          <Text size="sm" fw={500}>
                            {p.title}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {p.id}
                          </Text>
                        </>
                      ) : (
                        <Radio value={p.id} disabled={!usable} label={p.title} description={p.id} />
                      )}
                      <Badge
                        size="xs"
                        variant="light"
                        mt={4}
                        color={p.kind === 'default' ? 'teal' : p.kind === 'study' ? 'indigo' : 'gray'}
                      >
                        {t(`protocolKind.${p.kind}` as 'protocolKind.default')}
                      </Badge>{' '}
                      {offered && (
                        <Badge
                          size="xs"
                          mt={4}
                          {...(p.id === clinicDefault
                            ? { color: 'teal.9' }
                            : offered.includes(p.id)
                              ? { color: 'teal', variant: 'light' }
                              : { variant: 'default' })}
                        >
                          {t(
                            p.id === clinicDefault
                              ? 'protocolSettings.clinicDefaultBadge'
                              : offered.includes(p.id)
                                ? 'protocolSettings.offeredHere'
                                : 'protocolSettings.notOffered',
                          )}
                        </Badge>
                      )}{' '}
                      <SourceRef sources={p.sources} label={p.title} />
                    </Table.Td>
                    <Table.Td>
                      {p.initialSeries ? (
                        <>
                          {range(p.initialSeries.sessions.usual)}{' '}
                          <SourceRef sources={p.initialSeries.sessions.sources} />
                          {p.initialSeries.sessions.note && (
                            <Text size="xs" c="dimmed">
                              {p.initialSeries.sessions.note}
                            </Text>
                          )}
                        </>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('protocol.noSeries')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.initialSeries ? (
                        <>
                          {days(p.initialSeries.intervalDays)}{' '}
                          <SourceRef sources={p.initialSeries.intervalDays.sources} />
                        </>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.maintenance ? (
                        <>
                          {days(p.maintenance.intervalDays)}{' '}
                          <SourceRef sources={p.maintenance.intervalDays.sources} />
                        </>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {p.evidence &&
                          `${p.evidence.design} (n=${p.evidence.participants}): ${p.evidence.outcome.replace(/\.$/, '')}. `}
                        {p.note}
                        {p.maintenance?.note}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Radio.Group>
      {def && (def.derivation || (def.conflicts?.length ?? 0) > 0) && (
        <Alert variant="light" color="blue" title={t('protocol.disagreements')}>
          {def.conflicts && (
            <List size="sm" spacing={4}>
              {def.conflicts.map((c) => (
                <List.Item key={c}>{c}</List.Item>
              ))}
            </List>
          )}
          {def.derivation && (
            <Text size="sm" mt="xs">
              <Text span fw={600}>
                {t('protocol.defaultDerivation')}:
              </Text>{' '}
              {def.derivation} <SourceRef sources={def.sources} />
            </Text>
          )}
          {offered && clinicDefault !== defaultId && (
            <Text size="sm" mt="xs">
              {t('protocolSettings.differsFromCatalog', {
                clinic: protocols.find((p) => p.id === clinicDefault)?.title ?? clinicDefault ?? '',
                catalog: def.title,
              })}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}
