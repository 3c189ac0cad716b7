import { AFTERCARE, findModality, type ModalityId } from '@exoclinic/core';
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Chip,
  Group,
  List,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, get, post } from '../api/client';
import { SourceRef } from '../components/SourceRef';
import { describeError, Empty, ErrorState, Loading } from '../components/States';
import { clinicLocale, formatDay } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { type MessageKey, noticeText, t } from '../lib/i18n';
import { useSession } from '../lib/session';

// The patient's booked sessions: when and where on the clinic's clock, what the visit holds and
// how to plan around it, a calendar file for each, and moving one within the days the server
// allows (it decides the window, the notice period and the free times; this page only shows them).

interface Visit {
  id: string;
  kind: 'initial' | 'maintenance' | 'follow-up';
  sessionIndex: number | null;
  sessionsInCourse: number | null;
  modality: string;
  status: string;
  start: number;
  end: number;
  local: { date: string; time: string; timeZone: string };
  site: { id: string; name: string; address: string | null };
  practitioner: { name: string } | null;
  changeableUntil: number | null;
}

interface Clinic {
  name: string;
  phone: string | null;
}

interface Visits {
  clinic: Clinic & { email: string | null };
  noticeHours: number;
  items: Visit[];
}

type Refusal = 'not-booked' | 'notice-period' | 'no-window';

interface Options {
  session: Visit;
  refusal: { code: Refusal; detail: string } | null;
  window: { earliest: string; latest: string } | null;
  noticeHours: number;
  clinic: Clinic;
  times: { start: number; end: number; local: { date: string; time: string } }[];
}

const VISITS_KEY = 'portal-visits';

const KIND_LABEL = {
  initial: 'portal.appt.initial',
  maintenance: 'portal.appt.maintenance',
  'follow-up': 'portal.appt.follow-up',
} as const satisfies Record<Visit['kind'], MessageKey>;

const STATUS_LABEL: Record<string, MessageKey> = {
  booked: 'portalSessions.status.booked',
  'checked-in': 'portalSessions.status.checked-in',
  completed: 'portalSessions.status.completed',
  cancelled: 'portalSessions.status.cancelled',
  'no-show': 'portalSessions.status.no-show',
};

const CANNOT: Record<Refusal, MessageKey> = {
  'not-booked': 'portalSessions.cannot.not-booked',
  'notice-period': 'portalSessions.cannot.notice-period',
  'no-window': 'portalSessions.cannot.no-window',
};

/** Why a session inside the clinic's notice period cannot be moved online. */
const noticePeriodText = (noticeHours: number) =>
  noticeText(noticeHours, 'portalSessions.cannot.started', 'portalSessions.cannot.notice-period');

function titleOf(v: Visit): string {
  if (v.kind === 'initial' && v.sessionIndex && v.sessionsInCourse)
    return t('plan.sessionN', { n: v.sessionIndex, of: v.sessionsInCourse });
  return t(KIND_LABEL[v.kind]);
}

/** The session's day and hours on its site's wall clock, in the clinic's language. */
function formatWhen(start: number, end: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat(clinicLocale().locale, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  return f.formatRange(start, end);
}

function formatStart(start: number, timeZone: string): string {
  return new Intl.DateTimeFormat(clinicLocale().locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(start);
}

function formatClock(start: number, timeZone: string): string {
  return new Intl.DateTimeFormat(clinicLocale().locale, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
  }).format(start);
}

function CallClinic({ clinic }: { clinic: Clinic }) {
  if (!clinic.phone)
    return <Text size="sm">{t('portalSessions.callClinicNoPhone', { clinic: clinic.name })}</Text>;
  return (
    <Text size="sm">
      {t('portalSessions.callClinic', { clinic: clinic.name })}{' '}
      <Anchor href={`tel:${clinic.phone.replace(/[^+\d]/g, '')}`} fw={600} c="inherit" underline="always">
        {clinic.phone}
      </Anchor>
    </Text>
  );
}

/** What happens at the visit (the modality's steps and length) and what to plan for afterwards. */
function WhatToExpect({ visit }: { visit: Visit }) {
  const modality = findModality(visit.modality as ModalityId);
  if (visit.kind === 'follow-up' || !modality)
    return <Text size="sm">{t('portalSessions.expect.review')}</Text>;
  const after = (AFTERCARE[modality.id] ?? []).filter(
    (s) => s.phase === 'immediately' || s.phase === 'first-72-hours',
  );
  return (
    <Stack gap="sm">
      <div>
        <Text fw={600} size="sm">
          {t('portalSessions.expect.steps')}
        </Text>
        <List size="sm" spacing={4} mt={4}>
          {modality.segments.map((s) => (
            <List.Item key={s.label}>
              {s.label}: {t('portalSessions.expect.minutes', { min: s.minutes.min, max: s.minutes.max })}{' '}
              <SourceRef sources={s.sources} label={s.label} />
            </List.Item>
          ))}
        </List>
        <Text size="sm" mt={4}>
          {t('portalSessions.expect.total', {
            min: modality.sessionMinutes.min,
            max: modality.sessionMinutes.max,
          })}{' '}
          <SourceRef sources={modality.sessionMinutes.sources} />
        </Text>
      </div>
      {after.length > 0 && (
        <div>
          <Text fw={600} size="sm">
            {t('portalSessions.expect.after')}
          </Text>
          <Text size="sm">{t('portalSessions.expect.afterIntro')}</Text>
          <List size="sm" spacing={4} mt={4}>
            {after.map((s) => (
              <List.Item key={s.id}>
                {s.text} <SourceRef sources={s.sources} />
              </List.Item>
            ))}
          </List>
          <Anchor component={Link} to="/my/aftercare" size="sm">
            {t('portalSessions.expect.aftercareLink')}
          </Anchor>
        </div>
      )}
    </Stack>
  );
}

/** Why a move was refused, in the patient's words, with the clinic's number when they must call. */
function MoveRefused({
  error,
  clinic,
  noticeHours,
}: {
  error: unknown;
  clinic: Clinic;
  noticeHours: number;
}) {
  let text: string;
  let call = true;
  const problem =
    error instanceof ApiError ? (error.problem as ApiError['problem'] & Record<string, unknown>) : null;
  const type = String(problem?.type ?? '').replace(/^.*\//, '');
  const window = problem?.window as { earliest: string; latest: string } | undefined;
  if (type === 'outside-window' && window)
    text = t('portalSessions.refused.outside-window', {
      from: formatDay(window.earliest),
      to: formatDay(window.latest),
    });
  else if (type === 'slot-unavailable' || type === 'resource-conflict') {
    text = t('portalSessions.refused.taken');
    call = false;
  } else if (type === 'notice-period' && problem?.status === 422)
    text = noticeText(noticeHours, 'portalSessions.refused.notice.started', 'portalSessions.refused.notice');
  else if (type === 'notice-period') text = noticePeriodText(noticeHours);
  else if (type === 'not-changeable-online') text = t('portalSessions.cannot.no-window');
  else {
    const d = describeError(error);
    text = d.detail || d.title;
    call = problem?.callClinic === true;
  }
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('portalSessions.refused.title')}
      role="alert"
      data-testid="move-refused"
    >
      <Stack gap={4}>
        <Text size="sm">{text}</Text>
        {call && <CallClinic clinic={clinic} />}
      </Stack>
    </Alert>
  );
}

/** The window the session may move within and its free times; confirm, or the reason it cannot move. */
function ChangeTime({ visit, onMoved }: { visit: Visit; onMoved: (v: Visit) => void }) {
  const queryClient = useQueryClient();
  const ids = useId();
  const options = useQuery({
    queryKey: ['portal-visit-options', visit.id],
    queryFn: () => get<Options>(`/appointments/${visit.id}/patient-options`),
    staleTime: 0,
  });
  const [day, setDay] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (at: number) =>
      post<{ session: Visit }>(`/appointments/${visit.id}/patient-reschedule`, { start: at }),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: [VISITS_KEY] });
      await queryClient.invalidateQueries({ queryKey: ['patient-appointments'] });
      onMoved(r.session);
    },
    onError: () => {
      // The window, the free times or another session changed meanwhile: show them as they are now.
      setStart(null);
      void options.refetch();
      void queryClient.invalidateQueries({ queryKey: [VISITS_KEY] });
    },
  });
  if (options.isPending) return <Loading />;
  if (options.isError) return <ErrorState error={options.error} onRetry={() => options.refetch()} />;
  const o = options.data;
  const zone = o.session.local.timeZone;
  if (o.refusal)
    return (
      <Alert
        color="orange"
        variant="light"
        title={t('portalSessions.cannot.title')}
        data-testid="change-refusal"
      >
        <Stack gap={4}>
          <Text size="sm">
            {o.refusal.code === 'notice-period' ? noticePeriodText(o.noticeHours) : t(CANNOT[o.refusal.code])}
          </Text>
          <CallClinic clinic={o.clinic} />
        </Stack>
      </Alert>
    );
  const days = [...new Set(o.times.map((x) => x.local.date))];
  const chosenDay = day && days.includes(day) ? day : null;
  const times = chosenDay ? o.times.filter((x) => x.local.date === chosenDay) : [];
  const chosen = o.times.find((x) => String(x.start) === start);
  return (
    <Stack gap="sm" data-testid="change-time">
      {o.window && (
        <Text size="sm">
          {t('portalSessions.window', { from: formatDay(o.window.earliest), to: formatDay(o.window.latest) })}
        </Text>
      )}
      {move.isError && <MoveRefused error={move.error} clinic={o.clinic} noticeHours={o.noticeHours} />}
      {days.length === 0 ? (
        <Stack gap={4}>
          <Text size="sm">{t('portalSessions.noTimes')}</Text>
          <CallClinic clinic={o.clinic} />
        </Stack>
      ) : (
        <>
          <Select
            label={t('portalSessions.day')}
            placeholder={t('portalSessions.pickDay')}
            data={days.map((d) => ({ value: d, label: formatDay(d) }))}
            value={chosenDay}
            onChange={(d) => {
              setDay(d);
              setStart(null);
            }}
            allowDeselect={false}
            maw={360}
            comboboxProps={{ withinPortal: true }}
          />
          {chosenDay && (
            <div role="radiogroup" aria-labelledby={`${ids}-time`}>
              <Text size="sm" fw={500} id={`${ids}-time`} mb={6}>
                {t('portalSessions.time')}
              </Text>
              <Chip.Group value={start} onChange={(v) => setStart(v as string)}>
                <Group gap={8}>
                  {times.map((x) => (
                    <Chip key={x.start} value={String(x.start)} type="radio" variant="outline" size="sm">
                      {formatClock(x.start, zone)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </div>
          )}
          <Group>
            <Button
              disabled={!chosen}
              loading={move.isPending}
              onClick={() => chosen && move.mutate(chosen.start)}
            >
              {chosen
                ? t('portalSessions.confirm', { when: formatStart(chosen.start, zone) })
                : t('portalSessions.chooseTime')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

function SessionCard({ visit, clinic, noticeHours }: { visit: Visit; clinic: Clinic; noticeHours: number }) {
  const headingId = useId();
  const [changing, setChanging] = useState(false);
  const [moved, setMoved] = useState<Visit | null>(null);
  const modality = findModality(visit.modality as ModalityId);
  const zone = visit.local.timeZone;
  const changeable =
    visit.status === 'booked' && visit.changeableUntil !== null && Date.now() < visit.changeableUntil;
  return (
    <Card withBorder component="article" aria-labelledby={headingId} data-testid="session-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={3} size="h4" id={headingId}>
              {titleOf(visit)}
            </Title>
            {modality && visit.kind !== 'follow-up' && (
              <Text size="sm" c="dimmed">
                {modality.name}
              </Text>
            )}
          </div>
          {visit.status === 'checked-in' && (
            <Badge color="teal" variant="light">
              {t('portalSessions.checkedIn')}
            </Badge>
          )}
        </Group>
        <Text fw={600} data-testid="session-when">
          {formatWhen(visit.start, visit.end, zone)}
        </Text>
        <Text size="sm">
          {t('portalSessions.at', { site: visit.site.name })}
          {visit.site.address ? `, ${visit.site.address}` : ''}
          {visit.practitioner ? ` · ${t('portalSessions.with', { name: visit.practitioner.name })}` : ''}
        </Text>
        {moved && (
          <Alert color="teal" variant="light" role="status" data-testid="session-moved">
            {t('portalSessions.moved', { when: formatWhen(moved.start, moved.end, moved.local.timeZone) })}
          </Alert>
        )}
        <Group gap="xs">
          <Button
            component="a"
            href={`/api/v1/appointments/${visit.id}/calendar.ics`}
            download
            variant="light"
            size="sm"
            title={t('portalSessions.addToCalendarHint')}
          >
            {t('portalSessions.addToCalendar')}
          </Button>
          {changeable && (
            <Button
              variant="default"
              size="sm"
              aria-expanded={changing}
              onClick={() => {
                setChanging((c) => !c);
                setMoved(null);
              }}
            >
              {changing ? t('portalSessions.changeClose') : t('portalSessions.change')}
            </Button>
          )}
        </Group>
        {changeable && !changing && visit.changeableUntil !== null && (
          <Text size="xs" c="dimmed">
            {t('portalSessions.changeUntil', { when: formatStart(visit.changeableUntil, zone) })}
          </Text>
        )}
        {!changeable && visit.status === 'booked' && (
          <Stack gap={2}>
            <Text size="sm">
              {noticeText(noticeHours, 'portalSessions.tooLate.started', 'portalSessions.tooLate')}
            </Text>
            <CallClinic clinic={clinic} />
          </Stack>
        )}
        {changing && (
          <Card withBorder bg="gray.0" p="sm">
            <ChangeTime
              visit={visit}
              onMoved={(v) => {
                setChanging(false);
                setMoved(v);
              }}
            />
          </Card>
        )}
        <Accordion variant="default" chevronPosition="right">
          <Accordion.Item value="expect">
            <Accordion.Control px={0}>{t('portalSessions.expect.title')}</Accordion.Control>
            <Accordion.Panel>
              <WhatToExpect visit={visit} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
    </Card>
  );
}

export function SessionsPage() {
  usePageTitle(t('portalSessions.title'));
  const session = useSession();
  const patientId = session.data?.user.patientId ?? null;
  const [now] = useState(() => Date.now());
  const visits = useQuery({
    queryKey: [VISITS_KEY, patientId],
    enabled: !!patientId,
    queryFn: () => get<Visits>(`/patients/${patientId}/visits`),
  });
  if (visits.isPending) return <Loading />;
  if (visits.isError) return <ErrorState error={visits.error} onRetry={() => visits.refetch()} />;
  const { clinic, noticeHours, items } = visits.data;
  const live = (v: Visit) => (v.status === 'booked' || v.status === 'checked-in') && v.end >= now;
  const upcoming = items.filter(live);
  const past = items.filter((v) => !live(v)).reverse();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('portalSessions.title')}</Title>
        <Text c="dimmed">{t('portalSessions.intro')}</Text>
      </div>
      <section aria-labelledby="sessions-upcoming">
        <Title order={2} size="h3" id="sessions-upcoming" mb="sm">
          {t('portalSessions.upcoming')}
        </Title>
        {upcoming.length === 0 ? (
          <Empty>{t('portalSessions.none')}</Empty>
        ) : (
          <Stack gap="md">
            {upcoming.map((v) => (
              <SessionCard key={v.id} visit={v} clinic={clinic} noticeHours={noticeHours} />
            ))}
          </Stack>
        )}
      </section>
      <section aria-label={t('portalSessions.past', { n: past.length })}>
        {past.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('portalSessions.noPast')}
          </Text>
        ) : (
          <Accordion variant="separated">
            <Accordion.Item value="past">
              <Accordion.Control>{t('portalSessions.past', { n: past.length })}</Accordion.Control>
              <Accordion.Panel>
                <List spacing="xs" data-testid="past-sessions">
                  {past.map((v) => (
                    <List.Item key={v.id}>
                      <Text span fw={600}>
                        {formatStart(v.start, v.local.timeZone)}
                      </Text>{' '}
                      — {titleOf(v)} ·{' '}
                      {STATUS_LABEL[v.status] ? t(STATUS_LABEL[v.status] as MessageKey) : v.status}
                    </List.Item>
                  ))}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </section>
    </Stack>
  );
}
