import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../../api/client';
import type { Patient } from '../../api/types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { useSafetyWorklist } from './queries';

/** Today's safety alerts: open adverse events, grade ≥ 3 or serious first. */
export function SafetyAlerts() {
  const session = useSession();
  const allowed = may(session.data, 'adverse-events.review');
  const events = useSafetyWorklist(allowed);
  const items = [...(events.data ?? [])].sort(
    (a, b) => Number(b.serious || b.grade >= 3) - Number(a.serious || a.grade >= 3) || b.onsetAt - a.onsetAt,
  );
  const ids = [...new Set(items.map((e) => e.patientId))];
  const patients = useQueries({
    queries: ids.map((id) => ({ queryKey: ['patient', id], queryFn: () => get<Patient>(`/patients/${id}`) })),
  });
  const nameOf = (id: string) => {
    const p = patients.find((q) => q.data?.id === id)?.data;
    return p ? `${p.givenName} ${p.familyName}` : '…';
  };
  const urgent = items.filter((e) => e.serious || e.grade >= 3).length;
  return (
    <Card withBorder component="section" aria-labelledby="today-safety">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="today-safety">
          {t('safety.title')}
        </Title>
        {urgent > 0 && (
          <Badge color="red" variant="filled">
            {t('safety.urgentCount', { n: urgent })}
          </Badge>
        )}
      </Group>
      {!allowed ? (
        <Empty>{t('safety.noAccess')}</Empty>
      ) : events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => events.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t('safety.none')}</Empty>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label={t('safety.title')}
        >
          {items.slice(0, 12).map((e) => {
            const high = e.serious || e.grade >= 3;
            return (
              <li key={e.id} data-testid="safety-alert">
                <Group gap={6} wrap="wrap">
                  <Badge color={high ? 'red' : 'yellow'} variant={high ? 'filled' : 'light'}>
                    {t('safety.grade', { g: e.grade })}
                  </Badge>
                  {e.serious && (
                    <Badge color="red" variant="outline">
                      {t('safety.serious')}
                    </Badge>
                  )}
                  {e.outlastsExpected && (
                    <Badge color="orange" variant="light">
                      {t('safety.outlasts')}
                    </Badge>
                  )}
                  <Text size="sm" fw={600}>
                    {e.type.name}
                  </Text>
                  <Text size="sm">
                    · <Link to={`/patients/${e.patientId}`}>{nameOf(e.patientId)}</Link>
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('safety.onset', {
                    at: formatInstant(e.onsetAt),
                    source: t(e.source === 'patient' ? 'safety.byPatient' : 'safety.byStaff'),
                  })}
                </Text>
              </li>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
