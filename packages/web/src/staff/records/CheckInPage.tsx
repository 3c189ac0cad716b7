import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, post } from '../../api/client';
import type { ChangeQuestionnaire, TreatmentSession } from '../../api/records-types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatInstant } from '../../lib/format';
import { usePageTitle } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { useCurrentPlan, usePatient, usePatientAppointments } from '../queries';
import { usePatientSessions } from './queries';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The gate's refusal in plain words: which check failed, and what the screening found. */
function Refusal({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || error.status !== 409) return <ErrorState error={error} />;
  const p = error.problem as ApiError['problem'] & {
    findings?: { severity?: string; message?: string; rule?: string }[];
    verdict?: string;
  };
  return (
    <Alert color="red" variant="light" role="alert" title={p.title ?? t('checkIn.refused')}>
      <Stack gap="xs">
        <Text size="sm" data-testid="check-in-refused">
          {p.detail}
        </Text>
        {p.findings && p.findings.length > 0 && (
          <List size="sm">
            {p.findings.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id and never reorder
              <List.Item key={i}>{f.message ?? f.rule}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}

function CheckInForm({ planId, patientId }: { planId: string; patientId: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const appointments = usePatientAppointments(patientId);
  const open = (appointments.data ?? []).filter((a) => a.status === 'booked' && a.planId === planId);
  const [appointmentId, setAppointmentId] = useState<string | null>(params.get('appointment'));
  const [reconfirm, setReconfirm] = useState(false);
  const [q, setQ] = useState({ pregnant: false, breastfeeding: false, newInfection: false });
  const [medicines, setMedicines] = useState('');
  const [allergies, setAllergies] = useState('');
  const checkIn = useMutation({
    mutationFn: () => {
      const questionnaire: ChangeQuestionnaire | undefined = reconfirm
        ? { ...q, newMedicines: list(medicines), newAllergies: list(allergies) }
        : undefined;
      return post<TreatmentSession>(`/plans/${planId}/check-in`, {
        ...(appointmentId && { appointmentId }),
        ...(questionnaire && { questionnaire }),
      });
    },
    onSuccess: (s) => {
      client.invalidateQueries({ queryKey: ['sessions', patientId] });
      client.invalidateQueries({ queryKey: ['patient-appointments', patientId] });
      client.invalidateQueries({ queryKey: ['appointments'] });
      navigate(`/sessions/${s.id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.problem.type?.endsWith('screening-stale')) setReconfirm(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    checkIn.mutate();
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="check-in-h">
      <Stack gap="sm">
        <Title order={2} size="h3" id="check-in-h">
          {t('checkIn.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('checkIn.intro')}
        </Text>
        <Select
          label={t('checkIn.appointment')}
          placeholder={t('checkIn.noAppointment')}
          clearable
          data={open.map((a) => ({
            value: a.id,
            label: `${a.local.date} ${a.local.time} · ${t('checkIn.sessionN', { n: a.sessionIndex ?? '—' })}`,
          }))}
          value={appointmentId}
          onChange={setAppointmentId}
          maw={420}
        />
        <Checkbox
          label={t('checkIn.reconfirm')}
          description={t('checkIn.reconfirmHint')}
          checked={reconfirm}
          onChange={(e) => setReconfirm(e.currentTarget.checked)}
        />
        {reconfirm && (
          <Card withBorder component="fieldset" padding="sm" style={{ margin: 0 }}>
            <legend>
              <Text size="sm" fw={600}>
                {t('checkIn.changes')}
              </Text>
            </legend>
            <Stack gap="xs">
              <Checkbox
                label={t('checkIn.pregnant')}
                checked={q.pregnant}
                onChange={(e) => setQ({ ...q, pregnant: e.currentTarget.checked })}
              />
              <Checkbox
                label={t('checkIn.breastfeeding')}
                checked={q.breastfeeding}
                onChange={(e) => setQ({ ...q, breastfeeding: e.currentTarget.checked })}
              />
              <Checkbox
                label={t('checkIn.infection')}
                checked={q.newInfection}
                onChange={(e) => setQ({ ...q, newInfection: e.currentTarget.checked })}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('checkIn.medicines')}
                  description={t('checkIn.commaHint')}
                  value={medicines}
                  onChange={(e) => setMedicines(e.currentTarget.value)}
                />
                <TextInput
                  label={t('checkIn.allergies')}
                  description={t('checkIn.commaHint')}
                  value={allergies}
                  onChange={(e) => setAllergies(e.currentTarget.value)}
                />
              </SimpleGrid>
            </Stack>
          </Card>
        )}
        {checkIn.isError && <Refusal error={checkIn.error} />}
        <Group>
          <Button type="submit" loading={checkIn.isPending}>
            {t('checkIn.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function SessionStatus({ s }: { s: TreatmentSession }) {
  if (s.signedAt)
    return (
      <Badge color="teal" variant="light">
        {t('session.signed', { v: s.chartVersion ?? 1 })}
      </Badge>
    );
  if (s.chart)
    return (
      <Badge color="yellow" variant="light">
        {t('session.draft', { v: s.chartVersion ?? 1 })}
      </Badge>
    );
  return (
    <Badge color="blue" variant="light">
      {t('session.checkedIn')}
    </Badge>
  );
}

/** The treatment day of a patient: the check-in gate, then the course's sessions. */
export function CheckInPage() {
  const { patientId = '' } = useParams();
  const session = useSession();
  const patient = usePatient(patientId);
  const plan = useCurrentPlan(patientId);
  const accepted = plan.data?.status === 'accepted' ? plan.data : null;
  const sessions = usePatientSessions(patientId, accepted?.id);
  const name = patient.data ? `${patient.data.givenName} ${patient.data.familyName}` : '';
  usePageTitle(name ? t('checkIn.pageTitle', { name }) : t('checkIn.title'));
  if (patient.isPending || plan.isPending) return <Loading />;
  if (patient.isError) return <ErrorState error={patient.error} onRetry={() => patient.refetch()} />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => plan.refetch()} />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('checkIn.pageTitle', { name })}</Title>
        <Anchor component={Link} to={`/patients/${patientId}`} size="sm">
          {t('session.backToChart')}
        </Anchor>
      </div>
      {!accepted ? (
        <Empty>{t('checkIn.noAcceptedPlan')}</Empty>
      ) : (
        <>
          {may(session.data, 'sessions.check-in') && (
            <CheckInForm planId={accepted.id} patientId={patientId} />
          )}
          <section aria-labelledby="sessions-h">
            <Title order={2} size="h3" id="sessions-h" mb="xs">
              {t('session.listTitle')}
            </Title>
            {sessions.isPending ? (
              <Loading />
            ) : sessions.isError ? (
              <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
            ) : sessions.data.length === 0 ? (
              <Empty>{t('session.none')}</Empty>
            ) : (
              <TableScroll minWidth={480}>
                <Table aria-label={t('session.listTitle')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('session.session')}</Table.Th>
                      <Table.Th scope="col">{t('session.checkedInAt')}</Table.Th>
                      <Table.Th scope="col">{t('session.chart')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {sessions.data.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>
                          <Link to={`/sessions/${s.id}`}>
                            {t('session.nOfM', { n: s.sessionIndex ?? '—', m: s.seriesPlanned })}
                          </Link>
                        </Table.Td>
                        <Table.Td className="num">
                          {s.checkedInAt ? formatInstant(s.checkedInAt) : '—'}
                        </Table.Td>
                        <Table.Td>
                          <SessionStatus s={s} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </section>
        </>
      )}
    </Stack>
  );
}
