import {
  Button,
  Card,
  CopyButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, get, post } from '../../api/client';
import type { Resource } from '../../api/types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';

interface Feed {
  id: string;
  kind: 'practitioner' | 'room' | 'patient';
  subjectId: string;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

/**
 * ICS feeds for practitioners and rooms: a secret URL staff add to their own calendar app. The
 * URL is shown once, when it is made; a feed can be revoked and its URL stops answering.
 */
export function FeedsPanel({ resources }: { resources: Resource[] }) {
  const client = useQueryClient();
  const [subject, setSubject] = useState<string | null>(null);
  const feeds = useQuery({
    queryKey: ['calendar-feeds'],
    queryFn: () => get<{ items: Feed[] }>('/calendar-feeds').then((r) => r.items),
  });
  const subjects = resources.filter((r) => r.active && (r.kind === 'practitioner' || r.kind === 'room'));
  const create = useMutation({
    mutationFn: () => {
      const r = subjects.find((s) => s.id === subject);
      return post<Feed & { url: string }>('/calendar-feeds', { kind: r?.kind, subjectId: subject });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['calendar-feeds'] }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<Feed>('DELETE', `/calendar-feeds/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['calendar-feeds'] }),
  });
  const live = feeds.data?.filter((f) => f.kind !== 'patient' && f.revokedAt === null) ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="calendar-feeds">
      <Stack gap="sm">
        <Title order={2} size="h4" id="calendar-feeds">
          {t('calendar.feeds.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('calendar.feeds.intro')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('calendar.feeds.subject')}
            data={subjects.map((r) => ({
              value: r.id,
              label: `${r.name} (${t(`calendar.kind.${r.kind}` as 'calendar.kind.room')})`,
            }))}
            value={subject}
            onChange={setSubject}
            searchable
            w={280}
          />
          <Button disabled={!subject} loading={create.isPending} onClick={() => create.mutate()}>
            {t('calendar.feeds.create')}
          </Button>
        </Group>
        {create.isError && <ErrorState error={create.error} />}
        {create.data && (
          <Stack gap={4} data-testid="feed-url">
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                label={t('calendar.feeds.url', { name: create.data.label })}
                value={create.data.url}
                readOnly
                style={{ flex: 1 }}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={create.data.url}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? t('calendar.feeds.copied') : t('calendar.feeds.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              {t('calendar.feeds.once')}
            </Text>
          </Stack>
        )}
        {feeds.isPending ? (
          <Loading />
        ) : feeds.isError ? (
          <ErrorState error={feeds.error} onRetry={() => feeds.refetch()} />
        ) : live.length === 0 ? (
          <Empty>{t('calendar.feeds.none')}</Empty>
        ) : (
          <TableScroll minWidth={420}>
            <Table aria-label={t('calendar.feeds.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('calendar.feeds.for')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.feeds.created')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('calendar.feeds.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {live.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      {f.label} ({t(`calendar.kind.${f.kind}` as 'calendar.kind.room')})
                    </Table.Td>
                    <Table.Td className="num">{formatInstant(f.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={revoke.isPending && revoke.variables === f.id}
                        onClick={() => revoke.mutate(f.id)}
                        aria-label={t('calendar.feeds.revokeOne', { name: f.label })}
                      >
                        {t('calendar.feeds.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
    </Card>
  );
}
