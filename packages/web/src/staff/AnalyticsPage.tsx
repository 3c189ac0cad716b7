import { findIndication, findInstrument, findProtocol, type IndicationId } from '@exoclinic/core';
import { Alert, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { get, qs } from '../api/client';
import type {
  AdverseEventRatesReport,
  NoShowReport,
  OutcomesReport,
  ProportionInterval,
  SeriesCompletionReport,
} from '../api/records-types';
import { SourceRef } from '../components/SourceRef';
import { Empty, ErrorState, Loading } from '../components/States';
import { TableScroll } from '../components/TableScroll';
import { addDays, clinicToday, formatInstant, formatNumber } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { type BarRow, intervalText, isWide, RateBars } from './RateBars';
import { fromClinicDay } from './records/clinic-time';

const protocolName = (id: string) =>
  id === '(none)' ? t('analytics.noProtocol') : (findProtocol(id)?.title ?? id);
const indicationName = (id: string) => findIndication(id as IndicationId)?.name ?? id;
const instrumentName = (id: string) => findInstrument(id)?.name ?? id;

/** The rate with its interval and, when the interval is wide, a plain flag. */
function Rate({ r }: { r: ProportionInterval }) {
  return (
    <>
      {intervalText(r)}
      {isWide(r) && (
        <Text size="xs" fw={600} c="var(--mantine-color-yellow-light-color)">
          {t('analytics.wide')}
        </Text>
      )}
    </>
  );
}

/** The period's first and last day, as the clinic's calendar shows them. */
interface Period {
  from: number;
  to: number;
}
const periodWords = (p: Period) => ({
  from: formatInstant(p.from, false),
  to: formatInstant(p.to - 1, false),
});

function Report({
  id,
  title,
  intro,
  period,
  children,
  sources = ['WILSON-1927'],
}: {
  id: string;
  title: string;
  intro: string;
  /** Which records the period selects for this report, in words. */
  period?: string;
  children: ReactNode;
  sources?: string[];
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id} data-testid={`report-${id}`}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb={period ? 4 : 'sm'}>
        {intro} <SourceRef sources={sources} label={title} />
      </Text>
      {period && (
        <Text size="sm" mb="sm" data-testid={`period-${id}`}>
          {period}
        </Text>
      )}
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

/** A report's loading, failure and empty states around its content. */
function States<T>({
  q,
  empty,
  children,
}: {
  q: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  empty: (d: T) => boolean;
  children: (d: T) => ReactNode;
}) {
  if (q.isPending) return <Loading />;
  if (q.isError || q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (empty(q.data)) return <Empty>{t('analytics.empty')}</Empty>;
  return <>{children(q.data)}</>;
}

/**
 * One report over the period: asks the server for `/analytics/<report>` and shows the answer in
 * the report's card, with its loading, failure and empty states.
 */
function PeriodReport<T>({
  report,
  period,
  id,
  title,
  intro,
  periodText,
  empty,
  children,
}: {
  report: string;
  period: Period;
  id: string;
  title: string;
  intro: string;
  periodText?: string;
  empty: (d: T) => boolean;
  children: (d: T) => ReactNode;
}) {
  const q = useQuery({
    queryKey: ['analytics', report, period.from, period.to],
    queryFn: () => get<T>(`/analytics/${report}${qs({ ...period })}`),
  });
  return (
    <Report id={id} title={title} intro={intro} period={periodText}>
      <States q={q} empty={empty}>
        {children}
      </States>
    </Report>
  );
}

function Outcomes({ period }: { period: Period }) {
  return (
    <PeriodReport<OutcomesReport>
      report="outcomes"
      period={period}
      id="an-outcomes"
      title={t('analytics.outcomes.title')}
      intro={t('analytics.outcomes.intro')}
      periodText={t('analytics.outcomes.period', periodWords(period))}
      empty={(d) => d.groups.length === 0}
    >
      {(d) => {
        const rows: BarRow[] = d.groups.map((g) => ({
          key: `${g.protocolId}|${g.indication}|${g.instrumentId}`,
          label: `${protocolName(g.protocolId)} · ${instrumentName(g.instrumentId)}`,
          rate: g.improved,
        }));
        return (
          <>
            <RateBars rows={rows} what={t('analytics.outcomes.improved')} />
            <TableScroll minWidth={900} label={t('analytics.outcomes.title')}>
              <Table aria-labelledby="an-outcomes" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('analytics.col.protocol')}</Table.Th>
                    <Table.Th>{t('analytics.col.instrument')}</Table.Th>
                    <Table.Th ta="right">{t('analytics.col.paired')}</Table.Th>
                    <Table.Th ta="right">{t('analytics.col.meanChange')}</Table.Th>
                    <Table.Th>{t('analytics.outcomes.improved')}</Table.Th>
                    <Table.Th>{t('analytics.outcomes.mcid')}</Table.Th>
                    <Table.Th>{t('analytics.col.unpaired')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.groups.map((g) => (
                    <Table.Tr key={`${g.protocolId}|${g.indication}|${g.instrumentId}`}>
                      <Table.Td>
                        {protocolName(g.protocolId)}
                        <Text size="xs" c="dimmed">
                          {indicationName(g.indication)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{instrumentName(g.instrumentId)}</Table.Td>
                      <Table.Td ta="right">{g.n}</Table.Td>
                      <Table.Td ta="right">
                        {g.meanChange === null
                          ? '—'
                          : findInstrument(g.instrumentId)?.comparative
                            ? // A comparative scale (GAIS) is rated against the baseline: the mean is a rating.
                              t('analytics.meanRating', { v: formatNumber(g.meanChange, 1) })
                            : formatNumber(g.meanChange, 1)}
                      </Table.Td>
                      <Table.Td>
                        <Rate r={g.improved} />
                      </Table.Td>
                      <Table.Td>
                        {g.reachingMcid ? <Rate r={g.reachingMcid} /> : t('analytics.noMcid')}
                      </Table.Td>
                      <Table.Td>
                        {t('analytics.unpaired', {
                          baseline: g.unpaired.noBaseline,
                          followUp: g.unpaired.noFollowUp,
                        })}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </>
        );
      }}
    </PeriodReport>
  );
}

function AdverseEventRates({ period }: { period: Period }) {
  return (
    <PeriodReport<AdverseEventRatesReport>
      report="adverse-events"
      period={period}
      id="an-ae"
      title={t('analytics.ae.title')}
      intro={t('analytics.ae.intro')}
      periodText={t('analytics.ae.period', periodWords(period))}
      empty={(d) => d.byProduct.length === 0}
    >
      {(d) => (
        <>
          <RateBars
            rows={d.byProduct.map((p) => ({
              key: p.productId,
              label: p.productName ?? p.productId,
              rate: p.rate,
            }))}
            what={t('analytics.ae.rate')}
          />
          {(['byProduct', 'byLot'] as const).map((kind) => {
            const headId = `an-ae-${kind}`;
            return (
              <div key={kind}>
                <Title order={3} size="h5" id={headId} mb={4}>
                  {t(kind === 'byProduct' ? 'analytics.ae.byProduct' : 'analytics.ae.byLot')}
                </Title>
                <TableScroll
                  minWidth={760}
                  label={t(kind === 'byProduct' ? 'analytics.ae.byProduct' : 'analytics.ae.byLot')}
                >
                  <Table aria-labelledby={headId} striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>
                          {t(kind === 'byProduct' ? 'analytics.col.product' : 'analytics.col.lot')}
                        </Table.Th>
                        <Table.Th ta="right">{t('analytics.col.sessions')}</Table.Th>
                        <Table.Th ta="right">{t('analytics.col.affected')}</Table.Th>
                        <Table.Th ta="right">{t('analytics.col.events')}</Table.Th>
                        <Table.Th ta="right">{t('analytics.col.serious')}</Table.Th>
                        <Table.Th>{t('analytics.ae.rate')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {(kind === 'byProduct' ? d.byProduct : d.byLot).map((r) => {
                        const name =
                          'lotId' in r
                            ? `${r.lotNumber ?? r.lotId} · ${d.byProduct.find((p) => p.productId === r.productId)?.productName ?? ''}`
                            : (r.productName ?? r.productId);
                        return (
                          <Table.Tr key={'lotId' in r ? r.lotId : r.productId}>
                            <Table.Td>{name}</Table.Td>
                            <Table.Td ta="right">{r.exposures}</Table.Td>
                            <Table.Td ta="right">{r.affectedSessions}</Table.Td>
                            <Table.Td ta="right">{r.events}</Table.Td>
                            <Table.Td ta="right">{r.seriousEvents}</Table.Td>
                            <Table.Td>
                              <Rate r={r.rate} />
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              </div>
            );
          })}
        </>
      )}
    </PeriodReport>
  );
}

function SeriesCompletion({ period }: { period: Period }) {
  return (
    <PeriodReport<SeriesCompletionReport>
      report="series-completion"
      period={period}
      id="an-series"
      title={t('analytics.series.title')}
      intro={t('analytics.series.intro')}
      periodText={t('analytics.series.period', periodWords(period))}
      empty={(d) => d.byProtocol.length === 0}
    >
      {(d) => (
        <>
          <Text size="sm" data-testid="series-overall">
            {d.overall.finished === 0
              ? t('analytics.series.noneFinished', { inProgress: d.overall.inProgress })
              : t('analytics.series.overall', {
                  completed: d.overall.completed,
                  finished: d.overall.finished,
                  inProgress: d.overall.inProgress,
                  rate: intervalText(d.overall.rate),
                })}{' '}
            {t('analytics.series.stopped', { days: d.stoppedAfterDays })}
          </Text>
          {d.overall.finished > 0 && (
            <RateBars
              rows={d.byProtocol
                .filter((p) => p.finished > 0)
                .map((p) => ({ key: p.protocolId, label: protocolName(p.protocolId), rate: p.rate }))}
              what={t('analytics.series.rate')}
            />
          )}
          <TableScroll minWidth={680} label={t('analytics.series.title')}>
            <Table aria-labelledby="an-series" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('analytics.col.protocol')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.finished')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.completed')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.inProgress')}</Table.Th>
                  <Table.Th>{t('analytics.series.rate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.byProtocol.map((p) => (
                  <Table.Tr key={p.protocolId}>
                    <Table.Td>{protocolName(p.protocolId)}</Table.Td>
                    <Table.Td ta="right">{p.finished}</Table.Td>
                    <Table.Td ta="right">{p.completed}</Table.Td>
                    <Table.Td ta="right">{p.inProgress}</Table.Td>
                    <Table.Td>
                      <Rate r={p.rate} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </PeriodReport>
  );
}

function NoShows({ period }: { period: Period }) {
  return (
    <PeriodReport<NoShowReport>
      report="no-shows"
      period={period}
      id="an-noshows"
      title={t('analytics.noShows.title')}
      intro={t('analytics.noShows.intro')}
      empty={(d) => d.attended + d.noShows + d.cancelled + d.scheduled === 0}
    >
      {(d) => (
        <>
          <Text size="sm" c="dimmed">
            {t('analytics.noShows.period', {
              from: formatInstant(d.from, false),
              to: formatInstant(d.to - 1, false),
              source: t(
                d.source === 'appointments'
                  ? 'analytics.noShows.fromAppointments'
                  : 'analytics.noShows.fromSessions',
              ),
            })}
          </Text>
          <RateBars
            rows={[{ key: 'all', label: t('analytics.noShows.rate'), rate: d.rate }]}
            what={t('analytics.noShows.rate')}
          />
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            {(
              [
                ['analytics.col.attended', d.attended],
                ['analytics.col.noShows', d.noShows],
                ['analytics.col.cancelled', d.cancelled],
                ['analytics.col.scheduled', d.scheduled],
              ] as const
            ).map(([k, v]) => (
              <div key={k}>
                <Text size="xs" c="dimmed">
                  {t(k)}
                </Text>
                <Text fw={700}>{v}</Text>
              </div>
            ))}
            <div>
              <Text size="xs" c="dimmed">
                {t('analytics.noShows.rate')}
              </Text>
              <Text fw={700} component="div">
                <Rate r={d.rate} />
              </Text>
            </div>
          </SimpleGrid>
        </>
      )}
    </PeriodReport>
  );
}

/**
 * The clinic's own figures: outcomes by protocol, adverse-event rates by product and lot, series
 * completion and no-shows, each share with its Wilson 95% interval and a plain warning where the
 * numbers are too few to say much.
 */
export function AnalyticsPage() {
  usePageTitle(t('analytics.title'));
  const session = useSession();
  const allowed = may(session.data, 'analytics.read');
  const today = clinicToday();
  const [fromDay, setFromDay] = useState(() => addDays(today, -90));
  const [toDay, setToDay] = useState(today);
  const from = fromClinicDay(fromDay, 0);
  const to = fromClinicDay(addDays(toDay || today, 1), 0);
  // One period for all four reports; none is asked for while the two days do not make one.
  const period = from !== null && to !== null && from < to ? { from, to } : null;
  const badRange = period === null;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('analytics.title')}</Title>
        <Text c="dimmed">{t('analytics.intro')}</Text>
      </div>
      {!allowed ? (
        <Empty>{t('analytics.noAccess')}</Empty>
      ) : (
        <>
          <Alert color="yellow" variant="light" title={t('analytics.caveatTitle')}>
            {t('analytics.caveat')}
          </Alert>
          <Card withBorder component="section" aria-labelledby="an-range">
            <Title order={2} size="h4" id="an-range">
              {t('analytics.range')}
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              {t('analytics.rangeHint')}
            </Text>
            <Group align="flex-start" wrap="wrap">
              <TextInput
                type="date"
                label={t('analytics.from')}
                value={fromDay}
                max={toDay}
                onChange={(e) => setFromDay(e.currentTarget.value)}
                error={badRange ? t('analytics.badRange') : undefined}
              />
              <TextInput
                type="date"
                label={t('analytics.to')}
                value={toDay}
                min={fromDay}
                onChange={(e) => setToDay(e.currentTarget.value)}
              />
            </Group>
          </Card>
          {period && (
            <>
              <NoShows period={period} />
              <Outcomes period={period} />
              <AdverseEventRates period={period} />
              <SeriesCompletion period={period} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
