import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { post } from '../../api/client';
import type { CourseOptions, Patient, PlanRecord } from '../../api/types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { formatDay } from '../../lib/format';
import { t } from '../../lib/i18n';
import { useResources } from '../queries';

/** The whole course booked from the solver's ranked alternatives (scheduling API). */
export function BookingStep({ plan }: { plan: PlanRecord; patient: Patient }) {
  const client = useQueryClient();
  const resources = useResources();
  const options = useQuery({
    queryKey: ['course-options', plan.id, plan.currentVersion],
    queryFn: () => post<CourseOptions>(`/plans/${plan.id}/course-options`, { alternatives: 3 }),
  });
  const book = useMutation({
    mutationFn: (option: number) => post<unknown>(`/plans/${plan.id}/course`, { alternatives: 3, option }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['appointments'] });
      client.invalidateQueries({ queryKey: ['patient-appointments', plan.patientId] });
    },
  });
  if (options.isPending) return <Loading label={t('booking.searching')} />;
  if (options.isError) return <ErrorState error={options.error} onRetry={() => options.refetch()} />;
  const name = (id: string | null) => (id ? (resources.data?.find((r) => r.id === id)?.name ?? '—') : '—');
  if (book.isSuccess)
    return (
      <Alert color="teal" title={t('booking.bookedTitle')} data-testid="course-booked">
        {t('booking.booked')}
      </Alert>
    );
  if (!options.data.ok)
    return (
      <Alert color="orange" title={t('booking.noOptionTitle')}>
        {options.data.failure?.message}
      </Alert>
    );
  if (options.data.options.length === 0) return <Empty>{t('booking.noOptionTitle')}</Empty>;
  return (
    <Stack>
      <Text size="sm">
        {t('booking.intro', { min: options.data.gapWindow.min, max: options.data.gapWindow.max })}
      </Text>
      {book.isError && <ErrorState error={book.error} />}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {options.data.options.map((o, i) => (
          <Card withBorder key={o.rank} component="section" aria-labelledby={`option-${o.rank}`}>
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h4" id={`option-${o.rank}`}>
                {t('booking.option', { n: o.rank })}
              </Title>
              {o.softMisses.length > 0 && (
                <Badge color="yellow">{t('booking.compromises', { n: o.softMisses.length })}</Badge>
              )}
            </Group>
            <List size="sm" spacing={4}>
              {o.sessions.map((s) => (
                <List.Item key={s.index}>
                  <Text span fw={600}>
                    {formatDay(s.local.date, 'short')} {s.local.time}
                  </Text>{' '}
                  · {name(s.practitionerId)} · {name(s.roomId)}
                </List.Item>
              ))}
            </List>
            <Button
              mt="sm"
              onClick={() => book.mutate(i)}
              loading={book.isPending && book.variables === i}
              variant={i === 0 ? 'filled' : 'light'}
            >
              {t('booking.book', { n: o.rank })}
            </Button>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
