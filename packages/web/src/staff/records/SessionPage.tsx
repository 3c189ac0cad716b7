import { findIndication, type IndicationId } from '@exoclinic/core';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, get, post } from '../../api/client';
import type { ChartInput, ChartVersion, TreatmentSession } from '../../api/records-types';
import type { Patient } from '../../api/types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { formatInstant } from '../../lib/format';
import { usePageTitle } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { useProducts } from '../queries';
import { ChartForm, cleanChart, emptyChart } from './ChartForm';
import { SessionStatus } from './CheckInPage';
import { OutcomeForm } from './OutcomeForm';
import { useAreaCatalog, useChartVersions, useTreatmentSession } from './queries';

/** A signed chart, read-only. */
function ChartSummary({ chart }: { chart: ChartInput }) {
  const products = useProducts();
  const areas = useAreaCatalog();
  const areaName = (id: string) => areas.data?.find((a) => a.id === id)?.name ?? id;
  const d = chart.device;
  return (
    <Table variant="vertical" withTableBorder data-testid="chart-summary">
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={180}>{t('chart.products')}</Table.Th>
          <Table.Td>
            {chart.products.length === 0
              ? '—'
              : chart.products.map((u) => (
                  <div key={`${u.productId}-${u.lotId}`}>
                    {products.data?.find((p) => p.id === u.productId)?.name ?? u.productId} ·{' '}
                    {t('chart.usedSummary', {
                      q: u.quantity,
                      route: t(`route.${u.route}` as 'route.topical'),
                    })}
                    {u.volumeMl !== undefined && ` · ${u.volumeMl} mL`}
                    {u.dose && ` · ${u.dose}`}
                  </div>
                ))}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('chart.areas')}</Table.Th>
          <Table.Td>
            {chart.areas
              .map((a) =>
                a.side ? `${areaName(a.areaId)} (${t(`side.${a.side}` as 'side.both')})` : areaName(a.areaId),
              )
              .join(', ')}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('chart.device')}</Table.Th>
          <Table.Td>
            {d
              ? [
                  d.device,
                  d.needleDepthMm !== undefined && t('chart.depthValue', { mm: d.needleDepthMm }),
                  d.passes !== undefined && t('chart.passesValue', { n: d.passes }),
                ]
                  .filter(Boolean)
                  .join(' · ')
              : '—'}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('chart.notes')}</Table.Th>
          <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{chart.notes || '—'}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function Versions({ sessionId }: { sessionId: string }) {
  const versions = useChartVersions(sessionId);
  if (versions.isPending) return <Loading />;
  if (versions.isError) return <ErrorState error={versions.error} />;
  if (versions.data.length === 0) return null;
  return (
    <section aria-labelledby="versions-h">
      <Title order={2} size="h4" id="versions-h" mb="xs">
        {t('chart.versionsTitle')}
      </Title>
      <List size="sm" data-testid="chart-versions">
        {versions.data.map((v: ChartVersion) => (
          <List.Item key={v.version}>
            v{v.version} · {t(v.status === 'signed' ? 'chart.versionSigned' : 'chart.versionDraft')} ·{' '}
            {formatInstant(v.signedAt ?? v.createdAt)}
            {v.amendsVersion !== null &&
              ` · ${t('chart.amends', { v: v.amendsVersion, reason: v.reason ?? '' })}`}
          </List.Item>
        ))}
      </List>
    </section>
  );
}

function ChartEditor({ s }: { s: TreatmentSession }) {
  const client = useQueryClient();
  const session = useSession();
  const signed = !!s.signedAt;
  const [chart, setChart] = useState<ChartInput>(() => s.chart?.chart ?? emptyChart());
  const [amending, setAmending] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = (next: TreatmentSession) => {
    client.setQueryData(['session', s.id], next);
    client.invalidateQueries({ queryKey: ['chart-versions', s.id] });
    client.invalidateQueries({ queryKey: ['sessions', s.patientId] });
    client.invalidateQueries({ queryKey: ['lots'] });
  };
  const save = useMutation({
    mutationFn: () =>
      api<TreatmentSession>('PUT', `/sessions/${s.id}/chart`, {
        ...(s.chartVersion !== null && { basedOnVersion: s.chartVersion }),
        chart: cleanChart(chart),
      }),
    onSuccess: refresh,
  });
  const sign = useMutation({
    mutationFn: () => post<TreatmentSession>(`/sessions/${s.id}/sign`, { version: s.chartVersion }),
    onSuccess: refresh,
  });
  const amend = useMutation({
    mutationFn: () =>
      post<TreatmentSession>(`/sessions/${s.id}/amendments`, {
        basedOnVersion: s.chartVersion,
        reason,
        chart: cleanChart(chart),
      }),
    onSuccess: (next) => {
      refresh(next);
      setAmending(false);
      setReason('');
    },
  });
  const canWrite = may(session.data, 'charts.write');
  if (signed && !amending)
    return (
      <Stack gap="sm">
        <Alert color="teal" variant="light" data-testid="chart-signed">
          {t('chart.signedAt', { v: s.chartVersion ?? 1, at: formatInstant(s.signedAt ?? 0) })}
        </Alert>
        {s.chart && <ChartSummary chart={s.chart.chart} />}
        {canWrite && (
          <Group>
            <Button
              variant="light"
              onClick={() => {
                setChart(s.chart?.chart ?? emptyChart());
                setAmending(true);
              }}
            >
              {t('chart.amend')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  return (
    <Stack gap="md">
      <ChartForm value={chart} onChange={setChart} />
      {amending && (
        <Textarea
          label={t('chart.amendReason')}
          description={t('chart.amendReasonHint')}
          required
          minRows={2}
          autosize
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
      {(save.isError || sign.isError || amend.isError) && (
        <ErrorState error={save.error ?? sign.error ?? amend.error} />
      )}
      {s.chart && !signed && !amending && (
        <Text size="sm" c="teal.9" data-testid="chart-saved" role="status">
          {t('chart.draftSaved', { v: s.chartVersion ?? 1 })}
        </Text>
      )}
      <Group>
        {amending ? (
          <>
            <Button
              onClick={() => amend.mutate()}
              loading={amend.isPending}
              disabled={reason.trim().length < 10}
            >
              {t('chart.saveAmendment')}
            </Button>
            <Button variant="default" onClick={() => setAmending(false)}>
              {t('action.cancel')}
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="light"
              onClick={() => save.mutate()}
              loading={save.isPending}
              disabled={!canWrite}
            >
              {t('chart.saveDraft')}
            </Button>
            {s.chart && may(session.data, 'charts.sign') && (
              <Button onClick={() => sign.mutate()} loading={sign.isPending}>
                {t('chart.sign', { v: s.chartVersion ?? 1 })}
              </Button>
            )}
          </>
        )}
      </Group>
    </Stack>
  );
}

/** One treatment session: its chart (draft, signed, amended) and the outcome scores taken at it. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const s = useTreatmentSession(sessionId);
  const patientId = s.data?.patientId;
  const patient = useQuery({
    queryKey: ['patient', patientId],
    enabled: !!patientId,
    queryFn: () => get<Patient>(`/patients/${patientId}`),
  });
  const name = patient.data ? `${patient.data.givenName} ${patient.data.familyName}` : '';
  const title = s.data
    ? t('session.title', { n: s.data.sessionIndex ?? '—', m: s.data.seriesPlanned, name })
    : t('session.session');
  usePageTitle(title);
  if (s.isPending) return <Loading />;
  if (s.isError) return <ErrorState error={s.error} onRetry={() => s.refetch()} />;
  const indication = findIndication(s.data.indication as IndicationId);
  return (
    <Stack gap="lg">
      <div>
        <Group gap="xs">
          <Title order={1}>{title}</Title>
          <SessionStatus s={s.data} />
          {s.data.kind === 'maintenance' && <Badge variant="outline">{t('session.maintenance')}</Badge>}
        </Group>
        <Text size="sm" c="dimmed">
          {t('session.checkedInLine', {
            at: s.data.checkedInAt ? formatInstant(s.data.checkedInAt) : '—',
            verdict: s.data.checkIn?.verdict ?? '—',
            indication: indication?.name ?? s.data.indication,
          })}
        </Text>
        <Anchor component={Link} to={`/patients/${s.data.patientId}/check-in`} size="sm">
          {t('session.backToDay')}
        </Anchor>
      </div>
      <Card withBorder component="section" aria-labelledby="chart-h">
        <Title order={2} size="h3" id="chart-h" mb="sm">
          {t('chart.sessionChart')}
        </Title>
        <ChartEditor key={`${s.data.chartVersion}-${s.data.signedAt}`} s={s.data} />
      </Card>
      <Versions sessionId={sessionId} />
      <Card withBorder component="section" aria-labelledby="outcome-h">
        <Title order={2} size="h3" id="outcome-h" mb="sm">
          {t('outcome.title')}
        </Title>
        {indication ? (
          <OutcomeForm
            planId={s.data.planId}
            sessionId={s.data.id}
            instrumentIds={indication.outcomeInstruments}
          />
        ) : (
          <Empty>{t('outcome.noInstruments')}</Empty>
        )}
      </Card>
    </Stack>
  );
}
