import {
  ActionIcon,
  Alert,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ErrorState, Loading } from '../../components/States';
import { clinicToday, formatDay } from '../../lib/format';
import { t } from '../../lib/i18n';
import { HoursEditor } from './HoursEditor';
import {
  checkClosures,
  checkWeekly,
  compactWeekly,
  type FieldProblem,
  problemAt,
  serverProblems,
  type WeeklyHours,
} from './hours-rules';
import { useSiteSchedule } from './queries';
import type { SiteSchedule } from './types';

/** A site's opening hours, closures and booking grid, in the site's own time zone. */
export function SiteHoursEditor({
  locationId,
  siteName,
  canWrite,
}: {
  locationId: string;
  siteName: string;
  canWrite: boolean;
}) {
  const q = useSiteSchedule(locationId);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  // Another site starts a fresh draft from the server.
  return <SiteHoursForm key={locationId} schedule={q.data} siteName={siteName} canWrite={canWrite} />;
}

function SiteHoursForm({
  schedule,
  siteName,
  canWrite,
}: {
  schedule: SiteSchedule;
  siteName: string;
  canWrite: boolean;
}) {
  const client = useQueryClient();
  const [weekly, setWeekly] = useState<WeeklyHours>(schedule.weekly);
  const [closures, setClosures] = useState<string[]>(schedule.closures);
  const [newClosure, setNewClosure] = useState('');
  const [closureProblem, setClosureProblem] = useState<string | null>(null);
  const [stepMinutes, setStepMinutes] = useState<number | string>(schedule.stepMinutes);
  const [cleaningMinutes, setCleaningMinutes] = useState<number | string>(schedule.cleaningMinutes);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      api<SiteSchedule>('PUT', `/locations/${schedule.locationId}/schedule`, {
        weekly: compactWeekly(weekly),
        closures,
        stepMinutes: Number(stepMinutes),
        cleaningMinutes: Number(cleaningMinutes),
      }),
    onSuccess: (next) => {
      client.setQueryData(['location-schedule', schedule.locationId], next);
      setWeekly(next.weekly);
      setClosures(next.closures);
      setProblems([]);
      setSaved(true);
    },
    onError: (e) => setProblems(serverProblems(e)),
  });

  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setSaved(false);
    };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = [...checkWeekly(weekly, 'weekly'), ...checkClosures(closures, 'closures')];
    setProblems(found);
    setSaved(false);
    if (found.length === 0) save.mutate();
  };

  const addClosure = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(newClosure)) {
      setClosureProblem(t('hours.badDate'));
      return;
    }
    if (closures.includes(newClosure)) {
      setClosureProblem(t('hours.repeatedDay'));
      return;
    }
    setClosureProblem(null);
    edit(setClosures)([...closures, newClosure].sort());
    setNewClosure('');
  };

  const today = clinicToday();
  const upcoming = closures.filter((d) => d >= today).length;
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-label={t('hours.siteForm', { site: siteName })}
    >
      <Stack gap="md">
        <HoursEditor
          value={weekly}
          onChange={edit(setWeekly)}
          problems={problems}
          prefix="weekly"
          legend={t('hours.openingHours', { site: siteName })}
          timeZone={schedule.timeZone}
          readOnly={!canWrite}
        />
        {Object.values(weekly).every((r) => r.length === 0) && (
          <Alert color="yellow" variant="light">
            {t('hours.siteClosedAll')}
          </Alert>
        )}

        <fieldset className="hours-editor">
          <legend>
            <Text fw={600} size="sm" span>
              {t('hours.closures')}
            </Text>{' '}
            <Text size="xs" c="dimmed" span>
              {t('hours.closuresHint', { n: upcoming })}
            </Text>
          </legend>
          {closures.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('hours.noClosures')}
            </Text>
          ) : (
            <List listStyleType="none" spacing={4} aria-label={t('hours.closures')}>
              {closures.map((d, i) => (
                <List.Item key={d}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" c={d < today ? 'dimmed' : undefined}>
                      {formatDay(d)}
                    </Text>
                    {canWrite && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('hours.removeClosure', { day: formatDay(d) })}
                        onClick={() => edit(setClosures)(closures.filter((x) => x !== d))}
                      >
                        <span aria-hidden>×</span>
                      </ActionIcon>
                    )}
                    {problemAt(problems, `closures.${i}`) && (
                      <Text size="xs" c="red">
                        {problemAt(problems, `closures.${i}`)}
                      </Text>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
          {canWrite && (
            <Group align="flex-end" gap="xs" mt="xs" wrap="wrap">
              <TextInput
                type="date"
                size="xs"
                label={t('hours.closureDay')}
                value={newClosure}
                min={today}
                error={closureProblem}
                onChange={(e) => setNewClosure(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addClosure();
                  }
                }}
              />
              <Button size="xs" variant="light" onClick={addClosure}>
                {t('hours.addClosure')}
              </Button>
            </Group>
          )}
        </fieldset>

        <Group gap="md" wrap="wrap" align="flex-end">
          <NumberInput
            size="xs"
            w={250}
            label={t('hours.stepMinutes')}
            min={5}
            max={60}
            step={5}
            value={stepMinutes}
            readOnly={!canWrite}
            error={problemAt(problems, 'stepMinutes')}
            onChange={edit(setStepMinutes)}
          />
          <NumberInput
            size="xs"
            w={250}
            label={t('hours.cleaningMinutes')}
            min={0}
            max={120}
            step={5}
            value={cleaningMinutes}
            readOnly={!canWrite}
            error={problemAt(problems, 'cleaningMinutes')}
            onChange={edit(setCleaningMinutes)}
          />
        </Group>

        {problems.length > 0 && !save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('hours.fixFirst')}>
            {t('hours.fixCount', { n: problems.length })}
          </Alert>
        )}
        {save.isError && <ErrorState error={save.error} />}
        {canWrite && (
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t('hours.saveSite')}
            </Button>
            {saved && (
              <Text size="sm" c="teal.9" role="status">
                {t('hours.saved')}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
