import { Alert, Button, Group, List, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../../api/client';
import type { Appointment, Resource } from '../../api/types';
import { ErrorState } from '../../components/States';
import { formatDay } from '../../lib/format';
import { t } from '../../lib/i18n';
import { hhmm, minutesOf, wallTimeToInstant } from './layout';

export interface MoveTarget {
  day: string;
  minutes: number;
  practitionerId: string | null;
  roomId: string | null;
  deviceIds: string[];
}

interface Deviation {
  gap: number;
  appointmentId: string;
  window: { min: number; max: number };
  actualDays: number;
}
interface ProposedSession {
  id: string;
  sessionIndex?: number;
  local: { date: string; time: string };
}
interface Proposal {
  appointment: ProposedSession;
  reflowed: ProposedSession[];
  deviations: Deviation[];
}
interface RescheduleResult {
  appointment: Appointment;
  reflowed: Appointment[];
  deviations: Deviation[];
}

/** The 409 answer that carries a protocol-deviation proposal, if this error is one. */
function proposalOf(error: unknown): Proposal | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const p = (error.problem as { proposal?: Proposal }).proposal;
  return p && Array.isArray(p.deviations) ? p : null;
}

/**
 * Move one appointment: the new day, time and resources (prefilled from a drag, or typed), sent to
 * the reschedule endpoint. Later sessions of the course follow inside their windows and are listed;
 * a window that cannot be kept comes back as a proposal the user confirms with a reason.
 */
export function MoveDialog({
  appt,
  initial,
  timeZone,
  stepMinutes,
  resources,
  title,
  onClose,
}: {
  appt: Appointment;
  initial: MoveTarget;
  timeZone: string;
  stepMinutes: number;
  resources: Resource[];
  title: string;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [day, setDay] = useState(initial.day);
  const [time, setTime] = useState(hhmm(initial.minutes));
  const [practitionerId, setPractitionerId] = useState(initial.practitionerId);
  const [roomId, setRoomId] = useState(initial.roomId);
  const [reason, setReason] = useState('');
  const nameOf = (id: string | null) => resources.find((r) => r.id === id)?.name ?? '—';
  const practitioners = resources.filter(
    (r) =>
      r.kind === 'practitioner' && r.active && (!r.modalities.length || r.modalities.includes(appt.modality)),
  );
  const rooms = resources.filter((r) => r.kind === 'room' && r.active && r.locationId === appt.locationId);

  const move = useMutation({
    mutationFn: (confirm: boolean) => {
      const start = wallTimeToInstant(day, minutesOf(time), timeZone);
      const changed = practitionerId !== appt.practitionerId || roomId !== appt.roomId;
      return post<RescheduleResult>(`/appointments/${appt.id}/reschedule`, {
        start,
        ...(changed && { practitionerId, roomId, deviceIds: initial.deviceIds }),
        ...(confirm && { confirmDeviation: true, reason }),
      });
    },
    onSettled: (_data, error) => {
      if (!proposalOf(error)) {
        client.invalidateQueries({ queryKey: ['calendar-appointments'] });
        client.invalidateQueries({ queryKey: ['appointments'] });
        client.invalidateQueries({ queryKey: ['patient-appointments', appt.patientId] });
      }
    },
  });
  const proposal = proposalOf(move.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate(!!proposal);
  };
  const done = move.data;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('calendar.move.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('calendar.move.close') }}
    >
      {done ? (
        <Stack gap="sm" data-testid="move-result">
          <Alert color="teal" variant="light" title={t('calendar.move.done')} role="status">
            <Text size="sm">
              {t('calendar.move.movedTo', {
                when: `${formatDay(done.appointment.local.date)} ${done.appointment.local.time}`,
              })}
            </Text>
          </Alert>
          <Text fw={600} size="sm">
            {t('calendar.move.reflowed')}
          </Text>
          {done.reflowed.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('calendar.move.noReflow')}
            </Text>
          ) : (
            <List size="sm">
              {done.reflowed.map((r) => (
                <List.Item key={r.id}>
                  {t('calendar.move.session', { n: r.sessionIndex ?? '—' })}:{' '}
                  <span className="num">
                    {formatDay(r.local.date)} {r.local.time}
                  </span>
                </List.Item>
              ))}
            </List>
          )}
          {done.deviations.length > 0 && (
            <Text size="sm">{t('calendar.move.deviationsRecorded', { n: done.deviations.length })}</Text>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('calendar.move.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Text size="sm">{title}</Text>
            <Group grow align="flex-start">
              <TextInput
                type="date"
                label={t('calendar.move.day')}
                value={day}
                onChange={(e) => setDay(e.currentTarget.value)}
                required
                disabled={!!proposal}
              />
              <TextInput
                type="time"
                label={t('calendar.move.time')}
                description={t('calendar.move.step', { n: stepMinutes })}
                step={stepMinutes * 60}
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
                required
                disabled={!!proposal}
              />
            </Group>
            <Group grow align="flex-start">
              <Select
                label={t('calendar.move.practitioner')}
                data={practitioners.map((r) => ({ value: r.id, label: r.name }))}
                value={practitionerId}
                onChange={setPractitionerId}
                allowDeselect={false}
                disabled={!!proposal}
              />
              <Select
                label={t('calendar.move.room')}
                data={rooms.map((r) => ({ value: r.id, label: r.name }))}
                value={roomId}
                onChange={setRoomId}
                allowDeselect={false}
                disabled={!!proposal}
              />
            </Group>
            {appt.deviceIds.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('calendar.move.devices', { names: initial.deviceIds.map(nameOf).join(', ') })}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t('calendar.move.reflowHint')}
            </Text>

            {proposal ? (
              <Alert color="orange" variant="light" title={t('calendar.move.deviationTitle')} role="alert">
                <Stack gap="xs">
                  <Text size="sm">{t('calendar.move.deviationIntro')}</Text>
                  <List size="sm">
                    {proposal.deviations.map((d) => (
                      <List.Item key={`${d.appointmentId}-${d.gap}`}>
                        {t('calendar.move.deviationGap', {
                          gap: d.gap,
                          next: d.gap + 1,
                          days: d.actualDays,
                          min: d.window.min,
                          max: d.window.max,
                        })}
                      </List.Item>
                    ))}
                  </List>
                  {proposal.reflowed.length > 0 && (
                    <>
                      <Text size="sm" fw={600}>
                        {t('calendar.move.wouldFollow')}
                      </Text>
                      <List size="sm">
                        {proposal.reflowed.map((r) => (
                          <List.Item key={r.id}>
                            {t('calendar.move.session', { n: r.sessionIndex ?? '—' })}:{' '}
                            <span className="num">
                              {formatDay(r.local.date)} {r.local.time}
                            </span>
                          </List.Item>
                        ))}
                      </List>
                    </>
                  )}
                  <Textarea
                    label={t('calendar.move.reason')}
                    value={reason}
                    onChange={(e) => setReason(e.currentTarget.value)}
                    minLength={3}
                    required
                    autosize
                    minRows={2}
                  />
                </Stack>
              </Alert>
            ) : (
              move.isError && <ErrorState error={move.error} />
            )}

            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('action.cancel')}
              </Button>
              <Button type="submit" loading={move.isPending} color={proposal ? 'orange' : undefined}>
                {proposal ? t('calendar.move.confirmDeviation') : t('calendar.move.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
