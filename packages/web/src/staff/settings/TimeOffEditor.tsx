import { ActionIcon, Alert, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../components/States';
import { clinicLocale } from '../../lib/format';
import { t } from '../../lib/i18n';
import {
  checkPeriods,
  type FieldProblem,
  instantOf,
  type PeriodDraft,
  problemAt,
  serverProblems,
  wallClockOf,
} from './hours-rules';
import type { ResourceDetail, TimeOffResult } from './types';

let nextKey = 0;
const draftOf = (r: ResourceDetail, timeZone: string): PeriodDraft[] =>
  r.timeOff.map((p) => ({
    key: p.id,
    start: wallClockOf(p.start, timeZone),
    end: wallClockOf(p.end, timeZone),
    reason: p.reason ?? '',
  }));

/** Leave or device service: periods on the wall clock of the resource's site. */
export function TimeOffEditor({
  resource,
  timeZone,
  canWrite,
}: {
  resource: ResourceDetail;
  timeZone: string;
  canWrite: boolean;
}) {
  const client = useQueryClient();
  const [periods, setPeriods] = useState<PeriodDraft[]>(() => draftOf(resource, timeZone));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [affected, setAffected] = useState<TimeOffResult['affectedAppointments'] | null>(null);

  const save = useMutation({
    mutationFn: () =>
      api<TimeOffResult>('PUT', `/resources/${resource.id}/time-off`, {
        periods: periods.map((p) => ({
          start: instantOf(p.start, timeZone),
          end: instantOf(p.end, timeZone),
          reason: p.reason.trim() || null,
        })),
      }),
    onSuccess: (next) => {
      setAffected(next.affectedAppointments);
      setPeriods(draftOf(next, timeZone));
      setProblems([]);
      client.invalidateQueries({ queryKey: ['resources'] });
    },
    onError: (e) => setProblems(serverProblems(e)),
  });

  const update = (i: number, patch: Partial<PeriodDraft>) => {
    setPeriods((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
    setAffected(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = checkPeriods(periods, timeZone, 'periods');
    setProblems(found);
    setAffected(null);
    if (found.length === 0) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <fieldset className="hours-editor">
          <legend>
            <Text fw={600} size="sm" span>
              {t('hours.timeOff')}
            </Text>{' '}
            <Text size="xs" c="dimmed" span>
              {t('hours.zone', { zone: timeZone })}
            </Text>
          </legend>
          <Stack gap="xs">
            {periods.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('hours.noTimeOff')}
              </Text>
            )}
            {periods.map((p, i) => (
              <Group key={p.key} align="flex-start" gap={6} wrap="wrap">
                <TextInput
                  type="datetime-local"
                  size="xs"
                  label={t('hours.from', { n: i + 1 })}
                  value={p.start}
                  readOnly={!canWrite}
                  error={problemAt(problems, `periods.${i}.start`, `periods.${i}`)}
                  onChange={(e) => update(i, { start: e.currentTarget.value })}
                />
                <TextInput
                  type="datetime-local"
                  size="xs"
                  label={t('hours.until', { n: i + 1 })}
                  value={p.end}
                  readOnly={!canWrite}
                  error={problemAt(problems, `periods.${i}.end`)}
                  onChange={(e) => update(i, { end: e.currentTarget.value })}
                />
                <TextInput
                  size="xs"
                  label={t('hours.reason', { n: i + 1 })}
                  value={p.reason}
                  maxLength={500}
                  readOnly={!canWrite}
                  error={problemAt(problems, `periods.${i}.reason`)}
                  onChange={(e) => update(i, { reason: e.currentTarget.value })}
                  style={{ flex: '1 1 160px' }}
                />
                {canWrite && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={22}
                    aria-label={t('hours.removePeriod', { n: i + 1 })}
                    onClick={() => {
                      setPeriods((ps) => ps.filter((_, j) => j !== i));
                      setAffected(null);
                    }}
                  >
                    <span aria-hidden>×</span>
                  </ActionIcon>
                )}
              </Group>
            ))}
            {canWrite && (
              <div>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() =>
                    setPeriods((ps) => [...ps, { key: `new-${++nextKey}`, start: '', end: '', reason: '' }])
                  }
                >
                  {t('hours.addPeriod')}
                </Button>
              </div>
            )}
          </Stack>
        </fieldset>
        {save.isError && <ErrorState error={save.error} />}
        {affected && affected.length === 0 && (
          <Text size="sm" c="teal.9" role="status">
            {t('hours.timeOffSaved')}
          </Text>
        )}
        {affected && affected.length > 0 && (
          <Alert
            color="yellow"
            variant="light"
            role="status"
            title={t('hours.affected', { n: affected.length })}
          >
            <List size="sm">
              {affected.map((a) => (
                <List.Item key={a.id}>
                  {new Intl.DateTimeFormat(clinicLocale().locale, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                    timeZone,
                  }).format(a.start)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {canWrite && (
          <div>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('hours.saveTimeOff')}
            </Button>
          </div>
        )}
      </Stack>
    </form>
  );
}
