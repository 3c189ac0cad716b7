import { describeRange, findInstrument } from '@exoclinic/core';
import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { post } from '../../api/client';
import type { BaselineComparison, OutcomeRecorded } from '../../api/records-types';
import { SourceRef } from '../../components/SourceRef';
import { ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatInstant, formatNumber } from '../../lib/format';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { usePlanOutcomes } from './queries';

const TIMEPOINTS = ['baseline', 'session', 'end-of-series', 'follow-up', 'maintenance'] as const;

const signed = (n: number) => (n > 0 ? `+${formatNumber(n, 2)}` : formatNumber(n, 2));

/** Change from baseline and the MCID verdict, with the sources of both. */
export function Comparison({ c }: { c: BaselineComparison }) {
  return (
    <Stack gap={4} data-testid="outcome-comparison">
      <Group gap="xs">
        <Badge color={c.improved ? 'teal' : c.direction === 'worse' ? 'red' : 'gray'} variant="light">
          {t(`outcome.direction.${c.direction}` as 'outcome.direction.improved')}
        </Badge>
        <Text size="sm">
          {c.comparative
            ? t('outcome.rating', { v: c.current })
            : t('outcome.change', {
                baseline: formatNumber(c.baseline ?? 0, 2),
                current: formatNumber(c.current, 2),
                change: signed(c.change),
                pct: c.percentChange === null ? '—' : `${signed(c.percentChange)} %`,
              })}
        </Text>
      </Group>
      <Text size="sm">
        {c.mcid
          ? t(c.reachesMcid ? 'outcome.mcidReached' : 'outcome.mcidNotReached', {
              min: formatNumber(c.mcid.min, 2),
              max: formatNumber(c.mcid.max, 2),
            })
          : t('outcome.mcidUnknown')}{' '}
        {c.mcid && <SourceRef sources={c.mcid.sources} label={t('outcome.mcid')} />}
      </Text>
      <Text size="xs" c="dimmed">
        {c.mcidReason}
      </Text>
    </Stack>
  );
}

export function OutcomeForm({
  planId,
  sessionId,
  instrumentIds,
}: {
  planId: string;
  sessionId: string;
  instrumentIds: readonly string[];
}) {
  const client = useQueryClient();
  const session = useSession();
  const outcomes = usePlanOutcomes(planId);
  const instruments = instrumentIds.flatMap((id) => {
    const i = findInstrument(id);
    return i ? [i] : [];
  });
  const [instrumentId, setInstrumentId] = useState<string | null>(instruments[0]?.id ?? null);
  const [timepoint, setTimepoint] = useState<string>('session');
  const [value, setValue] = useState<number | string>('');
  const instrument = instrumentId ? findInstrument(instrumentId) : undefined;
  const record = useMutation({
    mutationFn: () =>
      post<OutcomeRecorded>(`/plans/${planId}/outcomes`, {
        instrumentId,
        value: Number(value),
        timepoint,
        sessionId,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outcomes', planId] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  const canWrite = may(session.data, 'outcomes.write');
  return (
    <Stack gap="md">
      {canWrite && (
        <form onSubmit={submit} aria-label={t('outcome.title')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select
                label={t('outcome.instrument')}
                required
                data={instruments.map((i) => ({ value: i.id, label: i.name }))}
                value={instrumentId}
                onChange={(v) => {
                  setInstrumentId(v);
                  record.reset();
                }}
              />
              <Select
                label={t('outcome.timepoint')}
                required
                data={TIMEPOINTS.map((tp) => ({
                  value: tp,
                  label: t(`outcome.tp.${tp}` as 'outcome.tp.baseline'),
                  disabled: tp === 'baseline' && !!instrument?.comparative,
                }))}
                value={timepoint}
                onChange={(v) => setTimepoint(v ?? 'session')}
              />
              <NumberInput
                label={t('outcome.score')}
                required
                description={instrument ? describeRange(instrument) : undefined}
                min={instrument?.range.min}
                max={instrument?.range.max ?? undefined}
                allowDecimal={!instrument?.integer}
                value={value}
                onChange={setValue}
              />
            </SimpleGrid>
            {instrument && (
              <Text size="sm" c="dimmed" data-testid="instrument-info">
                {t(instrument.direction === 'higher-better' ? 'outcome.higherBetter' : 'outcome.lowerBetter')}
                {' · '}
                {instrument.mcid
                  ? t('outcome.mcidIs', { min: instrument.mcid.min, max: instrument.mcid.max })
                  : t('outcome.mcidUnknown')}{' '}
                <SourceRef sources={instrument.sources} label={instrument.name} />
              </Text>
            )}
            {record.isError && <ErrorState error={record.error} />}
            <Group>
              <Button type="submit" loading={record.isPending} disabled={!instrumentId || value === ''}>
                {t('outcome.record')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {record.isSuccess && (
        <Alert color="teal" variant="light" title={t('outcome.recorded')} data-testid="outcome-recorded">
          {record.data.comparison ? (
            <Comparison c={record.data.comparison} />
          ) : (
            <Text size="sm">{record.data.comparisonProblem ?? t('outcome.baselineRecorded')}</Text>
          )}
        </Alert>
      )}
      <section aria-labelledby="scores-h">
        <Title order={3} size="h4" id="scores-h" mb="xs">
          {t('outcome.scores')}
        </Title>
        {outcomes.isPending ? (
          <Loading />
        ) : outcomes.isError ? (
          <ErrorState error={outcomes.error} />
        ) : outcomes.data.instruments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('outcome.none')}
          </Text>
        ) : (
          <TableScroll minWidth={480}>
            <Table aria-label={t('outcome.scores')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('outcome.instrument')}</Table.Th>
                  <Table.Th scope="col">{t('outcome.scoresTaken')}</Table.Th>
                  <Table.Th scope="col">{t('outcome.vsBaseline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outcomes.data.instruments.map((i) => (
                  <Table.Tr key={i.instrumentId}>
                    <Table.Td>{findInstrument(i.instrumentId)?.name ?? i.instrumentId}</Table.Td>
                    <Table.Td className="num">
                      {i.scores
                        .map(
                          (x) =>
                            `${formatNumber(x.value, 2)} (${t(`outcome.tp.${x.timepoint}` as 'outcome.tp.baseline')}, ${formatInstant(x.measuredAt, false)})`,
                        )
                        .join('; ')}
                    </Table.Td>
                    <Table.Td>
                      {i.comparison ? (
                        <Comparison c={i.comparison} />
                      ) : (
                        <Text size="sm" c="dimmed">
                          {i.unpaired}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </section>
    </Stack>
  );
}
