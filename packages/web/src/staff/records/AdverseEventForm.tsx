import { ADVERSE_EVENT_TYPES, CTCAE_GRADES } from '@exoclinic/core';
import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { post } from '../../api/client';
import type { AdverseEventRecord } from '../../api/records-types';
import { SourceRef } from '../../components/SourceRef';
import { clinicLocale, formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import {
  AE_OUTCOMES,
  AE_RELATIONS,
  outcomeLabel,
  relationLabel,
  SERIOUS_CRITERIA,
  seriousLabel,
} from './ae-format';
import { useAllPatientSessions, useLotIndex } from './ae-queries';
import { fromClinicDay, fromClinicInput, toClinicInput } from './clinic-time';
import { FormProblem, useFieldErrors } from './FormProblem';

const FREQUENCY_GROUP = {
  common: 'ae.form.typesCommon',
  'less-common': 'ae.form.typesLessCommon',
  rare: 'ae.form.typesRare',
} as const;

/** Inputs on this form, by the API field they fill (the rest is summarised above the button). */
const FIELDS = [
  'typeId',
  'description',
  'onsetAt',
  'grade',
  'serious',
  'seriousCriteria',
  'relation',
  'outcome',
  'resolvedAt',
  'sessionIds',
  'lotIds',
  'actions',
  'followUps.0.title',
  'followUps.0.dueAt',
] as const;

/**
 * Staff report an adverse event: the catalog's type, onset on the clinic's clock, CTCAE grade with
 * its meaning, seriousness (the MedWatch criteria), relation, outcome, the sessions and lots it may
 * stem from, actions taken and a first follow-up task. The server judges the input; every field it
 * refuses is shown at its input.
 */
export function AdverseEventForm({
  patientId,
  onDone,
  onCancel,
}: {
  patientId: string;
  onDone: (e: AdverseEventRecord) => void;
  onCancel: () => void;
}) {
  const client = useQueryClient();
  const sessions = useAllPatientSessions(patientId);
  const lotIndex = useLotIndex();
  const [typeId, setTypeId] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [onset, setOnset] = useState(() => toClinicInput(Date.now()));
  const [grade, setGrade] = useState<string>('');
  const [serious, setSerious] = useState(false);
  const [criteria, setCriteria] = useState<string[]>([]);
  const [relation, setRelation] = useState<string>('not-assessed');
  const [outcome, setOutcome] = useState<string>('ongoing');
  const [resolved, setResolved] = useState('');
  const [sessionIds, setSessionIds] = useState<string[]>([]);
  const [lotIds, setLotIds] = useState<string[]>([]);
  const [actions, setActions] = useState('');
  const [taskTitle, setTaskTitle] = useState('');
  const [taskDue, setTaskDue] = useState('');

  const report = useMutation({
    mutationFn: () =>
      post<AdverseEventRecord>(`/patients/${patientId}/adverse-events`, {
        typeId,
        description,
        onsetAt: fromClinicInput(onset),
        grade: grade ? Number(grade) : null,
        serious,
        seriousCriteria: serious ? criteria : [],
        relation,
        outcome,
        resolvedAt: resolved ? fromClinicInput(resolved) : null,
        // Left out, the server links the last session before the onset and the lots charted in it.
        ...(sessionIds.length > 0 && { sessionIds }),
        ...(lotIds.length > 0 && { lotIds }),
        actions: actions
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
        followUps: taskTitle.trim() || taskDue ? [{ title: taskTitle, dueAt: fromClinicDay(taskDue) }] : [],
      }),
    onSuccess: (e) => {
      client.invalidateQueries({ queryKey: ['adverse-events'] });
      client.invalidateQueries({ queryKey: ['alerts'] });
      onDone(e);
    },
  });
  const { err, touch } = useFieldErrors(report.error);
  const edit =
    <T,>(path: string, set: (v: T) => void) =>
    (v: T) => {
      touch(path);
      set(v);
    };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    report.mutate();
  };

  const sessionData = (sessions.data ?? [])
    .filter((s) => s.checkedInAt !== null)
    .map((s) => ({
      value: s.id,
      label: t('ae.form.sessionOption', {
        at: formatInstant(s.checkedInAt ?? s.createdAt, false),
        n: s.sessionIndex ?? '—',
        protocol: s.protocolId,
      }),
    }));
  // The lots charted in the patient's sessions: those are the ones an event can stem from.
  const usedLots = new Set(
    (sessions.data ?? []).flatMap((s) => s.chart?.chart.products.map((p) => p.lotId) ?? []),
  );
  const lotData = [...usedLots].map((id) => {
    const info = lotIndex.get(id);
    return { value: id, label: info ? `${info.lotNumber} · ${info.productName}` : id };
  });
  const typeData = (['common', 'less-common', 'rare'] as const).map((f) => ({
    group: t(FREQUENCY_GROUP[f]),
    items: ADVERSE_EVENT_TYPES.filter((a) => a.frequency === f).map((a) => ({ value: a.id, label: a.name })),
  }));
  const zone = clinicLocale().timeZone;

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="ae-form-h">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" id="ae-form-h">
            {t('ae.form.title')}
          </Title>
          <Button variant="default" onClick={onCancel}>
            {t('action.cancel')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('ae.form.intro')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('ae.form.type')}
            placeholder={t('ae.form.typePick')}
            data={typeData}
            value={typeId}
            onChange={edit('typeId', setTypeId)}
            searchable
            required
            error={err('typeId', t('ae.err.typeId'))}
          />
          <TextInput
            label={t('ae.form.onset')}
            description={t('ae.form.clinicClock', { zone })}
            type="datetime-local"
            required
            value={onset}
            onChange={(e) => edit('onsetAt', setOnset)(e.currentTarget.value)}
            error={err('onsetAt', t('ae.err.onsetAt'))}
          />
        </SimpleGrid>
        <Textarea
          label={t('ae.form.description')}
          description={t('ae.form.descriptionHint')}
          required
          minRows={3}
          autosize
          value={description}
          onChange={(e) => edit('description', setDescription)(e.currentTarget.value)}
          error={err('description', t('ae.err.description'))}
        />
        <Radio.Group
          label={t('ae.form.grade')}
          description={
            <>
              {t('ae.form.gradeHint')} <SourceRef sources={['CTCAE']} label={t('ae.form.grade')} />
            </>
          }
          required
          value={grade}
          onChange={edit('grade', setGrade)}
          error={err('grade', t('ae.err.grade'))}
        >
          <Stack gap={6} mt={6}>
            {CTCAE_GRADES.map((g) => (
              <Radio
                key={g.grade}
                value={String(g.grade)}
                label={t('ae.gradeName', { g: g.grade, name: g.name })}
                description={g.meaning}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Stack gap={6}>
          <Checkbox
            label={t('ae.form.serious')}
            description={t('ae.form.seriousHint')}
            checked={serious}
            onChange={(e) => edit('serious', setSerious)(e.currentTarget.checked)}
            error={err('serious')}
          />
          {serious && (
            <Checkbox.Group
              label={t('ae.form.criteria')}
              value={criteria}
              onChange={edit('seriousCriteria', setCriteria)}
              error={err('seriousCriteria')}
              pl="lg"
            >
              <Stack gap={4} mt={4}>
                {SERIOUS_CRITERIA.map((c) => (
                  <Checkbox key={c} value={c} label={seriousLabel(c)} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('ae.form.relation')}
            data={AE_RELATIONS.map((r) => ({ value: r, label: relationLabel(r) }))}
            value={relation}
            onChange={(v) => edit('relation', setRelation)(v ?? 'not-assessed')}
            allowDeselect={false}
            error={err('relation')}
          />
          <Select
            label={t('ae.form.outcome')}
            data={AE_OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(o) }))}
            value={outcome}
            onChange={(v) => edit('outcome', setOutcome)(v ?? 'ongoing')}
            allowDeselect={false}
            error={err('outcome')}
          />
          <TextInput
            label={t('ae.form.resolved')}
            description={t('ae.form.resolvedHint')}
            type="datetime-local"
            value={resolved}
            onChange={(e) => edit('resolvedAt', setResolved)(e.currentTarget.value)}
            error={err('resolvedAt', t('ae.err.resolvedAt'))}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('ae.form.sessions')}
            description={t('ae.form.sessionsHint')}
            placeholder={sessionData.length ? t('ae.form.sessionsPick') : t('ae.form.noSessions')}
            data={sessionData}
            value={sessionIds}
            onChange={edit('sessionIds', setSessionIds)}
            disabled={sessionData.length === 0}
            error={err('sessionIds')}
          />
          <MultiSelect
            label={t('ae.form.lots')}
            description={t('ae.form.lotsHint')}
            placeholder={lotData.length ? t('ae.form.lotsPick') : t('ae.form.noLots')}
            data={lotData}
            value={lotIds}
            onChange={edit('lotIds', setLotIds)}
            disabled={lotData.length === 0}
            error={err('lotIds')}
          />
        </SimpleGrid>
        <Textarea
          label={t('ae.form.actions')}
          description={t('ae.form.actionsHint')}
          minRows={2}
          autosize
          value={actions}
          onChange={(e) => edit('actions', setActions)(e.currentTarget.value)}
          error={err('actions')}
        />
        <fieldset className="plain-fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text size="sm" fw={500}>
              {t('ae.form.followUp')}
            </Text>
          </legend>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('ae.task.title')}
              value={taskTitle}
              onChange={(e) => edit('followUps.0.title', setTaskTitle)(e.currentTarget.value)}
              error={err('followUps.0.title', t('ae.err.taskTitle'))}
            />
            <TextInput
              label={t('ae.task.due')}
              type="date"
              value={taskDue}
              onChange={(e) => edit('followUps.0.dueAt', setTaskDue)(e.currentTarget.value)}
              error={err('followUps.0.dueAt', t('ae.err.taskDue'))}
            />
          </SimpleGrid>
        </fieldset>
        {report.isError && <FormProblem error={report.error} shown={FIELDS} />}
        <Group>
          <Button type="submit" loading={report.isPending}>
            {t('ae.form.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
