import { MODALITIES } from '@exoclinic/core';
import { Button, Group, MultiSelect, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { post } from '../../api/client';
import type { Location } from '../../api/types';
import { ErrorState } from '../../components/States';
import { t } from '../../lib/i18n';
import { type FieldProblem, problemAt, serverProblems } from './hours-rules';
import { useStaffUsers } from './queries';
import { DEVICE_TYPES, type ResourceDetail } from './types';

type Kind = ResourceDetail['kind'];

/** Add a room or a device at a site, or make a practitioner bookable. */
export function AddResourceForm({
  locations,
  resources,
  onAdded,
}: {
  locations: Location[];
  resources: ResourceDetail[];
  onAdded: (r: ResourceDetail) => void;
}) {
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>('room');
  const [name, setName] = useState('');
  const [locationId, setLocationId] = useState<string | null>(locations[0]?.id ?? null);
  const [deviceType, setDeviceType] = useState<string | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [modalities, setModalities] = useState<string[]>([]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const users = useStaffUsers(kind === 'practitioner');
  const candidates = (users.data ?? []).filter(
    (u) =>
      u.active &&
      (u.role === 'practitioner' || u.role === 'owner') &&
      !resources.some((r) => r.userId === u.id),
  );

  const add = useMutation({
    mutationFn: () =>
      post<ResourceDetail>(
        '/resources',
        kind === 'practitioner'
          ? { kind, userId, modalities, ...(name.trim() && { name: name.trim() }) }
          : { kind, name: name.trim(), locationId, ...(kind === 'device' && { deviceType }) },
      ),
    onSuccess: (r) => {
      setName('');
      setUserId(null);
      setModalities([]);
      setProblems([]);
      client.invalidateQueries({ queryKey: ['resources'] });
      onAdded(r);
    },
    onError: (e) => setProblems(serverProblems(e)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldProblem[] = [];
    if (kind !== 'practitioner' && !name.trim())
      found.push({ path: 'name', message: t('resources.nameNeeded') });
    if (kind !== 'practitioner' && !locationId)
      found.push({ path: 'locationId', message: t('resources.siteNeeded') });
    if (kind === 'device' && !deviceType)
      found.push({ path: 'deviceType', message: t('resources.deviceTypeNeeded') });
    if (kind === 'practitioner' && !userId)
      found.push({ path: 'userId', message: t('resources.userNeeded') });
    setProblems(found);
    if (found.length === 0) add.mutate();
  };

  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} noValidate aria-labelledby="add-resource">
      <Stack gap="xs">
        <Title order={3} size="h5" id="add-resource">
          {t('resources.add')}
        </Title>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label={t('resources.kind')}
            data={(['room', 'device', 'practitioner'] as const).map((k) => ({
              value: k,
              label: t(`resources.kind.${k}` as 'resources.kind.room'),
            }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => {
              if (v) setKind(v as Kind);
              setProblems([]);
            }}
            w={170}
          />
          {kind === 'practitioner' ? (
            <>
              <Select
                label={t('resources.user')}
                required
                data={candidates.map((u) => ({ value: u.id, label: u.displayName }))}
                value={userId}
                onChange={setUserId}
                nothingFoundMessage={t('resources.noCandidates')}
                placeholder={users.isPending ? t('state.loading') : undefined}
                error={problemAt(problems, 'userId')}
                w={220}
              />
              <TextInput
                label={t('resources.nameOptional')}
                value={name}
                maxLength={200}
                onChange={(e) => setName(e.currentTarget.value)}
                w={200}
              />
              <MultiSelect
                label={t('resources.modalities')}
                data={MODALITIES.map((m) => ({ value: m.id, label: m.name }))}
                value={modalities}
                onChange={setModalities}
                error={problemAt(problems, 'modalities')}
                style={{ flex: '1 1 260px' }}
              />
            </>
          ) : (
            <>
              <TextInput
                label={t('resources.name')}
                required
                value={name}
                maxLength={200}
                onChange={(e) => setName(e.currentTarget.value)}
                error={problemAt(problems, 'name')}
                w={220}
              />
              <Select
                label={t('resources.site')}
                required
                data={locations.map((l) => ({ value: l.id, label: l.name }))}
                value={locationId}
                onChange={setLocationId}
                error={problemAt(problems, 'locationId')}
                w={200}
              />
              {kind === 'device' && (
                <Select
                  label={t('resources.deviceType')}
                  required
                  data={DEVICE_TYPES.map((d) => ({
                    value: d,
                    label: t(`resources.device.${d}` as 'resources.device.laser'),
                  }))}
                  value={deviceType}
                  onChange={setDeviceType}
                  error={problemAt(problems, 'deviceType')}
                  w={200}
                />
              )}
            </>
          )}
        </Group>
        {add.isError && <ErrorState error={add.error} />}
        {users.isError && <ErrorState error={users.error} />}
        <div>
          <Button type="submit" variant="light" loading={add.isPending}>
            {t(`resources.add.${kind}` as 'resources.add.room')}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
