import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { get, post } from '../api/client';
import type { Invitation, Patient, PlanRecord, PortalAccess, User } from '../api/types';
import { ConsentPanel } from '../components/ConsentPanel';
import { PlanDetail } from '../components/PlanView';
import { QuoteView } from '../components/QuoteView';
import { ScreeningView, VerdictBadge } from '../components/ScreeningView';
import { Empty, ErrorState, Loading } from '../components/States';
import { ageOn, clinicToday, formatDay, formatInstant } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import {
  useConsents,
  useConsultations,
  useCurrentPlan,
  usePatient,
  usePlanVersions,
  useQuotes,
} from './queries';
import { AdverseEventsTab } from './records/AdverseEventsTab';
import { OutcomesTab } from './records/OutcomesTab';
import { PhotosTab } from './records/PhotosTab';
import { SessionsTab } from './records/SessionsTab';

export function PlanStatus({ plan }: { plan: PlanRecord }) {
  const color = plan.status === 'accepted' ? 'teal' : plan.status === 'withdrawn' ? 'gray' : 'yellow';
  return (
    <Badge color={color} variant="light">
      {t(`planStatus.${plan.status}` as 'planStatus.proposed')} · v{plan.currentVersion}
    </Badge>
  );
}

export function AcceptPlan({ plan, needsOverride }: { plan: PlanRecord; needsOverride: boolean }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const accept = useMutation({
    mutationFn: () =>
      post<PlanRecord>(`/plans/${plan.id}/accept`, {
        version: plan.currentVersion,
        ...(needsOverride && { overrideReason: reason }),
      }),
    onSuccess: (p) => {
      client.setQueryData(['plan', p.id], p);
      client.invalidateQueries({ queryKey: ['current-plan', p.patientId] });
      client.invalidateQueries({ queryKey: ['plans', p.patientId] });
    },
  });
  if (plan.status === 'accepted' && plan.acceptedVersion === plan.currentVersion) {
    return (
      <Text size="sm" c="teal.9" data-testid="plan-accepted">
        {t('plan.acceptedAt', { v: plan.acceptedVersion, at: formatInstant(plan.acceptedAt ?? 0) })}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {needsOverride && (
        <Textarea
          label={t('plan.overrideReason')}
          description={t('plan.overrideReasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          minRows={2}
          autosize
        />
      )}
      <Group>
        <Button
          onClick={() => accept.mutate()}
          loading={accept.isPending}
          disabled={needsOverride && reason.trim().length < 10}
        >
          {t('plan.accept', { v: plan.currentVersion })}
        </Button>
      </Group>
      {accept.isError && <ErrorState error={accept.error} />}
    </Stack>
  );
}

/** The portal invitation's state in words: sent when and to whom, until when, accepted when. */
function InvitationStatus({ invitation }: { invitation: Invitation }) {
  const color = { open: 'blue', accepted: 'teal', expired: 'gray', replaced: 'gray' }[invitation.state];
  return (
    <Group gap="xs" wrap="wrap" data-testid="portal-invitation">
      <Badge color={color} variant="light">
        {t(`invite.state.${invitation.state}`)}
      </Badge>
      <Text size="sm">
        {t('invite.sentAt', { at: formatInstant(invitation.sentAt), email: invitation.email })}
      </Text>
      {invitation.state === 'open' && (
        <Text size="sm" c="dimmed">
          {t('invite.expiresAt', { at: formatInstant(invitation.expiresAt) })}
        </Text>
      )}
      {invitation.state === 'expired' && (
        <Text size="sm" c="dimmed">
          {t('invite.expiredAt', { at: formatInstant(invitation.expiresAt) })}
        </Text>
      )}
      {invitation.acceptedAt !== null && (
        <Text size="sm" c="dimmed">
          {t('invite.acceptedAt', { at: formatInstant(invitation.acceptedAt) })}
        </Text>
      )}
    </Group>
  );
}

/**
 * Portal access on the profile: an invitation link by mail (the patient chooses the password),
 * its status, and a new link when it expired. Only a patient without an e-mail keeps the old way,
 * a first password typed by a manager.
 */
function PortalInvite({ patient, canSetPassword }: { patient: Patient; canSetPassword: boolean }) {
  const client = useQueryClient();
  const key = ['portal-access', patient.id];
  const access = useQuery({
    queryKey: key,
    queryFn: () => get<PortalAccess>(`/patients/${patient.id}/invitations`),
  });
  const send = useMutation({
    mutationFn: () => post<Invitation>(`/patients/${patient.id}/invitations`),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  let body: ReactNode;
  if (access.isPending) body = <Loading />;
  else if (access.isError) body = <ErrorState error={access.error} onRetry={() => access.refetch()} />;
  else {
    const { account, invitation, patientEmail } = access.data;
    if (account?.status === 'active' || account?.status === 'inactive') {
      body = (
        <Stack gap="xs">
          <Text size="sm" data-testid={`portal-${account.status}`}>
            {t(`invite.portal.${account.status}`, { email: account.email })}
          </Text>
          {invitation && <InvitationStatus invitation={invitation} />}
        </Stack>
      );
    } else if (!patientEmail) {
      body =
        !account && canSetPassword ? (
          <PortalPassword patient={patient} />
        ) : (
          <Text size="sm">{t('invite.portal.noEmailNoFallback')}</Text>
        );
    } else {
      body = (
        <Stack gap="sm" align="flex-start">
          <Text size="sm" c="dimmed">
            {t('invite.portal.hint')}
          </Text>
          {invitation && <InvitationStatus invitation={invitation} />}
          <Text size="sm">
            {t(invitation ? 'invite.portal.resendsTo' : 'invite.portal.sendsTo', { email: patientEmail })}
          </Text>
          {send.isError && <ErrorState error={send.error} />}
          <Button variant="light" onClick={() => send.mutate()} loading={send.isPending}>
            {invitation ? t('invite.portal.resend') : t('invite.portal.send')}
          </Button>
        </Stack>
      );
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="portal-access-heading">
      <Title order={3} size="h4" mb="xs" id="portal-access-heading">
        {t('invite.portal.title')}
      </Title>
      {body}
    </Card>
  );
}

/** No e-mail on file: a manager gives the first password (the patient's sign-in e-mail is typed here). */
function PortalPassword({ patient }: { patient: Patient }) {
  const [email, setEmail] = useState(patient.email ?? '');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () =>
      post<User>('/users', {
        email,
        password,
        role: 'patient',
        patientId: patient.id,
        displayName: `${patient.givenName} ${patient.familyName}`,
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (create.isSuccess)
    return (
      <Alert color="teal" data-testid="portal-created">
        {t('portal.inviteDone', { email: create.data.email })}
      </Alert>
    );
  return (
    <form onSubmit={submit}>
      <Text size="sm" c="dimmed" mb="sm">
        {t('invite.portal.noEmail')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('patient.email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          autoComplete="off"
        />
        <PasswordInput
          label={t('portal.initialPassword')}
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
        />
      </SimpleGrid>
      {create.isError && <ErrorState error={create.error} />}
      <Button type="submit" mt="sm" variant="light" loading={create.isPending}>
        {t('portal.invite')}
      </Button>
    </form>
  );
}

function PlanTab({ patient }: { patient: Patient }) {
  const session = useSession();
  const current = useCurrentPlan(patient.id);
  const versions = usePlanVersions(current.data?.id);
  const consultations = useConsultations(patient.id, may(session.data, 'consultations.read'));
  if (current.isPending) return <Loading />;
  if (current.isError) return <ErrorState error={current.error} onRetry={() => current.refetch()} />;
  const plan = current.data;
  if (!plan)
    return (
      <Empty
        action={
          may(session.data, 'consultations.write') && (
            <Button component={Link} to={`/patients/${patient.id}/consultation`}>
              {t('chart.startConsultation')}
            </Button>
          )
        }
      >
        {t('chart.noPlan')}
      </Empty>
    );
  const consultation = consultations.data?.find((c) => c.id === plan.consultationId);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2} size="h3">
              {t('chart.currentPlan')}
            </Title>
            <PlanStatus plan={plan} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('chart.planCreated', { at: formatInstant(plan.createdAt), reason: plan.current.reason })}
          </Text>
        </div>
        {may(session.data, 'plans.accept') && (
          <AcceptPlan plan={plan} needsOverride={(consultation?.blockedBy.length ?? 0) > 0} />
        )}
      </Group>
      {may(session.data, 'plan-printouts.read') && (
        <Group>
          <Button
            component="a"
            href={`/api/v1/patients/${patient.id}/plan.pdf`}
            target="_blank"
            rel="noopener"
            title={t('print.newTab')}
            variant="default"
            size="xs"
          >
            {t('print.plan')}
          </Button>
        </Group>
      )}
      {plan.acceptOverride && (
        <Alert color="orange" title={t('plan.override')}>
          {t('plan.overrideBy', {
            by: plan.acceptOverride.by,
            reason: plan.acceptOverride.reason,
            what: plan.acceptOverride.blockedBy.join(', '),
          })}
        </Alert>
      )}
      <PlanDetail plan={plan.current.plan} />
      {versions.data && versions.data.length > 1 && (
        <div>
          <Title order={3} mb="xs">
            {t('chart.versions')}
          </Title>
          <List size="sm">
            {versions.data.map((v) => (
              <List.Item key={v.version}>
                v{v.version} · {formatInstant(v.createdAt)} · {v.protocolId} — {v.reason}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}

function ScreeningTab({ patientId }: { patientId: string }) {
  const consultations = useConsultations(patientId);
  if (consultations.isPending) return <Loading />;
  if (consultations.isError)
    return <ErrorState error={consultations.error} onRetry={() => consultations.refetch()} />;
  if (consultations.data.length === 0) return <Empty>{t('chart.noConsultations')}</Empty>;
  return (
    <Stack gap="lg">
      {consultations.data.map((c) => (
        <Card key={c.id} withBorder>
          <Group gap="xs" mb="sm">
            <Title order={2} size="h4">
              {formatInstant(c.createdAt)}
            </Title>
            <VerdictBadge verdict={c.screening.verdict} />
            <Text size="sm" c="dimmed">
              {c.profile.indication} · {c.profile.modality} · {c.profile.jurisdiction}
            </Text>
          </Group>
          <ScreeningView
            screening={c.screening}
            regulatory={c.regulatory}
            blockedBy={c.blockedBy}
            headingLevel={3}
          />
        </Card>
      ))}
    </Stack>
  );
}

function QuotesConsentsTab({ patient }: { patient: Patient }) {
  const session = useSession();
  const current = useCurrentPlan(patient.id);
  const quotes = useQuotes(current.data?.id);
  const consents = useConsents(current.data?.id);
  if (current.isPending) return <Loading />;
  if (current.isError) return <ErrorState error={current.error} />;
  if (!current.data) return <Empty>{t('chart.noPlan')}</Empty>;
  const latestQuote = quotes.data?.[0];
  return (
    <Stack gap="xl">
      <section aria-labelledby="quotes-h">
        <Group justify="space-between">
          <Title order={2} size="h3" id="quotes-h">
            {t('quote.title')}
          </Title>
          {may(session.data, 'quotes.write') && (
            <Button
              variant="light"
              component={Link}
              to={`/patients/${patient.id}/consultation?plan=${current.data.id}&step=quote`}
            >
              {t('chart.newQuote')}
            </Button>
          )}
        </Group>
        {quotes.isPending ? (
          <Loading />
        ) : quotes.isError ? (
          <ErrorState error={quotes.error} />
        ) : !latestQuote ? (
          <Empty>{t('chart.noQuotes')}</Empty>
        ) : (
          <Stack gap="xs" mt="sm">
            <Text size="sm" c="dimmed">
              {t('chart.quoteIssued', {
                at: formatInstant(latestQuote.createdAt),
                v: latestQuote.planVersion,
                tier: latestQuote.tier,
              })}
            </Text>
            <QuoteView quote={latestQuote.quote} />
          </Stack>
        )}
      </section>
      <section aria-labelledby="consents-h">
        <Group justify="space-between">
          <Title order={2} size="h3" id="consents-h">
            {t('consent.titlePlural')}
          </Title>
          {may(session.data, 'consents.write') &&
            !consents.data?.some((c) => c.planVersion === current.data?.currentVersion) && (
              <Button
                variant="light"
                component={Link}
                to={`/patients/${patient.id}/consultation?plan=${current.data.id}&step=consent`}
              >
                {t('chart.newConsent')}
              </Button>
            )}
        </Group>
        {consents.isPending ? (
          <Loading />
        ) : consents.isError ? (
          <ErrorState error={consents.error} />
        ) : consents.data.length === 0 ? (
          <Empty>{t('chart.noConsents')}</Empty>
        ) : (
          <Stack gap="lg" mt="sm">
            {consents.data.map((c) => (
              <Card withBorder key={c.id}>
                <ConsentPanel
                  consent={c}
                  patientName={`${patient.givenName} ${patient.familyName}`}
                  canSign={may(session.data, 'consents.sign')}
                  canWitness={may(session.data, 'consents.witness')}
                />
              </Card>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

function ProfileTab({ patient }: { patient: Patient }) {
  const session = useSession();
  return (
    <Stack gap="lg">
      <Table variant="vertical" withTableBorder maw={640}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={180}>{t('patient.name')}</Table.Th>
            <Table.Td>
              {patient.givenName} {patient.familyName}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('patient.dob')}</Table.Th>
            <Table.Td>{formatDay(patient.dateOfBirth)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('patient.sex')}</Table.Th>
            <Table.Td>{t(`sex.${patient.sex}` as 'sex.female')}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('patient.phone')}</Table.Th>
            <Table.Td>{patient.phone ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('patient.email')}</Table.Th>
            <Table.Td>{patient.email ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('patient.address')}</Table.Th>
            <Table.Td>{patient.address ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('patient.registered')}</Table.Th>
            <Table.Td>{formatInstant(patient.createdAt)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {may(session.data, 'invitations.patient') && (
        <PortalInvite patient={patient} canSetPassword={may(session.data, 'users.write')} />
      )}
    </Stack>
  );
}

export function PatientChartPage() {
  const { patientId = '' } = useParams();
  const session = useSession();
  const patient = usePatient(patientId);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'plan';
  usePageTitle(patient.data ? `${patient.data.givenName} ${patient.data.familyName}` : t('chart.title'));
  if (patient.isPending) return <Loading />;
  if (patient.isError) return <ErrorState error={patient.error} onRetry={() => patient.refetch()} />;
  const p = patient.data;
  const canConsult = may(session.data, 'consultations.read');
  const canSeeAdverseEvents = may(session.data, 'adverse-events.read');
  // Photos hang on sessions: reading them needs both (server permission matrix).
  const canSeePhotos = may(session.data, 'photos.read') && may(session.data, 'sessions.read');
  const canSeeOutcomes = may(session.data, 'outcomes.read');
  const canSeeSessions = may(session.data, 'sessions.read') || may(session.data, 'appointments.read');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} data-testid="patient-name">
            {p.givenName} {p.familyName}
          </Title>
          <Text c="dimmed" size="sm">
            {t(`sex.${p.sex}` as 'sex.female')} · {formatDay(p.dateOfBirth, 'short')} (
            {t('patient.age', { n: ageOn(p.dateOfBirth, clinicToday()) })}){p.phone && ` · ${p.phone}`}
            {p.email && ` · ${p.email}`}
          </Text>
        </div>
        <Group gap="xs">
          {may(session.data, 'sessions.read') && (
            <Button variant="light" component={Link} to={`/patients/${p.id}/check-in`}>
              {t('session.treatmentDay')}
            </Button>
          )}
          {may(session.data, 'consultations.write') && (
            <Button component={Link} to={`/patients/${p.id}/consultation`}>
              {t('chart.startConsultation')}
            </Button>
          )}
        </Group>
      </Group>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'plan' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="plan">{t('chart.tab.plan')}</Tabs.Tab>
          {canConsult && <Tabs.Tab value="screening">{t('chart.tab.screening')}</Tabs.Tab>}
          <Tabs.Tab value="quotes">{t('chart.tab.quotes')}</Tabs.Tab>
          {canSeeSessions && <Tabs.Tab value="sessions">{t('sessionsTab.tab')}</Tabs.Tab>}
          {canSeePhotos && <Tabs.Tab value="photos">{t('photos.tab')}</Tabs.Tab>}
          {canSeeOutcomes && <Tabs.Tab value="outcomes">{t('outcomes.tab')}</Tabs.Tab>}
          {canSeeAdverseEvents && <Tabs.Tab value="adverse-events">{t('ae.title')}</Tabs.Tab>}
          <Tabs.Tab value="profile">{t('chart.tab.profile')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="plan" pt="md">
          <PlanTab patient={p} />
        </Tabs.Panel>
        {canConsult && (
          <Tabs.Panel value="screening" pt="md">
            <ScreeningTab patientId={p.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="quotes" pt="md">
          <QuotesConsentsTab patient={p} />
        </Tabs.Panel>
        {canSeeSessions && (
          <Tabs.Panel value="sessions" pt="md">
            <SessionsTab patientId={p.id} />
          </Tabs.Panel>
        )}
        {canSeePhotos && (
          <Tabs.Panel value="photos" pt="md">
            <PhotosTab patientId={p.id} />
          </Tabs.Panel>
        )}
        {canSeeOutcomes && (
          <Tabs.Panel value="outcomes" pt="md">
            <OutcomesTab key={p.id} patientId={p.id} />
          </Tabs.Panel>
        )}
        {canSeeAdverseEvents && (
          <Tabs.Panel value="adverse-events" pt="md">
            <AdverseEventsTab patientId={p.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="profile" pt="md">
          <ProfileTab patient={p} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
