import type { DeviceType, ResourceKind } from '../catalog/modalities';
import type { EpochMs } from '../types';
import { MINUTE_MS } from './local-time';
import type { ResourceHold, SessionModality, Slot } from './types';

// A modality's segments turned once into offsets from the session start, per resource need, so
// that checking a start time is arithmetic. Segments are sized at their maximum: a slot must hold
// even when the session runs long.

export interface NeedShape {
  kind: ResourceKind;
  deviceType?: DeviceType;
  /** Flat [a0, b0, a1, b1, ...] ms after the session start during which the resource is held. */
  windows: number[];
}

export interface SessionShape {
  /** Session length at every segment's maximum, without cleaning. */
  lengthMs: number;
  /** Furthest any need reaches after the start, cleaning included. */
  holdMs: number;
  needs: NeedShape[];
}

export function compileSessionShape(modality: SessionModality, cleaningMinutes: number): SessionShape {
  if (modality.segments.length === 0) throw new RangeError(`modality ${modality.id} has no segments`);
  if (!(cleaningMinutes >= 0)) throw new RangeError('cleaning minutes must be zero or more');
  const cleaning = cleaningMinutes * MINUTE_MS;
  const practitioner: number[] = [];
  let room: [number, number] | null = null;
  const devices = new Map<DeviceType, [number, number]>();
  let offset = 0;
  for (const segment of modality.segments) {
    const end = offset + segment.minutes.max * MINUTE_MS;
    for (const need of segment.needs) {
      if (need.kind === 'practitioner') {
        // Only the segments that need them: the practitioner sees other patients during numbing.
        const last = practitioner.length - 1;
        if (last > 0 && practitioner[last] === offset) practitioner[last] = end;
        else practitioner.push(offset, end);
      } else if (need.kind === 'room') {
        // One room from the first to the last segment that needs one: the patient stays put.
        room = room ? [room[0], end] : [offset, end];
      } else {
        if (!need.deviceType) throw new RangeError(`a device need in ${modality.id} names no device type`);
        const held = devices.get(need.deviceType);
        devices.set(need.deviceType, held ? [held[0], end] : [offset, end]);
      }
    }
    offset = end;
  }
  const needs: NeedShape[] = [];
  if (practitioner.length > 0) needs.push({ kind: 'practitioner', windows: practitioner });
  // Rooms and devices are cleaned before the next patient, so the buffer is theirs.
  if (room) needs.push({ kind: 'room', windows: [room[0], room[1] + cleaning] });
  for (const [deviceType, [s, e]] of devices)
    needs.push({ kind: 'device', deviceType, windows: [s, e + cleaning] });
  let holdMs = offset;
  for (const need of needs) holdMs = Math.max(holdMs, need.windows[need.windows.length - 1]!);
  return { lengthMs: offset, holdMs, needs };
}

/** The intervals a slot takes from each of its resources: what the server writes when it books. */
export function describeHolds(shape: SessionShape, slot: Slot): ResourceHold[] {
  const holds: ResourceHold[] = [];
  let device = 0;
  for (const need of shape.needs) {
    const resourceId =
      need.kind === 'practitioner'
        ? slot.practitionerId
        : need.kind === 'room'
          ? slot.roomId
          : slot.deviceIds[device++];
    if (resourceId == null)
      throw new RangeError(`slot at ${slot.start} has no ${need.kind} for this modality`);
    for (let i = 0; i < need.windows.length; i += 2) {
      holds.push({
        resourceId,
        kind: need.kind,
        start: (slot.start + need.windows[i]!) as EpochMs,
        end: (slot.start + need.windows[i + 1]!) as EpochMs,
      });
    }
  }
  return holds;
}
