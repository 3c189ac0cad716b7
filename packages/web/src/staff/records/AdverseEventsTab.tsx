import { Alert, Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { AdverseEventRecord } from '../../api/records-types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { AdverseEventDetail, AeBadges } from './AdverseEventDetail';
import { AdverseEventForm } from './AdverseEventForm';
import { durationText, outcomeLabel } from './ae-format';
import { type LotInfo, useLotIndex, usePatientAdverseEvents } from './ae-queries';

function EventRow({
  e,
  lots,
  onOpen,
}: {
  e: AdverseEventRecord;
  lots: Map<string, LotInfo>;
  onOpen: () => void;
}) {
  const { expected, actual } = durationText(e);
  const open = e.resolvedAt === null;
  return (
    <Table.Tr data-testid="ae-row">
      <Table.Td>
        <Anchor component="button" type="button" onClick={onOpen} fw={600} ta="left">
          {e.type.name}
        </Anchor>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {e.description}
        </Text>
      </Table.Td>
      <Table.Td>
        <AeBadges e={e} />
      </Table.Td>
      <Table.Td>{formatInstant(e.onsetAt)}</Table.Td>
      <Table.Td>
        {outcomeLabel(e.outcome)}
        {!open && e.resolvedAt !== null && (
          <Text size="xs" c="dimmed">
            {t('ae.resolvedAt', { at: formatInstant(e.resolvedAt, false) })}
          </Text>
        )}
        {e.needsReview && open && (
          <Text size="xs" c="orange">
            {t('ae.needsReview')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{expected}</Text>
        <Text
          size="sm"
          c={e.outlastsExpected ? 'orange' : undefined}
          fw={e.outlastsExpected ? 600 : undefined}
        >
          {actual}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {e.sessionIds.length === 0 ? t('ae.noSession') : t('ae.sessionCount', { n: e.sessionIds.length })}
        </Text>
        <Text size="xs" c="dimmed">
          {e.lotIds.map((id) => lots.get(id)?.lotNumber ?? id).join(', ') || t('ae.noLot')}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The patient's adverse events on the chart: the list (grade, seriousness, onset, status, the
 * catalog's expected duration against this one's, linked sessions and lots), the report form and
 * one event's detail. Which of the three shows is in the address (`ae=new` or `ae=<id>`), so an
 * alert can link straight to an event.
 */
export function AdverseEventsTab({ patientId }: { patientId: string }) {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const view = params.get('ae');
  const events = usePatientAdverseEvents(patientId);
  const lots = useLotIndex();
  const show = (ae: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (ae) next.set('ae', ae);
        else next.delete('ae');
        return next;
      },
      { replace: false },
    );
  const canReport = may(session.data, 'adverse-events.report');

  if (view === 'new' && canReport)
    return <AdverseEventForm patientId={patientId} onDone={(e) => show(e.id)} onCancel={() => show(null)} />;
  if (view && view !== 'new') return <AdverseEventDetail id={view} onBack={() => show(null)} />;

  const items = events.data ?? [];
  const open = items.filter((e) => e.resolvedAt === null).length;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3" id="ae-list-h">
            {t('ae.title')}
          </Title>
          {events.isSuccess && items.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('ae.summary', { n: items.length, open })}
            </Text>
          )}
        </div>
        {canReport && <Button onClick={() => show('new')}>{t('ae.report')}</Button>}
      </Group>
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => events.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t('ae.none')}</Empty>
      ) : (
        <>
          {items.some((e) => e.outlastsExpected && e.resolvedAt === null) && (
            <Alert color="orange" variant="light">
              {t('ae.outlastingNote')}
            </Alert>
          )}
          <TableScroll minWidth={860} label={t('ae.title')}>
            <Table aria-labelledby="ae-list-h" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ae.col.type')}</Table.Th>
                  <Table.Th>{t('ae.col.grade')}</Table.Th>
                  <Table.Th>{t('ae.col.onset')}</Table.Th>
                  <Table.Th>{t('ae.col.status')}</Table.Th>
                  <Table.Th>{t('ae.col.duration')}</Table.Th>
                  <Table.Th>{t('ae.col.links')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <EventRow key={e.id} e={e} lots={lots} onOpen={() => show(e.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </Stack>
  );
}
