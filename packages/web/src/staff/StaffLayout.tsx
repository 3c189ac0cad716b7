import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../components/States';
import { useClinicLocale } from '../lib/clinic';
import { t } from '../lib/i18n';
import { may, useLogOut, useSession } from '../lib/session';
import { UnreadAlertsBadge } from './UnreadAlertsBadge';

const NAV = [
  { to: '/today', label: 'nav.today', permission: 'session.read' },
  { to: '/patients', label: 'nav.patients', permission: 'patients.read' },
  { to: '/calendar', label: 'nav.calendar', permission: 'appointments.read' },
  { to: '/products', label: 'nav.products', permission: 'products.read' },
  { to: '/recalls', label: 'nav.recalls', permission: 'maintenance-recall.read' },
  { to: '/alerts', label: 'nav.alerts', permission: 'alerts.read' },
  { to: '/analytics', label: 'nav.analytics', permission: 'analytics.read' },
  { to: '/protocols', label: 'nav.protocols', permission: 'session.read' },
  { to: '/settings', label: 'nav.settings', permission: 'locations.read' },
] as const;

export function StaffLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logOut = useLogOut();
  const [opened, { toggle, close }] = useDisclosure(false);
  const staff = !!session.data && session.data.user.role !== 'patient';
  const clinic = useClinicLocale(staff);

  if (session.isPending) return <Loading />;
  if (!session.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!staff) return <Navigate to="/my" replace />;
  const s = session.data;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.menu')}
              aria-expanded={opened}
            />
            <Title order={2} size="h4" c="teal.9">
              <Link to="/today" style={{ color: 'inherit', textDecoration: 'none' }}>
                {t('app.name')}
              </Link>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" data-testid="signed-in-as">
              {s.user.displayName} · {t(`role.${s.user.role}` as 'role.owner')}
            </Text>
            <Button
              variant="default"
              size="xs"
              onClick={async () => {
                await logOut();
                navigate('/login', { replace: true });
              }}
            >
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')} component="nav">
        <Stack gap={2}>
          {NAV.filter((n) => may(s, n.permission)).map((n) => {
            const active = location.pathname === n.to || location.pathname.startsWith(`${n.to}/`);
            return (
              <NavLink
                key={n.to}
                component={Link}
                to={n.to}
                label={t(n.label)}
                rightSection={n.to === '/alerts' ? <UnreadAlertsBadge /> : undefined}
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={close}
                variant="light"
              />
            );
          })}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {clinic.isPending ? <Loading /> : <Outlet />}
      </AppShell.Main>
    </AppShell>
  );
}
