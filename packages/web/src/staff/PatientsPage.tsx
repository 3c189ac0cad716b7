import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { get, qs } from '../api/client';
import type { Page, Patient } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import { TableScroll } from '../components/TableScroll';
import { ageOn, clinicToday, formatDay } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';

/** What the search box holds decides the filter: a date, a phone number, an e-mail, or a name. */
export function searchParamsFor(text: string): Record<string, string> {
  const s = text.trim();
  if (!s) return {};
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return { dob: s };
  if (s.includes('@')) return { email: s };
  if (/^\+?[\d ().-]{3,}$/.test(s)) return { phone: s };
  return { q: s };
}

export function PatientsPage() {
  usePageTitle(t('patients.title'));
  const session = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const [debounced] = useDebouncedValue(text, 120);
  const filters = searchParamsFor(debounced);
  const query = useInfiniteQuery({
    queryKey: ['patients', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<Patient>>(`/patients${qs({ ...filters, limit: 50, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const patients = query.data?.pages.flatMap((p) => p.items) ?? [];
  const today = clinicToday();

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('patients.title')}</Title>
        {may(session.data, 'patients.write') && (
          <Button component={Link} to="/patients/new">
            {t('patients.new')}
          </Button>
        )}
      </Group>
      <TextInput
        label={t('patients.search')}
        description={t('patients.searchHint')}
        type="search"
        value={text}
        autoFocus
        onChange={(e) => {
          const v = e.currentTarget.value;
          setParams(v ? { q: v } : {}, { replace: true });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && patients.length === 1 && patients[0])
            navigate(`/patients/${patients[0].id}`);
        }}
      />
      <div aria-live="polite" aria-busy={query.isFetching}>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => query.refetch()} />
        ) : patients.length === 0 ? (
          <Empty>{debounced ? t('patients.noMatch', { q: debounced }) : t('patients.none')}</Empty>
        ) : (
          <>
            <Text size="sm" c="dimmed" mb="xs">
              {t('patients.count', { n: patients.length })}
            </Text>
            <TableScroll minWidth={560}>
              <Table highlightOnHover aria-label={t('patients.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('patient.name')}</Table.Th>
                    <Table.Th scope="col">{t('patient.dob')}</Table.Th>
                    <Table.Th scope="col">{t('patient.phone')}</Table.Th>
                    <Table.Th scope="col">{t('patient.email')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {patients.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Link to={`/patients/${p.id}`}>
                          {p.familyName}, {p.givenName}
                        </Link>
                      </Table.Td>
                      <Table.Td className="num">
                        {formatDay(p.dateOfBirth, 'short')} (
                        {t('patient.age', { n: ageOn(p.dateOfBirth, today) })})
                      </Table.Td>
                      <Table.Td>{p.phone ?? '—'}</Table.Td>
                      <Table.Td>{p.email ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
            {query.hasNextPage && (
              <Button
                variant="default"
                mt="sm"
                loading={query.isFetchingNextPage}
                onClick={() => query.fetchNextPage()}
              >
                {t('action.more')}
              </Button>
            )}
          </>
        )}
      </div>
    </Stack>
  );
}
