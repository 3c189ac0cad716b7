import { CATALOG, findIndication, findProtocol, type IndicationId, protocolsFor } from '@exoclinic/core';
import { Badge, Button, Checkbox, Group, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import {
  ProtocolDisagreements,
  ProtocolInterval,
  ProtocolKindBadge,
  ProtocolMaintenance,
  ProtocolSessions,
} from '../../components/protocol-parts';
import { SourceRef } from '../../components/SourceRef';
import { ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import { problemAt, serverProblems } from './hours-rules';
import { useProtocolSettings } from './queries';
import type { ProtocolSettings as Settings } from './types';
import './settings.css';

type Choice = { offered: string[]; default: string };
/** Per indication: the clinic's own choice, or null to follow the catalog. */
type Draft = Record<string, Choice | null>;

const draftOf = (s: Settings): Draft =>
  Object.fromEntries(
    Object.entries(s.indications).map(([id, c]) => [
      id,
      c.customised ? { offered: c.offered, default: c.default } : null,
    ]),
  );

/** The default first, then the rest in the catalog's order. */
function ordered(indication: IndicationId, ids: Set<string>, def: string): string[] {
  const rest = protocolsFor(indication)
    .map((p) => p.id)
    .filter((id) => ids.has(id) && id !== def);
  return [def, ...rest];
}

/**
 * The clinic's protocol preferences: which of the catalog's protocols it offers per indication,
 * and which one a consultation starts from. The catalog's default, its derivation and the
 * sources' disagreements stay in view: the clinic chooses among sources, it does not rewrite them.
 */
export function ProtocolSettings({ canWrite }: { canWrite: boolean }) {
  const q = useProtocolSettings();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return <ProtocolSettingsForm settings={q.data} canWrite={canWrite} />;
}

function ProtocolSettingsForm({ settings, canWrite }: { settings: Settings; canWrite: boolean }) {
  const client = useQueryClient();
  const [indication, setIndication] = useState<IndicationId>('skin-rejuvenation');
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [saved, setSaved] = useState(false);
  const own = draft[indication] ?? null;
  const followsCatalog = own === null;
  // Following the catalog: every plannable protocol offered, the catalog's default.
  const catalogChoice: Choice = {
    offered: protocolsFor(indication)
      .filter((p) => p.initialSeries !== null)
      .map((p) => p.id),
    default: findIndication(indication)?.defaultProtocol ?? '',
  };
  const shown = own ?? catalogChoice;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(settings));

  const save = useMutation({
    mutationFn: () =>
      api<Settings>('PUT', '/settings/protocols', {
        indications: Object.fromEntries(Object.entries(draft).filter(([, c]) => c !== null)),
      }),
    onSuccess: (next) => {
      client.setQueryData(['protocol-settings'], next);
      setDraft(draftOf(next));
      setSaved(true);
    },
  });
  const problems = save.isError ? serverProblems(save.error) : [];

  const change = (next: Choice | null) => {
    setDraft((d) => ({ ...d, [indication]: next }));
    setSaved(false);
  };
  const toggle = (id: string, on: boolean) => {
    const ids = new Set(shown.offered);
    if (on) ids.add(id);
    else ids.delete(id);
    if (ids.size === 0) return; // an indication offers at least one protocol
    const def = ids.has(shown.default)
      ? shown.default
      : (ordered(indication, ids, [...ids][0]!)[0] as string);
    change({ offered: ordered(indication, ids, def), default: def });
  };
  const choose = (id: string) =>
    change({ offered: ordered(indication, new Set(shown.offered), id), default: id });

  const protocols = protocolsFor(indication);
  const catalogDefault = findProtocol(catalogChoice.default);
  const customisedCount = Object.values(settings.indications).filter((c) => c.customised).length;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('protocolSettings.intro')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('wizard.indication')}
          data={CATALOG.indications.map((i) => ({
            value: i.id,
            label: draft[i.id] ? t('protocolSettings.indicationCustomised', { name: i.name }) : i.name,
          }))}
          value={indication}
          allowDeselect={false}
          onChange={(v) => v && setIndication(v as IndicationId)}
          w={320}
        />
        {followsCatalog ? (
          <Badge variant="light" color="gray" mb={6}>
            {t('protocolSettings.followsCatalog')}
          </Badge>
        ) : (
          <Badge variant="light" color="teal" mb={6}>
            {t('protocolSettings.clinicChoice')}
          </Badge>
        )}
      </Group>

      <Radio.Group
        value={shown.default}
        onChange={choose}
        name="clinic-default"
        label={t('protocolSettings.tableLabel', { name: findIndication(indication)?.name ?? indication })}
        readOnly={!canWrite}
      >
        <TableScroll minWidth={760}>
          <Table withTableBorder striped aria-label={t('protocolSettings.table')} mt="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('protocolSettings.offered')}</Table.Th>
                <Table.Th scope="col">{t('protocolSettings.default')}</Table.Th>
                <Table.Th scope="col">{t('protocol.protocol')}</Table.Th>
                <Table.Th scope="col">{t('protocol.sessions')}</Table.Th>
                <Table.Th scope="col">{t('protocol.interval')}</Table.Th>
                <Table.Th scope="col">{t('protocol.maintenance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {protocols.map((p) => {
                const plannable = p.initialSeries !== null;
                const offered = shown.offered.includes(p.id);
                const at = `indications.${indication}.offered.${(own?.offered ?? []).indexOf(p.id)}`;
                return (
                  <Table.Tr key={p.id} data-protocol={p.id}>
                    <Table.Td>
                      {plannable ? (
                        <Checkbox
                          aria-label={t('protocolSettings.offer', { title: p.title })}
                          checked={offered}
                          disabled={!canWrite || (offered && shown.offered.length === 1)}
                          onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                          error={problemAt(problems, at)}
                        />
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('protocolSettings.referenceOnly')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {plannable && (
                        <Radio
                          value={p.id}
                          aria-label={t('protocolSettings.makeDefault', { title: p.title })}
                          disabled={!canWrite || !offered}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {p.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.id}
                      </Text>
                      <Group gap={4} mt={4}>
                        <ProtocolKindBadge protocol={p} />
                        {p.id === shown.default && (
                          <Badge size="xs" color="teal.9">
                            {t('protocolSettings.clinicDefaultBadge')}
                          </Badge>
                        )}
                        <SourceRef sources={p.sources} label={p.title} />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <ProtocolSessions protocol={p} />
                    </Table.Td>
                    <Table.Td>
                      <ProtocolInterval protocol={p} />
                    </Table.Td>
                    <Table.Td>
                      <ProtocolMaintenance protocol={p} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Radio.Group>
      {problemAt(problems, `indications.${indication}.default`, `indications.${indication}`) && (
        <Text size="sm" c="red" role="alert">
          {problemAt(problems, `indications.${indication}.default`, `indications.${indication}`)}
        </Text>
      )}

      {catalogDefault && (
        <ProtocolDisagreements
          protocol={catalogDefault}
          derivationLabel={t('protocolSettings.catalogDerivation')}
        >
          {shown.default !== catalogChoice.default && (
            <Text size="sm" mt="xs">
              {t('protocolSettings.differsFromCatalog', {
                clinic: findProtocol(shown.default)?.title ?? shown.default,
                catalog: catalogDefault.title,
              })}
            </Text>
          )}
        </ProtocolDisagreements>
      )}

      {save.isError && <ErrorState error={save.error} />}
      <Group gap="sm" wrap="wrap">
        {canWrite && (
          <>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
              {t('protocolSettings.save')}
            </Button>
            <Button variant="default" disabled={followsCatalog} onClick={() => change(null)}>
              {t('protocolSettings.reset')}
            </Button>
          </>
        )}
        {saved && !dirty && (
          <Text size="sm" c="teal.9" role="status">
            {t('protocolSettings.saved')}
          </Text>
        )}
        {dirty && (
          <Text size="sm" c="dimmed">
            {t('protocolSettings.unsaved')}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {settings.updatedAt
          ? t('protocolSettings.summary', { n: customisedCount, when: formatInstant(settings.updatedAt) })
          : t('protocolSettings.summaryNone')}
      </Text>
    </Stack>
  );
}
