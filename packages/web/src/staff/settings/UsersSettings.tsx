import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, post } from '../../api/client';
import type { Invitation, Page, User } from '../../api/types';
import { describeError, Empty, ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { useFieldErrors } from '../records/FormProblem';

const STAFF_ROLES = ['owner', 'admin', 'practitioner', 'front_desk'] as const;
type StaffRole = (typeof STAFF_ROLES)[number];
const roleOptions = (mayChooseOwner: boolean) =>
  STAFF_ROLES.filter((r) => r !== 'owner' || mayChooseOwner).map((r) => ({
    value: r,
    label: t(`role.${r}`),
  }));

const USERS_KEY = ['users'];
const INVITATIONS_KEY = ['staff-invitations'];

/** Managers invite a colleague by mail: the colleague chooses the password through the link. */
function InviteStaffMember({ mayInviteOwner }: { mayInviteOwner: boolean }) {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('practitioner');
  const invite = useMutation({
    mutationFn: () => post<Invitation>('/invitations', { email, displayName, role }),
    onSuccess: () => {
      setEmail('');
      setDisplayName('');
      client.invalidateQueries({ queryKey: USERS_KEY });
      client.invalidateQueries({ queryKey: INVITATIONS_KEY });
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
          onChange={(e) => setRole(e.currentTarget.value as StaffRole)}
          data={roleOptions(mayInviteOwner)}
        />
        <Button type="submit" variant="light" loading={invite.isPending}>
          {t('invite.staff.send')}
        </Button>
      </Group>
      {invite.isError && <ErrorState error={invite.error} />}
      {invite.isSuccess && (
        <Text size="sm" c="teal" mt="xs" role="status" data-testid="staff-invited">
          {t('invite.staff.sent', { email: invite.data.email })}
        </Text>
      )}
    </Paper>
  );
}

/** An account that has never been used: it waits for its invitee to choose a password. */
const awaitsInvitee = (user: User, invitation: Invitation | undefined) =>
  !user.active && !!invitation && invitation.state !== 'accepted';

function UserStatus({ user, invitation }: { user: User; invitation: Invitation | undefined }) {
  if (awaitsInvitee(user, invitation) && invitation?.state === 'open')
    return (
      <Badge color="blue" variant="light" title={formatInstant(invitation.expiresAt)}>
        {t('invite.staff.invitedUntil', { at: formatInstant(invitation.expiresAt, false) })}
      </Badge>
    );
  if (awaitsInvitee(user, invitation)) return <Badge color="yellow">{t('invite.staff.expired')}</Badge>;
  if (!user.active)
    return (
      <Badge color="gray" variant="light">
        {t('settings.inactive')}
      </Badge>
    );
  if (user.locked) return <Badge color="red">{t('settings.locked')}</Badge>;
  return (
    <Badge color="teal" variant="light">
      {t('settings.active')}
    </Badge>
  );
}

/** Name and role of one colleague; the server's refusals show at the field they concern. */
function EditUserDialog({
  user,
  isSelf,
  mayChooseOwner,
  onDone,
  onClose,
}: {
  user: User;
  isSelf: boolean;
  mayChooseOwner: boolean;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<StaffRole>(user.role as StaffRole);
  const change = {
    ...(displayName.trim() !== user.displayName && { displayName: displayName.trim() }),
    ...(role !== user.role && { role }),
  };
  const save = useMutation({
    mutationFn: () => api<User>('PATCH', `/users/${user.id}`, change),
    onSuccess: (saved) => {
      client.invalidateQueries({ queryKey: USERS_KEY });
      onDone(t('users.saved', { name: saved.displayName }));
    },
  });
  const { err, touch } = useFieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.editTitle', { name: user.displayName })}
      fullScreen={!!phone}
      closeButtonProps={{ 'aria-label': t('users.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('settings.name')}
            required
            value={displayName}
            onChange={(e) => {
              touch('displayName');
              setDisplayName(e.currentTarget.value);
            }}
            error={err('displayName')}
            autoComplete="off"
            data-autofocus
          />
          <NativeSelect
            label={t('settings.role')}
            description={isSelf ? t('users.ownRoleHint') : undefined}
            value={role}
            onChange={(e) => {
              touch('role');
              setRole(e.currentTarget.value as StaffRole);
            }}
            error={err('role')}
            data={roleOptions(mayChooseOwner || user.role === 'owner')}
          />
          {save.isError && (
            // The server's reason in words (the last owner, one's own role); the field says where.
            <Alert color="red" variant="light" role="alert" title={describeError(save.error).title}>
              {describeError(save.error).detail}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={Object.keys(change).length === 0}>
              {t('users.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Deactivating signs the colleague out at once; both ways are confirmed first. */
function ConfirmActiveDialog({
  user,
  onDone,
  onClose,
}: {
  user: User;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const active = !user.active;
  const name = user.displayName;
  const change = useMutation({
    mutationFn: () => api<User>('PATCH', `/users/${user.id}`, { active }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: USERS_KEY });
      client.invalidateQueries({ queryKey: INVITATIONS_KEY });
      onDone(active ? t('users.reactivated', { name }) : t('users.deactivated', { name }));
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={active ? t('users.reactivateTitle', { name }) : t('users.deactivateTitle', { name })}
      fullScreen={!!phone}
      closeButtonProps={{ 'aria-label': t('users.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {active ? t('users.reactivateBody', { name }) : t('users.deactivateBody', { name })}
        </Text>
        {change.isError && <ErrorState error={change.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('action.cancel')}
          </Button>
          <Button
            color={active ? undefined : 'red'}
            loading={change.isPending}
            onClick={() => change.mutate()}
          >
            {active ? t('users.reactivate') : t('users.deactivate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Edit, deactivate or reactivate, unlock: what a manager may do to one account. */
function UserActions({
  user,
  waiting,
  mayTouch,
  unlocking,
  onEdit,
  onSwitch,
  onUnlock,
}: {
  user: User;
  waiting: boolean;
  mayTouch: boolean;
  unlocking: boolean;
  onEdit: () => void;
  onSwitch: () => void;
  onUnlock: () => void;
}) {
  const name = user.displayName;
  if (!mayTouch)
    return (
      <Text size="sm" c="dimmed">
        {t('users.ownerOnly')}
      </Text>
    );
  return (
    <Group gap={6} wrap="wrap">
      <Button
        size="compact-sm"
        variant="default"
        aria-label={t('users.editLabel', { name })}
        onClick={onEdit}
      >
        {t('users.edit')}
      </Button>
      {!waiting && (
        <Button
          size="compact-sm"
          variant="default"
          aria-label={
            user.active ? t('users.deactivateLabel', { name }) : t('users.reactivateLabel', { name })
          }
          onClick={onSwitch}
        >
          {user.active ? t('users.deactivate') : t('users.reactivate')}
        </Button>
      )}
      {user.locked && user.active && (
        <Button
          size="compact-sm"
          variant="default"
          aria-label={t('users.unlockLabel', { name })}
          loading={unlocking}
          onClick={onUnlock}
        >
          {t('users.unlock')}
        </Button>
      )}
    </Group>
  );
}

/**
 * Settings › Users and roles: every staff account with its role and status; owners and admins
 * rename a colleague, change the role, deactivate and reactivate (confirmed), unlock a locked
 * sign-in, and invite new colleagues. Only an owner changes an owner. The server keeps the rules
 * (nobody demotes or deactivates themself, the last active owner stays); its refusal is shown.
 * Patients' portal accounts are managed from their chart, not here.
 */
export function UsersSettings() {
  const session = useSession();
  const me = session.data?.user;
  const canWrite = may(session.data, 'users.write');
  const canInvite = may(session.data, 'invitations.staff');
  const isOwner = me?.role === 'owner';
  const client = useQueryClient();
  const [editing, setEditing] = useState<User | null>(null);
  const [switching, setSwitching] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const phone = useMediaQuery('(max-width: 48em)');
  const q = useQuery({ queryKey: USERS_KEY, queryFn: () => get<Page<User>>('/users').then((p) => p.items) });
  const invitations = useQuery({
    queryKey: INVITATIONS_KEY,
    queryFn: () => get<Page<Invitation>>('/invitations').then((p) => p.items),
    enabled: canInvite,
  });
  const unlock = useMutation({
    mutationFn: (u: User) => api<User>('PATCH', `/users/${u.id}`, { unlock: true }),
    onSuccess: (u) => {
      client.invalidateQueries({ queryKey: USERS_KEY });
      setNotice(t('users.unlocked', { name: u.displayName }));
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const byUser = new Map((invitations.data ?? []).map((i) => [i.userId, i]));
  const staff = q.data.filter((u) => u.role !== 'patient');
  const done = (message: string) => {
    setEditing(null);
    setSwitching(null);
    setNotice(message);
  };
  const start = (u: User, action: 'edit' | 'switch') => {
    setNotice(null);
    unlock.reset();
    if (action === 'edit') setEditing(u);
    else setSwitching(u);
  };
  const actionsOf = (u: User) => (
    <UserActions
      user={u}
      waiting={awaitsInvitee(u, byUser.get(u.id))}
      mayTouch={isOwner || u.role !== 'owner'}
      unlocking={unlock.isPending && unlock.variables?.id === u.id}
      onEdit={() => start(u, 'edit')}
      onSwitch={() => start(u, 'switch')}
      onUnlock={() => {
        setNotice(null);
        unlock.mutate(u);
      }}
    />
  );
  return (
    <Stack>
      {notice && (
        <Alert color="teal" variant="light" role="status" data-testid="users-notice">
          {notice}
        </Alert>
      )}
      {unlock.isError && <ErrorState error={unlock.error} />}
      {staff.length === 0 ? (
        <Empty>{t('users.none')}</Empty>
      ) : phone ? (
        // A phone shows one card per colleague: a five-column table would scroll sideways.
        <Stack
          gap="xs"
          component="ul"
          aria-label={t('settings.users')}
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {staff.map((u) => (
            <Paper component="li" withBorder p="sm" key={u.id} data-testid="user-card">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600}>
                    {u.displayName}
                    {u.id === me?.id && (
                      <Text span size="sm" c="dimmed" fw={400}>
                        {' '}
                        ({t('users.you')})
                      </Text>
                    )}
                  </Text>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {u.email}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t(`role.${u.role}`)}
                  </Text>
                </div>
                <UserStatus user={u} invitation={byUser.get(u.id)} />
              </Group>
              {canWrite && <div style={{ marginTop: 8 }}>{actionsOf(u)}</div>}
            </Paper>
          ))}
        </Stack>
      ) : (
        <TableScroll minWidth={canWrite ? 760 : 560}>
          <Table aria-label={t('settings.users')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('settings.name')}</Table.Th>
                <Table.Th scope="col">{t('patient.email')}</Table.Th>
                <Table.Th scope="col">{t('settings.role')}</Table.Th>
                <Table.Th scope="col">{t('settings.status')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('users.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    {u.displayName}
                    {u.id === me?.id && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        ({t('users.you')})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{t(`role.${u.role}`)}</Table.Td>
                  <Table.Td>
                    <UserStatus user={u} invitation={byUser.get(u.id)} />
                  </Table.Td>
                  {canWrite && <Table.Td>{actionsOf(u)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {invitations.isError && <ErrorState error={invitations.error} />}
      {canInvite && <InviteStaffMember mayInviteOwner={isOwner} />}
      {editing && (
        <EditUserDialog
          user={editing}
          isSelf={editing.id === me?.id}
          mayChooseOwner={isOwner}
          onDone={done}
          onClose={() => setEditing(null)}
        />
      )}
      {switching && <ConfirmActiveDialog user={switching} onDone={done} onClose={() => setSwitching(null)} />}
    </Stack>
  );
}
