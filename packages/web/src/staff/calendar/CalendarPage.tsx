import { Button, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { get, qs } from '../../api/client';
import type { Appointment, DaySheetEntry, Location, Page, Resource } from '../../api/types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { addDays, clinicLocale, clinicToday, formatDay } from '../../lib/format';
import { usePageTitle } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { useResources } from '../queries';
import { CalendarGrid, type DropTarget, type GridColumn } from './CalendarGrid';
import { FeedsPanel } from './FeedsPanel';
import { hhmm, type LocationSchedule, layoutColumn, placeOf, visibleHours, weekOf } from './layout';
import { MoveDialog, type MoveTarget } from './MoveDialog';

type View = 'day' | 'week';
const KINDS = ['practitioner', 'room', 'device'] as const;

function holds(a: Appointment, resourceId: string): boolean {
  return a.practitionerId === resourceId || a.roomId === resourceId || a.deviceIds.includes(resourceId);
}

/**
 * The clinic's calendar: a day with a column per practitioner, room and device, or a week with a
 * column per day (all resources, or one). Appointments sit at their local times in the site's
 * time zone; drag one (or open it with the keyboard) to move it through the reschedule endpoint.
 */
export function CalendarPage() {
  usePageTitle(t('calendar.title'));
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'day' ? 'day' : 'week';
  const today = clinicToday();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const filter = params.get('resource') ?? 'all';
  const set = (next: Record<string, string | null>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(next)) {
          if (v === null) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: true },
    );

  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => get<Page<Location>>('/locations').then((p) => p.items),
  });
  const locationId = params.get('location') ?? locations.data?.[0]?.id ?? null;
  const location = locations.data?.find((l) => l.id === locationId);
  const timeZone = location?.timeZone ?? clinicLocale().timeZone;
  const schedule = useQuery({
    queryKey: ['location-schedule', locationId],
    enabled: !!locationId,
    queryFn: () => get<LocationSchedule>(`/locations/${locationId}/schedule`),
  });
  const resources = useResources();
  const days = useMemo(() => (view === 'day' ? [date] : weekOf(date)), [view, date]);
  const from = days[0]!;
  const to = days[days.length - 1]!;
  const appts = useQuery({
    queryKey: ['calendar-appointments', locationId, from, to],
    enabled: !!locationId,
    queryFn: () =>
      get<Page<DaySheetEntry>>(`/appointments${qs({ from, to, location: locationId })}`).then((p) => p.items),
  });

  // Resources of this site: rooms and devices live at one; practitioners work where their hours are.
  const siteResources = useMemo(
    () =>
      (resources.data ?? [])
        .filter((r) => r.active && (r.kind === 'practitioner' || r.locationId === locationId))
        .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.name.localeCompare(b.name)),
    [resources.data, locationId],
  );

  const shown = useMemo(
    () => (appts.data ?? []).filter((a) => filter === 'all' || holds(a, filter)),
    [appts.data, filter],
  );
  // The day sheet names each appointment's patient: no request per patient, however full the week.
  const patients = useMemo(() => new Map(shown.map((a) => [a.patientId, a.patientName])), [shown]);

  const { columns, placed } = useMemo(() => {
    if (view === 'day') {
      const cols: GridColumn[] = siteResources.map((r) => ({
        key: r.id,
        label: r.name,
        sub: t(`calendar.kind.${r.kind}`),
        day: date,
        today: date === today,
      }));
      const byResource = new Map<string, Appointment[]>(siteResources.map((r) => [r.id, []]));
      for (const a of shown)
        for (const id of [a.practitionerId, a.roomId, ...a.deviceIds]) if (id) byResource.get(id)?.push(a);
      return { columns: cols, placed: siteResources.map((r) => layoutColumn(byResource.get(r.id) ?? [])) };
    }
    const cols: GridColumn[] = days.map((d) => ({ key: d, label: formatDay(d), day: d, today: d === today }));
    const byDay = new Map<string, Appointment[]>(days.map((d) => [d, []]));
    for (const a of shown) byDay.get(a.local.date)?.push(a);
    return { columns: cols, placed: days.map((d) => layoutColumn(byDay.get(d) ?? [])) };
  }, [view, siteResources, shown, days, date, today]);

  const hours = useMemo(() => visibleHours(days, schedule.data, shown), [days, schedule.data, shown]);

  const resourceName = useCallback(
    (id: string | null) => (id ? (resources.data?.find((r) => r.id === id)?.name ?? '') : ''),
    [resources.data],
  );
  const describe = useCallback(
    (a: Appointment) => {
      const who = patients.get(a.patientId) ?? t('calendar.modality', { modality: a.modality });
      const session =
        a.kind === 'initial' && a.sessionIndex
          ? t('calendar.move.session', { n: a.sessionIndex })
          : t(`calendar.apptKind.${a.kind}` as 'calendar.apptKind.initial');
      const p = placeOf(a);
      const detail = [session, view === 'week' ? resourceName(a.practitionerId) : resourceName(a.roomId)]
        .filter(Boolean)
        .join(' · ');
      return {
        title: who,
        detail,
        label: t('calendar.apptLabel', {
          time: `${formatDay(a.local.date)} ${hhmm(p.startMin)}–${hhmm(p.startMin + p.lengthMin)}`,
          who,
          session,
          practitioner: resourceName(a.practitionerId) || '—',
          room: resourceName(a.roomId) || '—',
          status: a.status,
        }),
      };
    },
    [patients, resourceName, view],
  );

  const [moving, setMoving] = useState<{ appt: Appointment; target: MoveTarget } | null>(null);
  const onOpen = useCallback((appt: Appointment) => {
    const p = placeOf(appt);
    setMoving({
      appt,
      target: {
        day: p.day,
        minutes: p.startMin,
        practitionerId: appt.practitionerId,
        roomId: appt.roomId,
        deviceIds: appt.deviceIds,
      },
    });
  }, []);
  const onDrop = useCallback(
    (appt: Appointment, drop: DropTarget) => {
      const target: MoveTarget = {
        day: view === 'day' ? date : (days[drop.column] ?? date),
        minutes: drop.minutes,
        practitionerId: appt.practitionerId,
        roomId: appt.roomId,
        deviceIds: appt.deviceIds,
      };
      if (view === 'day') {
        const r = siteResources[drop.column];
        if (r?.kind === 'practitioner') target.practitionerId = r.id;
        else if (r?.kind === 'room') target.roomId = r.id;
        else if (r?.kind === 'device') {
          const same = appt.deviceIds.findIndex(
            (id) => resources.data?.find((d) => d.id === id)?.deviceType === r.deviceType,
          );
          if (same >= 0) target.deviceIds = appt.deviceIds.map((id, i) => (i === same ? r.id : id));
        }
      }
      setMoving({ appt, target });
    },
    [view, date, days, siteResources, resources.data],
  );

  const step = view === 'day' ? 1 : 7;
  const pending = locations.isPending || resources.isPending || appts.isPending || schedule.isPending;
  const error = locations.error ?? resources.error ?? appts.error;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('calendar.title')}</Title>
          <Text c="dimmed" data-testid="calendar-range" className="num">
            {view === 'day'
              ? formatDay(date)
              : t('calendar.weekOf', { from: formatDay(from), to: formatDay(to) })}
            {location && ` · ${location.name} (${timeZone})`}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <SegmentedControl
            aria-label={t('calendar.view')}
            value={view}
            onChange={(v) => set({ view: v })}
            data={[
              { value: 'day', label: t('calendar.day') },
              { value: 'week', label: t('calendar.week') },
            ]}
          />
          <Button.Group>
            <Button variant="default" onClick={() => set({ date: addDays(date, -step) })}>
              {view === 'day' ? t('calendar.prevDay') : t('calendar.prevWeek')}
            </Button>
            <Button variant="default" onClick={() => set({ date: null })}>
              {t('calendar.today')}
            </Button>
            <Button variant="default" onClick={() => set({ date: addDays(date, step) })}>
              {view === 'day' ? t('calendar.nextDay') : t('calendar.nextWeek')}
            </Button>
          </Button.Group>
        </Group>
      </Group>
      <Group gap="sm" wrap="wrap" align="flex-end">
        {(locations.data?.length ?? 0) > 1 && (
          <Select
            label={t('calendar.location')}
            data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
            value={locationId}
            onChange={(v) => set({ location: v, resource: null })}
            allowDeselect={false}
            w={220}
          />
        )}
        <Select
          label={t('calendar.resource')}
          data={[
            { value: 'all', label: t('calendar.allResources') },
            ...siteResources.map((r) => ({
              value: r.id,
              label: `${r.name} (${t(`calendar.kind.${r.kind}`)})`,
            })),
          ]}
          value={filter}
          onChange={(v) => set({ resource: v && v !== 'all' ? v : null })}
          allowDeselect={false}
          searchable
          w={260}
        />
        <Text size="sm" c="dimmed" style={{ flex: '1 1 240px' }}>
          {t('calendar.hint')}
        </Text>
      </Group>

      {error ? (
        <ErrorState error={error} onRetry={() => appts.refetch()} />
      ) : pending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" role="status" data-testid="calendar-count">
            {shown.length === 0 ? t('calendar.none') : t('calendar.count', { n: shown.length })}
          </Text>
          {columns.length === 0 ? (
            <Empty>{t('calendar.noResources')}</Empty>
          ) : (
            <CalendarGrid
              label={t('calendar.gridLabel')}
              columns={columns}
              placed={placed}
              hours={hours}
              stepMinutes={schedule.data?.stepMinutes ?? 15}
              describe={describe}
              onOpen={onOpen}
              onDrop={onDrop}
            />
          )}
        </>
      )}

      {may(session.data, 'calendar-feeds.manage') && resources.data && (
        <FeedsPanel resources={siteResources} />
      )}

      {moving && (
        <MoveDialog
          key={`${moving.appt.id}-${moving.target.day}-${moving.target.minutes}`}
          appt={moving.appt}
          initial={moving.target}
          timeZone={moving.appt.local.timeZone || timeZone}
          stepMinutes={schedule.data?.stepMinutes ?? 15}
          resources={siteResources as Resource[]}
          title={describe(moving.appt).label}
          onClose={() => setMoving(null)}
        />
      )}
    </Stack>
  );
}
