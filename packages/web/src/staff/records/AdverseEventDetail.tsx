import { CTCAE_GRADES } from '@exoclinic/core';
import {
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
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { get, post } from '../../api/client';
import type { AdverseEventRecord, FollowUpTask } from '../../api/records-types';
import type { Page, User } from '../../api/types';
import { SourceRef } from '../../components/SourceRef';
import { ErrorState, Loading } from '../../components/States';
import { clinicLocale, formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import {
  AE_OUTCOMES,
  AE_RELATIONS,
  durationText,
  outcomeLabel,
  relationLabel,
  SERIOUS_CRITERIA,
  seriousLabel,
} from './ae-format';
import {
  type AdverseEventState,
  type AdverseEventWithHistory,
  type LotInfo,
  useAdverseEvent,
  useAllPatientSessions,
  useLotIndex,
} from './ae-queries';
import { fromClinicDay, fromClinicInput } from './clinic-time';
import { FormProblem, useFieldErrors } from './FormProblem';

/** Grade, seriousness, an overlong course and a pending review, as badges. */
export function AeBadges({ e }: { e: AdverseEventRecord }) {
  const high = e.serious || e.grade >= 3;
  return (
    <Group gap={4} wrap="wrap">
      <Badge color={high ? 'red' : 'yellow'} variant={high ? 'filled' : 'light'}>
        {t('safety.grade', { g: e.grade })}
      </Badge>
      {e.serious && (
        <Badge color="red" variant="outline">
          {t('safety.serious')}
        </Badge>
      )}
      {e.outlastsExpected && (
        <Badge color="orange" variant="light">
          {t('safety.outlasts')}
        </Badge>
      )}
    </Group>
  );
}

/** The staff who may be named on a task: only managers can list users; others see ids. */
function useStaffNames(enabled: boolean) {
  return useQuery({
    queryKey: ['users'],
    enabled,
    queryFn: () => get<Page<User>>('/users').then((p) => p.items),
  });
}

function lotText(id: string, lots: Map<string, LotInfo>) {
  const l = lots.get(id);
  return l ? `${l.lotNumber} · ${l.productName}` : id;
}

function Facts({ e, lots }: { e: AdverseEventRecord; lots: Map<string, LotInfo> }) {
  const sessions = useAllPatientSessions(e.patientId, e.sessionIds.length > 0);
  const { expected, actual } = durationText(e);
  const grade = CTCAE_GRADES.find((g) => g.grade === e.grade);
  const a = e.assessment;
  return (
    <Table variant="vertical" withTableBorder layout="fixed">
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={{ base: 120, sm: 200 }}>{t('ae.col.onset')}</Table.Th>
          <Table.Td>
            {formatInstant(e.onsetAt)} ·{' '}
            {t('ae.reportedBy', {
              source: t(e.source === 'patient' ? 'safety.byPatient' : 'safety.byStaff'),
            })}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.grade')}</Table.Th>
          <Table.Td>
            {grade ? `${t('ae.gradeName', { g: grade.grade, name: grade.name })}: ${grade.meaning}` : e.grade}{' '}
            <SourceRef sources={['CTCAE']} label={t('ae.col.grade')} />
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.serious')}</Table.Th>
          <Table.Td>
            {e.serious
              ? e.seriousCriteria.length
                ? e.seriousCriteria.map(seriousLabel).join(', ')
                : t('ae.yes')
              : t('ae.no')}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.status')}</Table.Th>
          <Table.Td>
            {outcomeLabel(e.outcome)}
            {e.resolvedAt !== null && ` · ${t('ae.resolvedAt', { at: formatInstant(e.resolvedAt) })}`} ·{' '}
            {relationLabel(e.relation)}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.duration')}</Table.Th>
          <Table.Td>
            {expected} · {actual}
            {e.outlastsExpected && (
              <Text span inherit c="orange" fw={600}>
                {' '}
                · {t('safety.outlasts')}
              </Text>
            )}{' '}
            {a?.expectedHours && <SourceRef sources={a.expectedHours.sources} label={t('ae.col.duration')} />}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.sessions')}</Table.Th>
          <Table.Td>
            {e.sessionIds.length === 0
              ? t('ae.noneLinked')
              : e.sessionIds.map((id, i) => {
                  const s = sessions.data?.find((x) => x.id === id);
                  return (
                    <span key={id}>
                      {i > 0 && ', '}
                      <Anchor component={Link} to={`/sessions/${id}`} inherit>
                        {s?.checkedInAt
                          ? t('ae.sessionOn', { at: formatInstant(s.checkedInAt, false) })
                          : t('ae.session')}
                      </Anchor>
                    </span>
                  );
                })}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.lots')}</Table.Th>
          <Table.Td>
            {e.lotIds.length === 0 ? t('ae.noneLinked') : e.lotIds.map((id) => lotText(id, lots)).join(', ')}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.description')}</Table.Th>
          <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{e.description}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.actions')}</Table.Th>
          <Table.Td>{e.actions.length ? e.actions.join('; ') : '—'}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('ae.col.version')}</Table.Th>
          <Table.Td>
            {t('ae.versionAt', { v: e.version, at: formatInstant(e.updatedAt) })}
            {e.alerted && ` · ${t('ae.alerted')}`}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

const UPDATE_FIELDS = [
  'note',
  'grade',
  'serious',
  'seriousCriteria',
  'relation',
  'outcome',
  'resolvedAt',
  'actions',
];

/** Follow the event up: a note, and whatever changed (grade, seriousness, relation, outcome…). */
function UpdateForm({ e }: { e: AdverseEventRecord }) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [grade, setGrade] = useState(String(e.grade));
  const [serious, setSerious] = useState(e.serious);
  const [criteria, setCriteria] = useState<string[]>(e.seriousCriteria);
  const [relation, setRelation] = useState(e.relation);
  const [outcome, setOutcome] = useState(e.outcome);
  const [resolved, setResolved] = useState('');
  const [action, setAction] = useState('');
  const update = useMutation({
    mutationFn: () =>
      post<AdverseEventWithHistory>(`/adverse-events/${e.id}/updates`, {
        basedOnVersion: e.version,
        note,
        ...(Number(grade) !== e.grade && { grade: Number(grade) }),
        ...(serious !== e.serious && { serious }),
        ...(serious && criteria.join() !== e.seriousCriteria.join() && { seriousCriteria: criteria }),
        ...(!serious && e.seriousCriteria.length > 0 && { seriousCriteria: [] }),
        ...(relation !== e.relation && { relation }),
        ...(outcome !== e.outcome && { outcome }),
        ...(resolved && { resolvedAt: fromClinicInput(resolved) }),
        ...(action.trim() && { actions: [...e.actions, action.trim()] }),
      }),
    onSuccess: (next) => {
      client.setQueryData(['adverse-events', 'one', e.id], next);
      client.invalidateQueries({ queryKey: ['adverse-events'] });
      client.invalidateQueries({ queryKey: ['alerts'] });
      setNote('');
      setResolved('');
      setAction('');
    },
  });
  const { err, touch } = useFieldErrors(update.error);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    update.mutate();
  };
  return (
    <Card withBorder component="form" onSubmit={submit} noValidate aria-labelledby="ae-update-h">
      <Title order={3} size="h4" id="ae-update-h" mb="xs">
        {t('ae.update.title')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('ae.col.grade')}
            data={CTCAE_GRADES.map((g) => ({
              value: String(g.grade),
              label: t('ae.gradeName', { g: g.grade, name: g.name }),
            }))}
            value={grade}
            onChange={(v) => {
              touch('grade');
              setGrade(v ?? String(e.grade));
            }}
            allowDeselect={false}
            error={err('grade')}
          />
          <Select
            label={t('ae.form.relation')}
            data={AE_RELATIONS.map((r) => ({ value: r, label: relationLabel(r) }))}
            value={relation}
            onChange={(v) => {
              touch('relation');
              setRelation(v ?? e.relation);
            }}
            allowDeselect={false}
            error={err('relation')}
          />
          <Select
            label={t('ae.form.outcome')}
            data={AE_OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(o) }))}
            value={outcome}
            onChange={(v) => {
              touch('outcome');
              setOutcome(v ?? e.outcome);
            }}
            allowDeselect={false}
            error={err('outcome')}
          />
        </SimpleGrid>
        <Checkbox
          label={t('ae.form.serious')}
          checked={serious}
          onChange={(ev) => setSerious(ev.currentTarget.checked)}
          error={err('serious')}
        />
        {serious && (
          <Checkbox.Group
            label={t('ae.form.criteria')}
            value={criteria}
            onChange={setCriteria}
            error={err('seriousCriteria')}
            pl="lg"
          >
            <Group gap="sm" mt={4}>
              {SERIOUS_CRITERIA.map((c) => (
                <Checkbox key={c} value={c} label={seriousLabel(c)} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('ae.form.resolved')}
            description={t('ae.form.clinicClock', { zone: clinicLocale().timeZone })}
            type="datetime-local"
            value={resolved}
            onChange={(ev) => {
              touch('resolvedAt');
              setResolved(ev.currentTarget.value);
            }}
            error={err('resolvedAt')}
          />
          <TextInput
            label={t('ae.update.action')}
            value={action}
            onChange={(ev) => setAction(ev.currentTarget.value)}
            error={err('actions')}
          />
        </SimpleGrid>
        <Textarea
          label={t('ae.update.note')}
          required
          minRows={2}
          autosize
          value={note}
          onChange={(ev) => {
            touch('note');
            setNote(ev.currentTarget.value);
          }}
          error={err('note', t('ae.err.note'))}
        />
        {update.isError && <FormProblem error={update.error} shown={UPDATE_FIELDS} />}
        {update.isSuccess && (
          <Text size="sm" c="teal.9" role="status" data-testid="ae-updated">
            {t('ae.update.done', { v: update.data.version })}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('ae.update.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function TaskRow({
  task,
  canWrite,
  names,
}: {
  task: FollowUpTask;
  canWrite: boolean;
  names: Map<string, string>;
}) {
  const client = useQueryClient();
  const complete = useMutation({
    mutationFn: () => post<FollowUpTask>(`/follow-up-tasks/${task.id}/complete`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['adverse-events'] }),
  });
  const overdue = task.doneAt === null && task.dueAt < Date.now();
  return (
    <Table.Tr>
      <Table.Td>{task.title}</Table.Td>
      <Table.Td>
        {formatInstant(task.dueAt, false)}
        {overdue && (
          <Badge ml={6} color="red" variant="light">
            {t('ae.task.overdue')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{task.assignedTo ? (names.get(task.assignedTo) ?? t('ae.task.assigned')) : '—'}</Table.Td>
      <Table.Td>
        {task.doneAt !== null ? (
          t('ae.task.doneAt', { at: formatInstant(task.doneAt) })
        ) : canWrite ? (
          <Stack gap={4} align="flex-start">
            <Button
              size="xs"
              variant="light"
              onClick={() => complete.mutate()}
              loading={complete.isPending}
              aria-label={t('ae.task.completeNamed', { title: task.title })}
            >
              {t('ae.task.complete')}
            </Button>
            {complete.isError && <ErrorState error={complete.error} />}
          </Stack>
        ) : (
          t('ae.task.open')
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function Tasks({ e, canWrite }: { e: AdverseEventRecord; canWrite: boolean }) {
  const session = useSession();
  const client = useQueryClient();
  const canListStaff = may(session.data, 'users.read');
  const users = useStaffNames(canListStaff);
  const names = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      post<FollowUpTask>(`/adverse-events/${e.id}/tasks`, {
        title,
        dueAt: fromClinicDay(due),
        ...(assignee && { assignedTo: assignee }),
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['adverse-events'] });
      setTitle('');
      setDue('');
      setAssignee(null);
    },
  });
  const { err: taskErr, touch: taskTouch } = useFieldErrors(add.error);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    add.mutate();
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="ae-tasks-h">
      <Title order={3} size="h4" id="ae-tasks-h">
        {t('ae.task.heading')}
      </Title>
      {e.followUps.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('ae.task.none')}
        </Text>
      ) : (
        <Table aria-labelledby="ae-tasks-h" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ae.task.title')}</Table.Th>
              <Table.Th>{t('ae.task.due')}</Table.Th>
              <Table.Th>{t('ae.task.assignee')}</Table.Th>
              <Table.Th>{t('ae.task.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.followUps.map((task) => (
              <TaskRow key={task.id} task={task} canWrite={canWrite} names={names} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWrite && (
        <Card withBorder component="form" onSubmit={submit} noValidate aria-label={t('ae.task.add')}>
          <SimpleGrid cols={{ base: 1, sm: canListStaff ? 3 : 2 }}>
            <TextInput
              label={t('ae.task.title')}
              required
              value={title}
              onChange={(ev) => {
                taskTouch('title');
                setTitle(ev.currentTarget.value);
              }}
              error={taskErr('title', t('ae.err.taskTitle'))}
            />
            <TextInput
              label={t('ae.task.due')}
              type="date"
              required
              value={due}
              onChange={(ev) => {
                taskTouch('dueAt');
                setDue(ev.currentTarget.value);
              }}
              error={taskErr('dueAt', t('ae.err.taskDue'))}
            />
            {canListStaff && (
              <Select
                label={t('ae.task.assignee')}
                data={(users.data ?? [])
                  .filter((u) => u.role !== 'patient' && u.active)
                  .map((u) => ({ value: u.id, label: u.displayName }))}
                value={assignee}
                onChange={setAssignee}
                clearable
                error={taskErr('assignedTo')}
              />
            )}
          </SimpleGrid>
          {add.isError && (
            <FormProblem
              error={add.error}
              shown={['title', 'dueAt', ...(canListStaff ? ['assignedTo'] : [])]}
            />
          )}
          <Group mt="sm">
            <Button type="submit" variant="light" loading={add.isPending}>
              {t('ae.task.add')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}

const FIELD_LABEL: Record<keyof AdverseEventState, () => string> = {
  grade: () => t('ae.col.grade'),
  serious: () => t('ae.col.serious'),
  seriousCriteria: () => t('ae.form.criteria'),
  relation: () => t('ae.form.relation'),
  actions: () => t('ae.col.actions'),
  outcome: () => t('ae.form.outcome'),
  resolvedAt: () => t('ae.form.resolved'),
};

/** One field of one version, in words. */
function fieldText(field: keyof AdverseEventState, s: AdverseEventState): string {
  switch (field) {
    case 'grade': {
      const g = CTCAE_GRADES.find((x) => x.grade === s.grade);
      return g ? t('ae.gradeName', { g: g.grade, name: g.name }) : String(s.grade);
    }
    case 'serious':
      return s.serious ? t('ae.yes') : t('ae.no');
    case 'seriousCriteria':
      return s.seriousCriteria.length ? s.seriousCriteria.map(seriousLabel).join(', ') : '—';
    case 'relation':
      return relationLabel(s.relation);
    case 'actions':
      return s.actions.length ? s.actions.join('; ') : '—';
    case 'outcome':
      return outcomeLabel(s.outcome);
    case 'resolvedAt':
      return s.resolvedAt === null ? t('ae.history.notResolved') : formatInstant(s.resolvedAt);
  }
}

/**
 * The record's history, oldest first: the report as it came in, then every follow-up with who
 * saved it, when, its note and each field it changed (from → to). Nothing is overwritten.
 */
function History({ e }: { e: AdverseEventWithHistory }) {
  const updates = e.updates;
  return (
    <Stack gap="xs" component="section" aria-labelledby="ae-history-h" data-testid="ae-history">
      <Title order={3} size="h4" id="ae-history-h">
        {t('ae.history.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('ae.history.intro')}
      </Text>
      <Timeline
        active={updates.length - 1}
        bulletSize={14}
        lineWidth={2}
        role="list"
        aria-labelledby="ae-history-h"
      >
        {updates.map((u, i) => {
          const who = u.by.name ?? t('ae.history.someone');
          const before = updates[i - 1]?.state;
          return (
            <Timeline.Item
              key={u.version}
              role="listitem"
              data-testid="ae-history-item"
              title={
                <Group gap={8} wrap="wrap">
                  <Text fw={600} size="sm">
                    {u.kind === 'reported'
                      ? t('ae.history.reported', { who })
                      : t('ae.history.followUp', { v: u.version, who })}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {formatInstant(u.at)}
                  </Text>
                </Group>
              }
            >
              {u.kind === 'reported' ? (
                <Text size="sm">
                  {t('ae.history.asReported', {
                    summary: [
                      fieldText('grade', u.state),
                      ...(u.state.serious ? [t('safety.serious')] : []),
                      fieldText('outcome', u.state),
                      fieldText('relation', u.state),
                    ].join(' · '),
                  })}
                </Text>
              ) : u.changed.length === 0 || !before ? (
                <Text size="sm" c="dimmed">
                  {t('ae.history.noChange')}
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {u.changed.map((f) => (
                    <List.Item key={f}>
                      {t('ae.history.change', {
                        field: FIELD_LABEL[f](),
                        from: fieldText(f, before),
                        to: fieldText(f, u.state),
                      })}
                    </List.Item>
                  ))}
                </List>
              )}
              {u.note && (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {t('ae.history.note', { note: u.note })}
                </Text>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}

/** FDA MedWatch form 3500 fields, as a printable PDF and as JSON, straight from the server. */
function MedWatchLinks({ id }: { id: string }) {
  return (
    <Stack gap={4} component="section" aria-labelledby="ae-medwatch-h">
      <Title order={3} size="h4" id="ae-medwatch-h">
        {t('ae.medwatch.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('ae.medwatch.hint')} <SourceRef sources={['FDA-MEDWATCH']} label={t('ae.medwatch.title')} />
      </Text>
      <Group gap="md">
        <Anchor href={`/api/v1/adverse-events/${id}/medwatch.pdf`} data-testid="medwatch-pdf">
          {t('ae.medwatch.pdf')}
        </Anchor>
        <Anchor href={`/api/v1/adverse-events/${id}/medwatch`} target="_blank" rel="noopener">
          {t('ae.medwatch.json')}
        </Anchor>
      </Group>
    </Stack>
  );
}

/** One adverse event: what is known, the catalog's reading, follow-up, tasks and the MedWatch export. */
export function AdverseEventDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const session = useSession();
  const event = useAdverseEvent(id);
  const lots = useLotIndex();
  if (event.isPending) return <Loading />;
  if (event.isError) return <ErrorState error={event.error} onRetry={() => event.refetch()} />;
  const e = event.data;
  const canWrite = may(session.data, 'adverse-events.write');
  const a = e.assessment;
  return (
    <Stack gap="lg" data-testid="ae-detail">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {e.type.name}
          </Title>
          <AeBadges e={e} />
        </div>
        <Button variant="default" onClick={onBack}>
          {t('ae.backToList')}
        </Button>
      </Group>
      <Facts e={e} lots={lots} />
      {a && (a.flags.length > 0 || a.alert.reasons.length > 0) && (
        <Card withBorder component="section" aria-labelledby="ae-reading-h">
          <Title order={3} size="h4" id="ae-reading-h" mb={4}>
            {t('ae.reading')}
          </Title>
          <List size="sm" spacing={4}>
            {a.alert.reasons.map((r) => (
              <List.Item key={r.reason}>
                {t('ae.alertReason', { reason: r.reason })} <SourceRef sources={r.sources} />
              </List.Item>
            ))}
            {a.flags.map((f) => (
              <List.Item key={f.code}>
                {f.message} <SourceRef sources={f.sources} />
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      <History e={e} />
      {canWrite && <UpdateForm e={e} />}
      <Tasks e={e} canWrite={canWrite} />
      {may(session.data, 'adverse-events.export') && <MedWatchLinks id={e.id} />}
    </Stack>
  );
}
