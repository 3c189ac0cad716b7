import { Button, Container, Group, Text, Title, UnstyledButton } from '@mantine/core';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../components/States';
import { useClinicLocale } from '../lib/clinic';
import { t } from '../lib/i18n';
import { useLogOut, useSession } from '../lib/session';

const NAV = [
  { to: '/my', label: 'portal.nav.plan' },
  { to: '/my/sessions', label: 'portal.nav.sessions' },
  { to: '/my/aftercare', label: 'portal.nav.aftercare' },
  { to: '/my/questionnaires', label: 'questionnaires.nav' },
  { to: '/my/report', label: 'portal.nav.report' },
  { to: '/my/learn', label: 'portal.nav.learn' },
] as const;

/** The patient portal: phone-first, one column, the three things a patient comes for at the bottom. */
export function PortalLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logOut = useLogOut();
  // Dates and amounts in the clinic's locale and time zone, as staff see them.
  const clinic = useClinicLocale(session.data?.user.role === 'patient');
  if (session.isPending) return <Loading />;
  if (!session.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (session.data.user.role !== 'patient') return <Navigate to="/today" replace />;
  return (
    <div style={{ minHeight: '100dvh', display: 'flex', flexDirection: 'column' }}>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={720} py="sm">
          <Group justify="space-between" wrap="nowrap">
            <Title order={2} size="h4" c="teal.9">
              {t('app.name')}
            </Title>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" visibleFrom="xs">
                {session.data.user.displayName}
              </Text>
              <Button
                size="xs"
                variant="default"
                onClick={async () => {
                  await logOut();
                  navigate('/login', { replace: true });
                }}
              >
                {t('nav.signOut')}
              </Button>
            </Group>
          </Group>
        </Container>
      </header>
      <Container
        size={720}
        py="md"
        component="main"
        id="main"
        tabIndex={-1}
        style={{ flex: 1, width: '100%' }}
      >
        {clinic.isPending ? <Loading /> : <Outlet />}
      </Container>
      {/* Above the page's own layers (number-field arrows, slider thumbs) as the page scrolls under it. */}
      <nav className="portal-nav no-print" aria-label={t('nav.label')} style={{ zIndex: 20 }}>
        <Container size={720}>
          <Group grow gap={0}>
            {NAV.map((n) => {
              const active = location.pathname === n.to;
              return (
                <UnstyledButton
                  key={n.to}
                  component={Link}
                  to={n.to}
                  aria-current={active ? 'page' : undefined}
                  py="sm"
                  px={2}
                  // All destinations share a phone's width: a smaller type below the sm breakpoint.
                  fz={{ base: 'xs', sm: 'md' }}
                  style={{
                    textAlign: 'center',
                    fontWeight: active ? 700 : 500,
                    color: active ? 'var(--mantine-color-teal-9)' : 'var(--mantine-color-gray-8)',
                    borderTop: active ? '3px solid var(--mantine-color-teal-8)' : '3px solid transparent',
                  }}
                >
                  {t(n.label)}
                </UnstyledButton>
              );
            })}
          </Group>
        </Container>
      </nav>
    </div>
  );
}
