import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, get } from './api/client';
import type { SessionInfo } from './api/types';
import { Loading } from './components/States';
import { t } from './lib/i18n';
import { logIn, SESSION_KEY, useSession } from './lib/session';

function homeFor(s: SessionInfo, next: string | null): string {
  if (next?.startsWith('/') && !next.startsWith('//')) {
    const portal = next.startsWith('/my');
    if (portal === (s.user.role === 'patient')) return next;
  }
  return s.user.role === 'patient' ? '/my' : '/today';
}

export function LoginPage() {
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, []);

  if (session.isPending) return <Loading />;
  if (session.data) return <Navigate to={homeFor(session.data, params.get('next'))} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(email, password);
      const s = await get<SessionInfo>('/auth/session');
      client.setQueryData(SESSION_KEY, s);
      navigate(homeFor(s, params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.wrong'));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.locked'));
      else if (err instanceof ApiError && err.status === 0) setError(t('error.network.detail'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Container size={420} py={48} component="main">
      <Stack gap="lg">
        <div>
          <Title order={1}>{t('app.name')}</Title>
          <Text c="dimmed">{t('app.tagline')}</Text>
        </div>
        <Paper
          withBorder
          p="lg"
          radius="md"
          component="form"
          onSubmit={submit}
          aria-labelledby="login-heading"
        >
          <Stack>
            <Title order={2} size="h3" id="login-heading">
              {t('login.title')}
            </Title>
            {error && (
              <Alert color="red" role="alert" variant="light">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              {t('login.submit')}
            </Button>
          </Stack>
        </Paper>
        <Text size="sm" c="dimmed">
          {t('login.help')}
        </Text>
      </Stack>
    </Container>
  );
}
