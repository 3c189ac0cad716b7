import { Badge, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { get, qs } from '../../api/client';
import type { RecallItem } from '../../api/records-types';
import { SourceRef } from '../../components/SourceRef';
import { Empty, ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { addDays, clinicToday, formatDay } from '../../lib/format';
import { usePageTitle } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { useLocations } from './queries';

const STATUS_COLOR: Record<RecallItem['status'], string> = {
  overdue: 'red',
  due: 'orange',
  upcoming: 'blue',
  booked: 'teal',
};

/** Maintenance and follow-up recall list of a site over a range of days. */
export function RecallsPage() {
  usePageTitle(t('recalls.title'));
  const locations = useLocations();
  const today = clinicToday();
  const [location, setLocation] = useState<string | null>(null);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 30));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const recalls = useQuery({
    queryKey: ['recalls', location, from, to],
    enabled: valid,
    queryFn: () =>
      get<{ from: string; to: string; items: RecallItem[] }>(`/recalls${qs({ location, from, to })}`),
  });
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('recalls.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('recalls.intro')}
        </Text>
      </div>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('recalls.location')}
          placeholder={t('recalls.allLocations')}
          clearable
          data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={location}
          onChange={setLocation}
          w={220}
        />
        <TextInput
          label={t('recalls.from')}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          label={t('recalls.to')}
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={valid ? undefined : t('recalls.badRange')}
        />
      </Group>
      {!valid ? null : recalls.isPending ? (
        <Loading />
      ) : recalls.isError ? (
        <ErrorState error={recalls.error} onRetry={() => recalls.refetch()} />
      ) : recalls.data.items.length === 0 ? (
        <Empty>
          {t('recalls.none', {
            from: formatDay(recalls.data.from, 'short'),
            to: formatDay(recalls.data.to, 'short'),
          })}
        </Empty>
      ) : (
        <TableScroll minWidth={640}>
          <Table aria-label={t('recalls.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('patient.name')}</Table.Th>
                <Table.Th scope="col">{t('recalls.what')}</Table.Th>
                <Table.Th scope="col">{t('recalls.due')}</Table.Th>
                <Table.Th scope="col">{t('recalls.window')}</Table.Th>
                <Table.Th scope="col">{t('recalls.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recalls.data.items.map((r) => (
                <Table.Tr key={`${r.planId}-${r.kind}-${r.followUpKind ?? ''}-${r.due}`}>
                  <Table.Td>
                    <Link to={`/patients/${r.patientId}`}>{r.patientName}</Link>
                  </Table.Td>
                  <Table.Td>
                    {r.label} <SourceRef sources={r.sources} label={r.label} />
                  </Table.Td>
                  <Table.Td className="num">{formatDay(r.due, 'short')}</Table.Td>
                  <Table.Td className="num">
                    {formatDay(r.earliest, 'short')} – {r.latest ? formatDay(r.latest, 'short') : '…'}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[r.status]} variant="light">
                      {t(`recalls.st.${r.status}` as 'recalls.st.due')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
