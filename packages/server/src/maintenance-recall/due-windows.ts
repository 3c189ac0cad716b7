import { addDays, daysBetween, type EpochMs, type LocalDate, localDateOf, type Plan } from '@exoclinic/core';
import type { AppointmentRow } from '../appointments/repository';

// When a patient is due back: the first maintenance session after the initial series (then after
// each maintenance), and each follow-up the plan names (the safety review at least three months
// after the last session), counted from the sessions that actually happened, not from the plan's
// proposed dates.

export interface DueItem {
  kind: 'maintenance' | 'follow-up';
  followUpKind: string | null;
  label: string;
  earliest: LocalDate;
  due: LocalDate;
  /** Null when the plan gives no upper bound. */
  latest: LocalDate | null;
  basis: { appointmentId: string; date: LocalDate; status: 'completed' | 'booked' };
  /** A live appointment that already answers this item. */
  bookedAppointmentId: string | null;
  sources: string[];
}

const HOLDING = new Set(['booked', 'checked-in']);

/**
 * Due items for one plan. With `projected`, a course still running counts from its last booked
 * session (to offer slots ahead); without, only a finished initial series counts (the recall list).
 */
export function dueItems(
  plan: Plan,
  appointments: readonly AppointmentRow[],
  timeZone: string,
  projected = false,
): DueItem[] {
  const dateOf = (a: AppointmentRow) => localDateOf(a.start_ms as EpochMs, timeZone);
  const byStart = [...appointments].sort((a, b) => a.start_ms - b.start_ms);
  const initial = byStart.filter((a) => a.kind === 'initial');
  const live = initial.filter((a) => HOLDING.has(a.status));
  const completed = initial.filter((a) => a.status === 'completed');
  const seriesDone = live.length === 0 && completed.length > 0;
  const lastInitial = live.length > 0 ? live[live.length - 1] : completed[completed.length - 1];
  if (!lastInitial || (!seriesDone && !projected)) return [];
  const items: DueItem[] = [];

  if (plan.maintenance) {
    const done = byStart.filter(
      (a) => (a.kind === 'initial' || a.kind === 'maintenance') && a.status === 'completed',
    );
    const base = seriesDone ? done[done.length - 1]! : lastInitial;
    const d = dateOf(base);
    const w = plan.maintenance.intervalDays;
    const booked = byStart.find(
      (a) => a.kind === 'maintenance' && HOLDING.has(a.status) && a.start_ms > base.start_ms,
    );
    items.push({
      kind: 'maintenance',
      followUpKind: null,
      label: 'Maintenance session',
      earliest: addDays(d, w.min),
      due: addDays(d, w.target),
      latest: addDays(d, w.max),
      basis: {
        appointmentId: base.appointment_id,
        date: d,
        status: base.status === 'completed' ? 'completed' : 'booked',
      },
      bookedAppointmentId: booked?.appointment_id ?? null,
      sources: plan.maintenance.sources,
    });
  }

  const lastPlanned = plan.sessions[plan.sessions.length - 1]?.date;
  if (lastPlanned) {
    const d = dateOf(lastInitial);
    for (const f of plan.followUps) {
      const booked = byStart.find(
        (a) => a.kind === 'follow-up' && a.follow_up_kind === f.kind && HOLDING.has(a.status),
      );
      const doneAlready = byStart.some(
        (a) =>
          a.kind === 'follow-up' &&
          a.follow_up_kind === f.kind &&
          a.status === 'completed' &&
          a.start_ms > lastInitial.start_ms,
      );
      if (doneAlready) continue;
      items.push({
        kind: 'follow-up',
        followUpKind: f.kind,
        label: f.label,
        earliest: addDays(d, daysBetween(lastPlanned, f.notBefore)),
        due: addDays(d, daysBetween(lastPlanned, f.date)),
        latest: null,
        basis: {
          appointmentId: lastInitial.appointment_id,
          date: d,
          status: lastInitial.status === 'completed' ? 'completed' : 'booked',
        },
        bookedAppointmentId: booked?.appointment_id ?? null,
        sources: f.sources,
      });
    }
  }
  return items;
}

export type RecallStatus = 'booked' | 'upcoming' | 'due' | 'overdue';

export function recallStatus(item: DueItem, today: LocalDate): RecallStatus {
  if (item.bookedAppointmentId) return 'booked';
  if (today < item.earliest) return 'upcoming';
  if (item.latest ? today > item.latest : today > item.due) return 'overdue';
  return 'due';
}
