import { Anchor, Badge, Group, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { t } from '../../lib/i18n';
import { AddResourceForm } from './AddResourceForm';
import { weekdayName } from './hours-rules';
import { useAllResources, useLocationList } from './queries';
import { ResourceDialog } from './ResourceDialog';
import { SiteHoursEditor } from './SiteHoursEditor';
import type { ResourceDetail } from './types';
import './settings.css';
import { clinicLocale } from '../../lib/format';

/** Days with hours, as short weekday names: "Mon, Tue, Wed". */
function openDays(weekly: Record<string, unknown[]>): string {
  const locale = clinicLocale().locale;
  const days = Object.entries(weekly)
    .filter(([, ranges]) => ranges.length > 0)
    .map(([d]) => d)
    .sort();
  return days.map((d) => weekdayName(d, locale, 'short')).join(', ');
}

/** Sites' opening hours and closures; rooms, devices and practitioners with their hours and time off. */
export function ResourcesSettings({ canWrite }: { canWrite: boolean }) {
  const locations = useLocationList();
  const resources = useAllResources();
  const [siteId, setSiteId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [showRetired, setShowRetired] = useState(false);

  if (locations.isPending || resources.isPending) return <Loading />;
  if (locations.isError) return <ErrorState error={locations.error} onRetry={() => locations.refetch()} />;
  if (resources.isError) return <ErrorState error={resources.error} onRetry={() => resources.refetch()} />;

  const sites = locations.data;
  const site = sites.find((l) => l.id === siteId) ?? sites[0] ?? null;
  const siteName = (id: string | null) => sites.find((l) => l.id === id)?.name ?? '—';
  const shown = resources.data.filter((r) => showRetired || r.active);
  const retired = resources.data.length - resources.data.filter((r) => r.active).length;
  const open = resources.data.find((r) => r.id === openId) ?? null;
  const now = Date.now();

  const where = (r: ResourceDetail) =>
    r.kind === 'practitioner'
      ? r.hours.length === 0
        ? t('resources.noHours')
        : r.hours
            .map((h) => `${siteName(h.locationId)}: ${openDays(h.weekly) || t('hours.closed')}`)
            .join(' · ')
      : `${siteName(r.locationId)} · ${
          r.hours[0]
            ? t('resources.ownHoursShort', { days: openDays(r.hours[0].weekly) || '—' })
            : t('resources.siteHours')
        }`;

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="section" aria-labelledby="site-hours">
        <Title order={2} size="h3" id="site-hours">
          {t('hours.sitesTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('hours.sitesIntro')}
        </Text>
        {sites.length === 0 ? (
          <Empty>{t('settings.noLocations')}</Empty>
        ) : (
          <>
            {sites.length > 1 && (
              <Select
                label={t('resources.site')}
                data={sites.map((l) => ({ value: l.id, label: `${l.name} (${l.timeZone})` }))}
                value={site?.id ?? null}
                allowDeselect={false}
                onChange={setSiteId}
                maw={360}
              />
            )}
            {site && <SiteHoursEditor locationId={site.id} siteName={site.name} canWrite={canWrite} />}
          </>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="resources-title">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h3" id="resources-title">
            {t('resources.title')}
          </Title>
          {retired > 0 && (
            <Switch
              label={t('resources.showRetired', { n: retired })}
              checked={showRetired}
              onChange={(e) => setShowRetired(e.currentTarget.checked)}
            />
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('resources.intro')}
        </Text>
        {shown.length === 0 ? (
          <Empty>{t('resources.none')}</Empty>
        ) : (
          <TableScroll minWidth={640}>
            <Table aria-label={t('resources.title')} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('resources.name')}</Table.Th>
                  <Table.Th scope="col">{t('resources.kind')}</Table.Th>
                  <Table.Th scope="col">{t('resources.where')}</Table.Th>
                  <Table.Th scope="col">{t('hours.timeOff')}</Table.Th>
                  <Table.Th scope="col">{t('settings.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => {
                  const coming = r.timeOff.filter((p) => p.end > now).length;
                  return (
                    <Table.Tr key={r.id} data-resource={r.name}>
                      <Table.Td>
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          fw={600}
                          ta="left"
                          aria-label={t(canWrite ? 'resources.manageNamed' : 'resources.viewNamed', {
                            name: r.name,
                          })}
                          onClick={() => setOpenId(r.id)}
                        >
                          {r.name}
                        </Anchor>
                        {r.deviceType && (
                          <Text size="xs" c="dimmed">
                            {t(`resources.device.${r.deviceType}` as 'resources.device.laser')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`resources.kind.${r.kind}` as 'resources.kind.room')}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{where(r)}</Text>
                      </Table.Td>
                      <Table.Td>{coming === 0 ? '—' : t('resources.timeOffCount', { n: coming })}</Table.Td>
                      <Table.Td>
                        {r.active ? (
                          <Badge color="teal" variant="light">
                            {t('settings.active')}
                          </Badge>
                        ) : (
                          <Badge color="gray">{t('resources.retired')}</Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {canWrite && sites.length > 0 && (
          <AddResourceForm locations={sites} resources={resources.data} onAdded={(r) => setOpenId(r.id)} />
        )}
      </Stack>

      <ResourceDialog resource={open} locations={sites} canWrite={canWrite} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
