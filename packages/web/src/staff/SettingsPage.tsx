import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { get, post } from '../api/client';
import type { Invitation, Location, Page, User } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import { ScrollRegion, TableScroll } from '../components/TableScroll';
import { formatInstant, formatMoney } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { useConsentTemplates, usePriceLists } from './queries';
import { ClinicSettings } from './settings/ClinicSettings';
import { ProtocolSettings } from './settings/ProtocolSettings';
import { ResourcesSettings } from './settings/ResourcesSettings';

function Locations({ canWrite }: { canWrite: boolean }) {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['locations'],
    queryFn: () => get<Page<Location>>('/locations').then((p) => p.items),
  });
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const add = useMutation({
    mutationFn: () => post<Location>('/locations', { name, timeZone }),
    onSuccess: () => {
      setName('');
      client.invalidateQueries({ queryKey: ['locations'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <Stack>
      {q.data.length === 0 ? (
        <Empty>{t('settings.noLocations')}</Empty>
      ) : (
        <TableScroll minWidth={480}>
          <Table aria-label={t('settings.locations')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('settings.name')}</Table.Th>
                <Table.Th scope="col">{t('settings.timeZone')}</Table.Th>
                <Table.Th scope="col">{t('patient.address')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td>{l.timeZone}</Table.Td>
                  <Table.Td>{l.address ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {canWrite && (
        <Paper withBorder p="sm" component="form" onSubmit={submit}>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('settings.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              label={t('settings.timeZone')}
              required
              value={timeZone}
              onChange={(e) => setTimeZone(e.currentTarget.value)}
            />
            <Button type="submit" variant="light" loading={add.isPending}>
              {t('settings.addLocation')}
            </Button>
          </Group>
          {add.isError && <ErrorState error={add.error} />}
        </Paper>
      )}
    </Stack>
  );
}

const STAFF_ROLES = ['owner', 'admin', 'practitioner', 'front_desk'] as const;

/** Managers invite a colleague by mail: the colleague chooses the password through the link. */
function InviteStaffMember({ mayInviteOwner }: { mayInviteOwner: boolean }) {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<(typeof STAFF_ROLES)[number]>('practitioner');
  const invite = useMutation({
    mutationFn: () => post<Invitation>('/invitations', { email, displayName, role }),
    onSuccess: () => {
      setEmail('');
      setDisplayName('');
      client.invalidateQueries({ queryKey: ['users'] });
      client.invalidateQueries({ queryKey: ['staff-invitations'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-labelledby="invite-staff-heading">
      <Title order={3} size="h4" id="invite-staff-heading">
        {t('invite.staff.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('invite.staff.hint')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('invite.staff.name')}
          style={{ flex: '1 1 12rem' }}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          autoComplete="off"
        />
        <TextInput
          label={t('patient.email')}
          style={{ flex: '1 1 14rem' }}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          autoComplete="off"
        />
        <NativeSelect
          label={t('settings.role')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as (typeof STAFF_ROLES)[number])}
          data={STAFF_ROLES.filter((r) => r !== 'owner' || mayInviteOwner).map((r) => ({
            value: r,
            label: t(`role.${r}`),
          }))}
        />
        <Button type="submit" variant="light" loading={invite.isPending}>
          {t('invite.staff.send')}
        </Button>
      </Group>
      {invite.isError && <ErrorState error={invite.error} />}
      {invite.isSuccess && (
        <Text size="sm" c="teal.9" mt="xs" role="status" data-testid="staff-invited">
          {t('invite.staff.sent', { email: invite.data.email })}
        </Text>
      )}
    </Paper>
  );
}

function UserStatus({ user, invitation }: { user: User; invitation: Invitation | undefined }) {
  if (!user.active && invitation?.state === 'open')
    return (
      <Badge color="blue" variant="light" title={formatInstant(invitation.expiresAt)}>
        {t('invite.staff.invitedUntil', { at: formatInstant(invitation.expiresAt, false) })}
      </Badge>
    );
  if (!user.active && invitation && invitation.state !== 'accepted')
    return <Badge color="yellow">{t('invite.staff.expired')}</Badge>;
  if (!user.active) return <Badge color="gray">{t('settings.inactive')}</Badge>;
  if (user.locked) return <Badge color="red">{t('settings.locked')}</Badge>;
  return (
    <Badge color="teal" variant="light">
      {t('settings.active')}
    </Badge>
  );
}

function Users() {
  const session = useSession();
  const canInvite = may(session.data, 'invitations.staff');
  const q = useQuery({ queryKey: ['users'], queryFn: () => get<Page<User>>('/users').then((p) => p.items) });
  const invitations = useQuery({
    queryKey: ['staff-invitations'],
    queryFn: () => get<Page<Invitation>>('/invitations').then((p) => p.items),
    enabled: canInvite,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  const byUser = new Map((invitations.data ?? []).map((i) => [i.userId, i]));
  return (
    <Stack>
      <TableScroll minWidth={560}>
        <Table aria-label={t('settings.users')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('settings.name')}</Table.Th>
              <Table.Th scope="col">{t('patient.email')}</Table.Th>
              <Table.Th scope="col">{t('settings.role')}</Table.Th>
              <Table.Th scope="col">{t('settings.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.displayName}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{t(`role.${u.role}` as 'role.owner')}</Table.Td>
                <Table.Td>
                  <UserStatus user={u} invitation={byUser.get(u.id)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {invitations.isError && <ErrorState error={invitations.error} />}
      {canInvite && <InviteStaffMember mayInviteOwner={session.data?.user.role === 'owner'} />}
    </Stack>
  );
}

function PriceLists() {
  const q = usePriceLists();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  if (q.data.length === 0) return <Empty>{t('quote.noPriceLists')}</Empty>;
  return (
    <Stack>
      {q.data.map((l) => (
        <Card withBorder key={l.id}>
          <Group gap="xs" mb="xs">
            <Title order={3} size="h4">
              {l.name}
            </Title>
            <Badge variant="light">{l.currency}</Badge>
            {l.isExample && <Badge color="yellow">{t('quote.example')}</Badge>}
          </Group>
          <TableScroll minWidth={520}>
            <Table aria-label={l.name}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('settings.treatment')}</Table.Th>
                  <Table.Th scope="col">{t('wizard.indication')}</Table.Th>
                  <Table.Th scope="col">{t('wizard.modality')}</Table.Th>
                  <Table.Th scope="col">{t('wizard.areaSize')}</Table.Th>
                  <Table.Th scope="col">{t('quote.tier')}</Table.Th>
                  <Table.Th scope="col">{t('settings.pricePerSession')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {l.entries.map((e, i) => (
                  // Entries have no id; their position in the list is their identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <Table.Tr key={i}>
                    <Table.Td>{e.treatment}</Table.Td>
                    <Table.Td>{e.indication ?? t('settings.any')}</Table.Td>
                    <Table.Td>{e.modality ?? t('settings.any')}</Table.Td>
                    <Table.Td>{e.areaSize ?? t('settings.any')}</Table.Td>
                    <Table.Td>{e.tier ?? t('settings.any')}</Table.Td>
                    <Table.Td className="num">{formatMoney(e.pricePerSession, l.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Card>
      ))}
    </Stack>
  );
}

function Templates() {
  const q = useConsentTemplates();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  if (q.data.length === 0) return <Empty>{t('consent.noTemplates')}</Empty>;
  return (
    <Stack>
      {q.data.map((tp) => (
        <Card withBorder key={`${tp.id}-${tp.version}`}>
          <Group gap="xs">
            <Title order={3} size="h4">
              {tp.title}
            </Title>
            <Badge variant="light">v{tp.version}</Badge>
            <Text size="xs" c="dimmed">
              {formatInstant(tp.createdAt)}
            </Text>
          </Group>
          <ScrollRegion className="scroll-box" style={{ maxHeight: 240 }} label={tp.title}>
            <Text size="sm" className="prewrap">
              {tp.body}
            </Text>
          </ScrollRegion>
        </Card>
      ))}
    </Stack>
  );
}

export function SettingsPage() {
  usePageTitle(t('settings.title'));
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'locations';
  const s = session.data;
  return (
    <Stack gap="md">
      <Title order={1}>{t('settings.title')}</Title>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="locations">{t('settings.locations')}</Tabs.Tab>
          {may(s, 'clinic.read') && <Tabs.Tab value="clinic">{t('clinicSettings.tab')}</Tabs.Tab>}
          {may(s, 'users.read') && <Tabs.Tab value="users">{t('settings.users')}</Tabs.Tab>}
          {may(s, 'price-lists.read') && <Tabs.Tab value="prices">{t('settings.priceLists')}</Tabs.Tab>}
          {may(s, 'consent-templates.read') && (
            <Tabs.Tab value="templates">{t('settings.templates')}</Tabs.Tab>
          )}
          {may(s, 'resources.read') && <Tabs.Tab value="resources">{t('resources.tab')}</Tabs.Tab>}
          {may(s, 'protocol-settings.read') && (
            <Tabs.Tab value="protocols">{t('protocolSettings.tab')}</Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="locations" pt="md">
          <Locations canWrite={may(s, 'locations.write')} />
        </Tabs.Panel>
        {may(s, 'clinic.read') && (
          <Tabs.Panel value="clinic" pt="md">
            <ClinicSettings canWrite={may(s, 'clinic.write')} />
          </Tabs.Panel>
        )}
        {may(s, 'users.read') && (
          <Tabs.Panel value="users" pt="md">
            <Users />
          </Tabs.Panel>
        )}
        {may(s, 'price-lists.read') && (
          <Tabs.Panel value="prices" pt="md">
            <PriceLists />
          </Tabs.Panel>
        )}
        {may(s, 'consent-templates.read') && (
          <Tabs.Panel value="templates" pt="md">
            <Templates />
          </Tabs.Panel>
        )}
        {may(s, 'resources.read') && (
          <Tabs.Panel value="resources" pt="md">
            <ResourcesSettings canWrite={may(s, 'resources.write')} />
          </Tabs.Panel>
        )}
        {may(s, 'protocol-settings.read') && (
          <Tabs.Panel value="protocols" pt="md">
            <ProtocolSettings canWrite={may(s, 'protocol-settings.write')} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
