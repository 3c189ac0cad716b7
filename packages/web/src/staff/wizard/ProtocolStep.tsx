import { findIndication, type IndicationId, protocolsFor } from '@exoclinic/core';
import { Badge, Radio, Stack, Table, Text } from '@mantine/core';
import { useEffect } from 'react';
import {
  ProtocolDisagreements,
  ProtocolInterval,
  ProtocolKindBadge,
  ProtocolMaintenance,
  ProtocolSessions,
} from '../../components/protocol-parts';
import { SourceRef } from '../../components/SourceRef';
import { TableScroll } from '../../components/TableScroll';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { useProtocolSettings } from '../settings/queries';

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
                      <ProtocolKindBadge protocol={p} mt={4} />{' '}
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
                      <ProtocolSessions protocol={p} withNote />
                    </Table.Td>
                    <Table.Td>
                      <ProtocolInterval protocol={p} />
                    </Table.Td>
                    <Table.Td>
                      <ProtocolMaintenance protocol={p} />
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
      {def && (
        <ProtocolDisagreements protocol={def} derivationLabel={t('protocol.defaultDerivation')}>
          {offered && clinicDefault !== defaultId && (
            <Text size="sm" mt="xs">
              {t('protocolSettings.differsFromCatalog', {
                clinic: protocols.find((p) => p.id === clinicDefault)?.title ?? clinicDefault ?? '',
                catalog: def.title,
              })}
            </Text>
          )}
        </ProtocolDisagreements>
      )}
    </Stack>
  );
}
