import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, get, post } from './api/client';
import type { InvitationPreview, LoginResult, SessionInfo } from './api/types';
import { ErrorState, Loading } from './components/States';
import { formatInstant } from './lib/format';
import { t } from './lib/i18n';
import { rememberSignIn, SESSION_KEY } from './lib/session';

type Closed = 'unknown' | 'used' | 'expired' | 'replaced';

/** Which closed state a problem from the invitation routes names, if any. */
function closedState(error: unknown): { state: Closed; clinic: string } | null {
  if (!(error instanceof ApiError)) return null;
  const clinic = String((error.problem as { clinicName?: string }).clinicName ?? '');
  const type = error.problem.type ?? '';
  if (error.status === 404) return { state: 'unknown', clinic };
  if (type.endsWith('/invitation-used')) return { state: 'used', clinic };
  if (type.endsWith('/invitation-expired')) return { state: 'expired', clinic };
  if (type.endsWith('/invitation-replaced')) return { state: 'replaced', clinic };
  return null;
}

function ClosedInvitation({ state, clinic }: { state: Closed; clinic: string }) {
  const name = clinic || t('app.name');
  return (
    <Alert
      color={state === 'used' ? 'blue' : 'yellow'}
      variant="light"
      role="status"
      data-testid={`invite-${state}`}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t(`invite.${state}.title`)}
        </Title>
        <Text size="sm">{t(`invite.${state}.body`, { clinic: name })}</Text>
        <div>
          <Button component={Link} to="/login" size="sm">
            {t('invite.toLogin')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}

/**
 * `/invite/:token`: the page an invitation mail links to. It shows the clinic and who is invited,
 * takes a new password twice, and signs the invitee in: patients land on their portal, staff on
 * Today. Used, expired, replaced and unknown links each say what to do next.
 */
export function InvitationPage() {
  const { token = '' } = useParams();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  useEffect(() => {
    document.title = `${t('invite.title')} · ${t('app.name')}`;
  }, []);

  const path = `/invitations/${encodeURIComponent(token)}`;
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => get<InvitationPreview>(path),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const accept = useMutation({
    mutationFn: async () => {
      const result = await post<LoginResult>(`${path}/accept`, { password });
      rememberSignIn(result);
      return get<SessionInfo>('/auth/session');
    },
    onSuccess: (session) => {
      client.setQueryData(SESSION_KEY, session);
      navigate(session.user.role === 'patient' ? '/my' : '/today', { replace: true });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    accept.mutate();
  }

  const acceptClosed = closedState(accept.error);
  const fieldError =
    accept.error instanceof ApiError
      ? accept.error.problem.errors?.find((e) => e.path === 'body.password')?.message
      : undefined;

  let content: ReactNode;
  if (preview.isPending) content = <Loading />;
  else if (preview.isError) {
    const closed = closedState(preview.error);
    content = closed ? (
      <ClosedInvitation state={closed.state} clinic={closed.clinic} />
    ) : (
      <ErrorState error={preview.error} onRetry={() => preview.refetch()} />
    );
  } else if (acceptClosed) {
    content = <ClosedInvitation state={acceptClosed.state} clinic={acceptClosed.clinic} />;
  } else {
    const p = preview.data;
    content = (
      <Paper
        withBorder
        p="lg"
        radius="md"
        component="form"
        onSubmit={submit}
        aria-labelledby="invite-heading"
      >
        <Stack>
          <div>
            <Title order={2} size="h3" id="invite-heading">
              {t('invite.title')}
            </Title>
            <Text mt={4} data-testid="invite-clinic">
              {t('invite.intro', { clinic: p.clinic.name })}
            </Text>
          </div>
          <TextInput label={t('invite.for')} value={p.invitee.displayName} readOnly variant="filled" />
          <TextInput
            label={t('invite.email')}
            type="email"
            value={p.invitee.email}
            autoComplete="username"
            readOnly
            variant="filled"
          />
          <PasswordInput
            label={t('invite.password')}
            description={t('invite.passwordHint')}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError}
          />
          <PasswordInput
            label={t('invite.repeat')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => {
              setRepeat(e.currentTarget.value);
              setMismatch(false);
            }}
            error={mismatch ? t('invite.mismatch') : undefined}
          />
          {accept.isError && !fieldError && <ErrorState error={accept.error} />}
          <Button type="submit" loading={accept.isPending}>
            {t('invite.submit')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('invite.until', { until: formatInstant(p.expiresAt) })}
          </Text>
        </Stack>
      </Paper>
    );
  }

  return (
    <Container size={460} py={48} component="main">
      <Stack gap="lg">
        <div>
          <Title order={1}>{t('app.name')}</Title>
          <Text c="dimmed">{t('app.tagline')}</Text>
        </div>
        {content}
      </Stack>
    </Container>
  );
}
