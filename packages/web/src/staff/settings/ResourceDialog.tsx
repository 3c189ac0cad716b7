import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Location } from '../../api/types';
import { ErrorState } from '../../components/States';
import { clinicLocale } from '../../lib/format';
import { t } from '../../lib/i18n';
import { HoursEditor } from './HoursEditor';
import {
  checkWeekly,
  compactWeekly,
  type FieldProblem,
  problemAt,
  serverProblems,
  type WeeklyHours,
} from './hours-rules';
import { TimeOffEditor } from './TimeOffEditor';
import type { ResourceDetail } from './types';

/** The zone a resource's times are read in: its site's, or a practitioner's first site's. */
export function zoneOf(r: ResourceDetail, locations: Location[]): string {
  const site = r.locationId ?? r.hours[0]?.locationId ?? null;
  return locations.find((l) => l.id === site)?.timeZone ?? locations[0]?.timeZone ?? clinicLocale().timeZone;
}

/** Manage one resource: name, whether it can be booked, its weekly hours and its time off. */
export function ResourceDialog({
  resource,
  locations,
  canWrite,
  onClose,
}: {
  resource: ResourceDetail | null;
  locations: Location[];
  canWrite: boolean;
  onClose: () => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={resource !== null}
      onClose={onClose}
      size="xl"
      fullScreen={!!phone}
      closeButtonProps={{ 'aria-label': t('resources.close') }}
      title={
        resource ? (
          <Group gap="xs">
            <Text fw={700} component="span">
              {resource.name}
            </Text>
            <Badge variant="light">{t(`resources.kind.${resource.kind}` as 'resources.kind.room')}</Badge>
          </Group>
        ) : null
      }
    >
      {resource && (
        <Stack gap="lg">
          <NameAndStatus resource={resource} canWrite={canWrite} />
          <Divider />
          <ResourceHours
            key={`h-${resource.id}`}
            resource={resource}
            locations={locations}
            canWrite={canWrite}
          />
          <Divider />
          <TimeOffEditor
            key={`t-${resource.id}`}
            resource={resource}
            timeZone={zoneOf(resource, locations)}
            canWrite={canWrite}
          />
        </Stack>
      )}
    </Modal>
  );
}

function NameAndStatus({ resource, canWrite }: { resource: ResourceDetail; canWrite: boolean }) {
  const client = useQueryClient();
  const [name, setName] = useState(resource.name);
  const patch = useMutation({
    mutationFn: (body: { name?: string; active?: boolean }) =>
      api<ResourceDetail>('PATCH', `/resources/${resource.id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['resources'] }),
  });
  const problems = patch.isError ? serverProblems(patch.error) : [];
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && name.trim() !== resource.name) patch.mutate({ name: name.trim() });
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="wrap" component="form" onSubmit={rename}>
        <TextInput
          label={t('resources.name')}
          value={name}
          maxLength={200}
          required
          readOnly={!canWrite}
          error={problemAt(problems, 'name') ?? (name.trim() === '' ? t('resources.nameNeeded') : undefined)}
          onChange={(e) => setName(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        {canWrite && (
          <Button
            type="submit"
            variant="light"
            disabled={!name.trim() || name.trim() === resource.name}
            loading={patch.isPending && patch.variables?.name !== undefined}
          >
            {t('resources.rename')}
          </Button>
        )}
      </Group>
      <Switch
        label={t('resources.bookable')}
        description={resource.active ? t('resources.activeHint') : t('resources.inactiveHint')}
        checked={resource.active}
        disabled={!canWrite || patch.isPending}
        onChange={(e) => patch.mutate({ active: e.currentTarget.checked })}
      />
      {patch.isError && <ErrorState error={patch.error} />}
    </Stack>
  );
}

function ResourceHours({
  resource,
  locations,
  canWrite,
}: {
  resource: ResourceDetail;
  locations: Location[];
  canWrite: boolean;
}) {
  const client = useQueryClient();
  const atSite = resource.kind !== 'practitioner';
  const site = locations.find((l) => l.id === resource.locationId);
  const [entries, setEntries] = useState<{ locationId: string; weekly: WeeklyHours }[]>(resource.hours);
  const [own, setOwn] = useState(resource.hours.length > 0);
  const [adding, setAdding] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState(false);

  const sent = () =>
    atSite
      ? own && resource.locationId
        ? [{ locationId: resource.locationId, weekly: compactWeekly(entries[0]?.weekly ?? {}) }]
        : []
      : entries.map((e) => ({ ...e, weekly: compactWeekly(e.weekly) }));

  const save = useMutation({
    mutationFn: () => api<ResourceDetail>('PUT', `/resources/${resource.id}/hours`, { hours: sent() }),
    onSuccess: () => {
      setSaved(true);
      setProblems([]);
      client.invalidateQueries({ queryKey: ['resources'] });
    },
    onError: (e) => setProblems(serverProblems(e)),
  });

  const setWeekly = (i: number, weekly: WeeklyHours) => {
    setEntries((es) => es.map((e, j) => (j === i ? { ...e, weekly } : e)));
    setSaved(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = sent().flatMap((h, i) => checkWeekly(h.weekly, `hours.${i}.weekly`));
    setProblems(found);
    setSaved(false);
    if (found.length === 0) save.mutate();
  };
  const nameOf = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  const zone = (id: string) => locations.find((l) => l.id === id)?.timeZone ?? clinicLocale().timeZone;
  const unused = locations.filter((l) => !entries.some((e) => e.locationId === l.id));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('hours.weekly')}
        </Title>
        {atSite ? (
          <>
            <Checkbox
              label={t('hours.ownHours', { site: site?.name ?? '' })}
              description={t('hours.ownHoursHint')}
              checked={own}
              disabled={!canWrite}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setOwn(on);
                setSaved(false);
                if (on && entries.length === 0 && resource.locationId)
                  setEntries([{ locationId: resource.locationId, weekly: {} }]);
              }}
            />
            {own && resource.locationId ? (
              <HoursEditor
                value={entries[0]?.weekly ?? {}}
                onChange={(w) => setWeekly(0, w)}
                problems={problems}
                prefix="hours.0.weekly"
                legend={t('hours.resourceHours', { name: resource.name })}
                timeZone={zone(resource.locationId)}
                readOnly={!canWrite}
              />
            ) : (
              <Text size="sm" c="dimmed">
                {t('hours.followsSite', { site: site?.name ?? '' })}
              </Text>
            )}
          </>
        ) : (
          <>
            {entries.length === 0 && (
              <Alert color="yellow" variant="light">
                {t('hours.practitionerNone')}
              </Alert>
            )}
            {entries.map((e, i) => (
              <Stack key={e.locationId} gap={4}>
                <HoursEditor
                  value={e.weekly}
                  onChange={(w) => setWeekly(i, w)}
                  problems={problems}
                  prefix={`hours.${i}.weekly`}
                  legend={t('hours.atSite', { site: nameOf(e.locationId) })}
                  timeZone={zone(e.locationId)}
                  readOnly={!canWrite}
                />
                {canWrite && (
                  <div>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => {
                        setEntries((es) => es.filter((_, j) => j !== i));
                        setSaved(false);
                      }}
                    >
                      {t('hours.removeSite', { site: nameOf(e.locationId) })}
                    </Button>
                  </div>
                )}
                {problemAt(problems, `hours.${i}.locationId`) && (
                  <Text size="xs" c="red">
                    {problemAt(problems, `hours.${i}.locationId`)}
                  </Text>
                )}
              </Stack>
            ))}
            {canWrite && unused.length > 0 && (
              <Group gap="xs" align="flex-end">
                <Select
                  size="xs"
                  label={t('hours.addSite')}
                  data={unused.map((l) => ({ value: l.id, label: l.name }))}
                  value={adding}
                  onChange={setAdding}
                  w={220}
                />
                <ActionIcon
                  variant="light"
                  size="lg"
                  aria-label={t('hours.addSiteButton')}
                  disabled={!adding}
                  onClick={() => {
                    if (!adding) return;
                    setEntries((es) => [...es, { locationId: adding, weekly: {} }]);
                    setAdding(null);
                    setSaved(false);
                  }}
                >
                  <span aria-hidden>+</span>
                </ActionIcon>
              </Group>
            )}
          </>
        )}
        {problems.length > 0 && !save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('hours.fixFirst')}>
            {t('hours.fixCount', { n: problems.length })}
          </Alert>
        )}
        {save.isError && <ErrorState error={save.error} />}
        {canWrite && (
          <Group gap="sm">
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('hours.saveHours')}
            </Button>
            {saved && (
              <Text size="sm" c="teal.9" role="status">
                {t('hours.saved')}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}
