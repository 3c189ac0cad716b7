import { Badge, Button, Card, Group, Paper, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { get, post } from '../api/client';
import type { Location, Page } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import { ScrollRegion, TableScroll } from '../components/TableScroll';
import { formatInstant, formatMoney } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { useConsentTemplates, usePriceLists } from './queries';
import { ClinicSettings } from './settings/ClinicSettings';
import { ProtocolSettings } from './settings/ProtocolSettings';
import { ResourcesSettings } from './settings/ResourcesSettings';
import { UsersSettings } from './settings/UsersSettings';

function Locations({ canWrite }: { canWrite: boolean }) {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['locations'],
    queryFn: () => get<Page<Location>>('/locations').then((p) => p.items),
  });
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const add = useMutation({
    mutationFn: () => post<Location>('/locations', { name, timeZone }),
    onSuccess: () => {
      setName('');
      client.invalidateQueries({ queryKey: ['locations'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <Stack>
      {q.data.length === 0 ? (
        <Empty>{t('settings.noLocations')}</Empty>
      ) : (
        <TableScroll minWidth={480}>
          <Table aria-label={t('settings.locations')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('settings.name')}</Table.Th>
                <Table.Th scope="col">{t('settings.timeZone')}</Table.Th>
                <Table.Th scope="col">{t('patient.address')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td>{l.timeZone}</Table.Td>
                  <Table.Td>{l.address ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {canWrite && (
        <Paper withBorder p="sm" component="form" onSubmit={submit}>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('settings.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              label={t('settings.timeZone')}
              required
              value={timeZone}
              onChange={(e) => setTimeZone(e.currentTarget.value)}
            />
            <Button type="submit" variant="light" loading={add.isPending}>
              {t('settings.addLocation')}
            </Button>
          </Group>
          {add.isError && <ErrorState error={add.error} />}
        </Paper>
      )}
    </Stack>
  );
}

function PriceLists() {
  const q = usePriceLists();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  if (q.data.length === 0) return <Empty>{t('quote.noPriceLists')}</Empty>;
  return (
    <Stack>
      {q.data.map((l) => (
        <Card withBorder key={l.id}>
          <Group gap="xs" mb="xs">
            <Title order={3} size="h4">
              {l.name}
            </Title>
            <Badge variant="light">{l.currency}</Badge>
            {l.isExample && <Badge color="yellow">{t('quote.example')}</Badge>}
          </Group>
          <TableScroll minWidth={520}>
            <Table aria-label={l.name}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('settings.treatment')}</Table.Th>
                  <Table.Th scope="col">{t('wizard.indication')}</Table.Th>
                  <Table.Th scope="col">{t('wizard.modality')}</Table.Th>
                  <Table.Th scope="col">{t('wizard.areaSize')}</Table.Th>
                  <Table.Th scope="col">{t('quote.tier')}</Table.Th>
                  <Table.Th scope="col">{t('settings.pricePerSession')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {l.entries.map((e, i) => (
                  // Entries have no id; their position in the list is their identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <Table.Tr key={i}>
                    <Table.Td>{e.treatment}</Table.Td>
                    <Table.Td>{e.indication ?? t('settings.any')}</Table.Td>
                    <Table.Td>{e.modality ?? t('settings.any')}</Table.Td>
                    <Table.Td>{e.areaSize ?? t('settings.any')}</Table.Td>
                    <Table.Td>{e.tier ?? t('settings.any')}</Table.Td>
                    <Table.Td className="num">{formatMoney(e.pricePerSession, l.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Card>
      ))}
    </Stack>
  );
}

function Templates() {
  const q = useConsentTemplates();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  if (q.data.length === 0) return <Empty>{t('consent.noTemplates')}</Empty>;
  return (
    <Stack>
      {q.data.map((tp) => (
        <Card withBorder key={`${tp.id}-${tp.version}`}>
          <Group gap="xs">
            <Title order={3} size="h4">
              {tp.title}
            </Title>
            <Badge variant="light">v{tp.version}</Badge>
            <Text size="xs" c="dimmed">
              {formatInstant(tp.createdAt)}
            </Text>
          </Group>
          <ScrollRegion className="scroll-box" style={{ maxHeight: 240 }} label={tp.title}>
            <Text size="sm" className="prewrap">
              {tp.body}
            </Text>
          </ScrollRegion>
        </Card>
      ))}
    </Stack>
  );
}

export function SettingsPage() {
  usePageTitle(t('settings.title'));
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'locations';
  const s = session.data;
  return (
    <Stack gap="md">
      <Title order={1}>{t('settings.title')}</Title>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="locations">{t('settings.locations')}</Tabs.Tab>
          {may(s, 'clinic.read') && <Tabs.Tab value="clinic">{t('clinicSettings.tab')}</Tabs.Tab>}
          {may(s, 'users.read') && <Tabs.Tab value="users">{t('settings.users')}</Tabs.Tab>}
          {may(s, 'price-lists.read') && <Tabs.Tab value="prices">{t('settings.priceLists')}</Tabs.Tab>}
          {may(s, 'consent-templates.read') && (
            <Tabs.Tab value="templates">{t('settings.templates')}</Tabs.Tab>
          )}
          {may(s, 'resources.read') && <Tabs.Tab value="resources">{t('resources.tab')}</Tabs.Tab>}
          {may(s, 'protocol-settings.read') && (
            <Tabs.Tab value="protocols">{t('protocolSettings.tab')}</Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="locations" pt="md">
          <Locations canWrite={may(s, 'locations.write')} />
        </Tabs.Panel>
        {may(s, 'clinic.read') && (
          <Tabs.Panel value="clinic" pt="md">
            <ClinicSettings canWrite={may(s, 'clinic.write')} />
          </Tabs.Panel>
        )}
        {may(s, 'users.read') && (
          <Tabs.Panel value="users" pt="md">
            <UsersSettings />
          </Tabs.Panel>
        )}
        {may(s, 'price-lists.read') && (
          <Tabs.Panel value="prices" pt="md">
            <PriceLists />
          </Tabs.Panel>
        )}
        {may(s, 'consent-templates.read') && (
          <Tabs.Panel value="templates" pt="md">
            <Templates />
          </Tabs.Panel>
        )}
        {may(s, 'resources.read') && (
          <Tabs.Panel value="resources" pt="md">
            <ResourcesSettings canWrite={may(s, 'resources.write')} />
          </Tabs.Panel>
        )}
        {may(s, 'protocol-settings.read') && (
          <Tabs.Panel value="protocols" pt="md">
            <ProtocolSettings canWrite={may(s, 'protocol-settings.write')} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
