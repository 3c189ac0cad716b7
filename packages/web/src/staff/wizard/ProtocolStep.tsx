import { findIndication, type IndicationId, protocolsFor } from '@exoclinic/core';
import { Alert, Badge, List, Radio, Stack, Table, Text } from '@mantine/core';
import { SourceRef } from '../../components/SourceRef';
import { TableScroll } from '../../components/TableScroll';
import { t } from '../../lib/i18n';

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
  const protocols = protocolsFor(indication);
  const defaultId = findIndication(indication)?.defaultProtocol ?? null;
  const chosen = value ?? defaultId;
  const def = protocols.find((p) => p.id === defaultId);
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
        </Alert>
      )}
    </Stack>
  );
}
