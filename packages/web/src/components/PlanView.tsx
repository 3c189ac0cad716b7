import type { Plan } from '@exoclinic/core';
import {
  Alert,
  Badge,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { formatDay } from '../lib/format';
import { t } from '../lib/i18n';
import { planTimeline, ResponseCurve, weeksText } from './plan-parts';
import { SourceRef } from './SourceRef';
import { TableScroll } from './TableScroll';

export function PlanTimeline({ plan }: { plan: Plan }) {
  const items = planTimeline(plan);
  return (
    <Timeline active={-1} bulletSize={16} lineWidth={2} aria-label={t('plan.timeline')}>
      {items.map((it) => (
        <Timeline.Item
          key={`${it.kind}-${it.date}-${it.title}`}
          color={it.kind === 'session' ? 'teal' : it.kind === 'maintenance' ? 'orange' : 'indigo'}
          title={
            <Group gap={6} wrap="wrap">
              <Text fw={600} size="sm">
                {formatDay(it.date)}
              </Text>
              <Text size="sm">{it.title}</Text>
              <SourceRef sources={it.sources} label={it.title} />
            </Group>
          }
        >
          {it.detail && (
            <Text size="xs" c="dimmed">
              {it.detail}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function MilestoneTable({ plan }: { plan: Plan }) {
  return (
    <TableScroll minWidth={480}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('milestone.what')}</Table.Th>
            <Table.Th scope="col">{t('milestone.when')}</Table.Th>
            <Table.Th scope="col">{t('milestone.dates')}</Table.Th>
            <Table.Th scope="col">{t('milestone.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.milestones.map((m) => (
            <Table.Tr key={m.kind}>
              <Table.Td>
                {t(`milestone.${m.kind}` as 'milestone.peak')}
                {m.note && (
                  <Text size="xs" c="dimmed">
                    {m.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {weeksText(m.weeks)}{' '}
                {t(m.from === 'first-session' ? 'milestone.fromFirst' : 'milestone.fromLast')}
              </Table.Td>
              <Table.Td className="num">
                {formatDay(m.dates.from, 'short')} – {formatDay(m.dates.to, 'short')}
              </Table.Td>
              <Table.Td>
                <SourceRef sources={m.sources} label={t(`milestone.${m.kind}` as 'milestone.peak')} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The whole plan for staff: protocol, counts and why, timeline, milestones, curve, conflicts, caveats. */
export function PlanDetail({ plan, headingLevel = 3 }: { plan: Plan; headingLevel?: 2 | 3 | 4 }) {
  const h = headingLevel;
  const series = plan.initialSeries;
  return (
    <Stack gap="lg">
      {plan.override && (
        <Alert color="orange" title={t('plan.override')}>
          {t('plan.overrideBy', {
            by: plan.override.by,
            reason: plan.override.reason,
            what: plan.override.overrides.join(', '),
          })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('plan.protocol')}
          </Text>
          <Text fw={600}>
            {plan.protocol.title} <SourceRef sources={plan.protocol.sources} label={t('plan.protocol')} />
          </Text>
          <Group gap={4}>
            <Badge size="xs" variant="light">
              {t(`protocolKind.${plan.protocol.kind}` as 'protocolKind.default')}
            </Badge>
            <Text size="xs" c="dimmed">
              {plan.protocol.id} · v{plan.protocol.version}
            </Text>
          </Group>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('plan.initialSeries')}
          </Text>
          <Text fw={600} data-testid="plan-sessions">
            {t('plan.sessionsCount', { n: series.sessions })}{' '}
            <SourceRef sources={series.sources} label={t('plan.initialSeries')} />
          </Text>
          <Text size="xs" c="dimmed">
            {t('plan.usualRange', { min: series.range.min, max: series.range.max })}
          </Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('plan.interval')}
          </Text>
          <Text fw={600}>
            {t('plan.everyDays', { n: series.intervalDays.target })}{' '}
            <SourceRef sources={series.intervalDays.sources} label={t('plan.interval')} />
          </Text>
          <Text size="xs" c="dimmed">
            {t('plan.daysRange', { min: series.intervalDays.min, max: series.intervalDays.max })}
          </Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('plan.sessionLength')}
          </Text>
          <Text fw={600}>
            {t('unit.minutesRange', { min: plan.sessionMinutes.min, max: plan.sessionMinutes.max })}{' '}
            <SourceRef sources={plan.sessionMinutes.sources} label={t('plan.sessionLength')} />
          </Text>
          {plan.maintenance && (
            <Text size="xs" c="dimmed">
              {t('plan.maintenanceEvery', {
                min: plan.maintenance.intervalDays.min,
                max: plan.maintenance.intervalDays.max,
              })}{' '}
              <SourceRef sources={plan.maintenance.intervalDays.sources} label={t('plan.maintenance')} />
            </Text>
          )}
        </Card>
      </SimpleGrid>

      {plan.protocol.derivation && (
        <Text size="sm">
          <Text span fw={600}>
            {t('plan.derivation')}:
          </Text>{' '}
          {plan.protocol.derivation}
        </Text>
      )}

      <div>
        <Title order={h}>{t('plan.why')}</Title>
        <List size="sm" spacing={4} mt="xs">
          {plan.explanation.map((e) => (
            <List.Item key={`${e.factor}-${e.effect}`}>
              <Text span fw={500}>
                {e.factor}
              </Text>
              : {e.effect} <SourceRef sources={e.sources} label={e.factor} />
            </List.Item>
          ))}
        </List>
      </div>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <div>
          <Title order={h} mb="xs">
            {t('plan.timeline')}
          </Title>
          <PlanTimeline plan={plan} />
        </div>
        <div>
          <Title order={h} mb="xs">
            {t('curve.title')}
          </Title>
          <ResponseCurve plan={plan} />
        </div>
      </SimpleGrid>

      <div>
        <Title order={h} mb="xs">
          {t('plan.milestones')}
        </Title>
        <MilestoneTable plan={plan} />
      </div>

      {plan.conflicts.length > 0 && (
        <div>
          <Title order={h} mb="xs">
            {t('plan.conflicts')}
          </Title>
          <List size="sm" spacing={4}>
            {plan.conflicts.map((c) => (
              <List.Item key={c.statement}>
                {c.statement} <SourceRef sources={c.sources} label={t('plan.conflicts')} />
              </List.Item>
            ))}
          </List>
        </div>
      )}

      <Alert color="gray" variant="light" title={t('plan.caveats')}>
        <List size="sm" spacing={4}>
          {plan.caveats.map((c) => (
            <List.Item key={c.id}>
              {c.text} <SourceRef sources={c.sources} label={t('plan.caveats')} />
            </List.Item>
          ))}
        </List>
      </Alert>
    </Stack>
  );
}
