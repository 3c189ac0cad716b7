import './calendar.css';
import {
  type CSSProperties,
  memo,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { Appointment } from '../../api/types';
import { t } from '../../lib/i18n';
import { hhmm, type Placed } from './layout';

export const PX_PER_MIN = 1.2;

export interface GridColumn {
  key: string;
  label: string;
  sub?: string;
  day: string;
  today?: boolean;
}

export interface DropTarget {
  column: number;
  minutes: number;
}

interface Props {
  label: string;
  columns: GridColumn[];
  placed: Placed[][];
  hours: { from: number; to: number };
  stepMinutes: number;
  describe: (a: Appointment) => { title: string; detail: string; label: string };
  onOpen: (a: Appointment) => void;
  onDrop: (a: Appointment, target: DropTarget) => void;
}

interface Drag {
  appt: Appointment;
  lengthMin: number;
  grabMin: number;
  x: number;
  y: number;
  moved: boolean;
  target: DropTarget | null;
}

/**
 * The grid itself: one column per resource (a day) or per day (a week), appointments placed by
 * their local start and length, overlaps side by side. Each appointment is a button: Enter or a
 * click opens the Move dialog; a pointer drag proposes a new column and time, snapped to the
 * site's booking grid, and opens the same dialog to confirm.
 */
export function CalendarGrid({
  label,
  columns,
  placed,
  hours,
  stepMinutes,
  describe,
  onOpen,
  onDrop,
}: Props) {
  const height = (hours.to - hours.from) * PX_PER_MIN;
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  dragRef.current = drag;
  // Handlers read the latest props through a ref, so that columns re-render only when theirs change.
  const live = useRef({ onOpen, onDrop, hours, stepMinutes });
  live.current = { onOpen, onDrop, hours, stepMinutes };

  // The moment the grid is in the DOM, and the frame after it is painted (bench/web reads these).
  // biome-ignore lint/correctness/useExhaustiveDependencies: marks again whenever the laid-out appointments change
  useLayoutEffect(() => {
    performance.mark('calendar:commit');
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => performance.mark('calendar:painted'));
    });
    return () => cancelAnimationFrame(frame);
  }, [placed]);

  const targetAt = useCallback((x: number, y: number, d: Drag): DropTarget | null => {
    const { hours, stepMinutes } = live.current;
    const col = document.elementsFromPoint(x, y).find((el) => el instanceof HTMLElement && el.dataset.col);
    if (!(col instanceof HTMLElement)) return null;
    const rect = col.getBoundingClientRect();
    const raw = hours.from + (y - rect.top) / PX_PER_MIN - d.grabMin;
    const step = Math.max(5, stepMinutes);
    const minutes = Math.min(hours.to - d.lengthMin, Math.max(hours.from, Math.round(raw / step) * step));
    return { column: Number(col.dataset.col), minutes };
  }, []);

  const start = useCallback((e: ReactPointerEvent<HTMLButtonElement>, p: Placed) => {
    if (e.button !== 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({
      appt: p.appt,
      lengthMin: p.lengthMin,
      grabMin: (e.clientY - rect.top) / PX_PER_MIN,
      x: e.clientX,
      y: e.clientY,
      moved: false,
      target: null,
    });
  }, []);
  const move = useCallback(
    (e: ReactPointerEvent<HTMLButtonElement>) => {
      const d = dragRef.current;
      if (!d) return;
      const moved = d.moved || Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 5;
      if (!moved) return;
      const target = targetAt(e.clientX, e.clientY, d);
      if (target?.column === d.target?.column && target?.minutes === d.target?.minutes && d.moved) return;
      setDrag({ ...d, moved, target });
    },
    [targetAt],
  );
  const end = useCallback((e: ReactPointerEvent<HTMLButtonElement>) => {
    const d = dragRef.current;
    setDrag(null);
    if (!d) return;
    e.preventDefault();
    if (!d.moved) live.current.onOpen(d.appt);
    else if (d.target) live.current.onDrop(d.appt, d.target);
  }, []);
  const cancel = useCallback(() => setDrag(null), []);
  const keyOpen = useCallback((a: Appointment) => live.current.onOpen(a), []);

  useEffect(() => {
    if (!drag) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setDrag(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drag]);

  const hourMarks: number[] = [];
  for (let m = hours.from; m < hours.to; m += 60) hourMarks.push(m);

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is reachable by keyboard
    <section className="cal-scroll" aria-label={label} tabIndex={0} data-testid="calendar-grid">
      <div
        className="cal-grid"
        style={
          {
            '--cal-cols': columns.length,
            '--cal-min-col': columns.length > 7 ? '128px' : '112px',
            '--cal-hour-px': `${60 * PX_PER_MIN}px`,
          } as CSSProperties
        }
      >
        <div className="cal-corner" />
        {columns.map((c) => (
          <div className="cal-head" key={c.key}>
            {c.label}
            {c.sub && <small>{c.sub}</small>}
          </div>
        ))}
        <div className="cal-gutter" style={{ height }} aria-hidden>
          {hourMarks.map((m) => (
            <span key={m} className="cal-hour" style={{ top: (m - hours.from) * PX_PER_MIN + 8 }}>
              {hhmm(m)}
            </span>
          ))}
        </div>
        {columns.map((c, i) => (
          <Column
            key={c.key}
            index={i}
            column={c}
            placed={placed[i] ?? []}
            hours={hours}
            height={height}
            draggingId={drag?.moved ? drag.appt.id : null}
            ghost={
              drag?.moved && drag.target?.column === i ? { ...drag.target, lengthMin: drag.lengthMin } : null
            }
            describe={describe}
            onPointerDown={start}
            onPointerMove={move}
            onPointerUp={end}
            onPointerCancel={cancel}
            onKeyOpen={keyOpen}
          />
        ))}
      </div>
    </section>
  );
}

interface ColumnProps {
  index: number;
  column: GridColumn;
  placed: Placed[];
  hours: { from: number; to: number };
  height: number;
  draggingId: string | null;
  ghost: (DropTarget & { lengthMin: number }) | null;
  describe: Props['describe'];
  onPointerDown: (e: ReactPointerEvent<HTMLButtonElement>, p: Placed) => void;
  onPointerMove: (e: ReactPointerEvent<HTMLButtonElement>) => void;
  onPointerUp: (e: ReactPointerEvent<HTMLButtonElement>) => void;
  onPointerCancel: () => void;
  onKeyOpen: (a: Appointment) => void;
}

const Column = memo(function Column({
  index,
  column,
  placed,
  hours,
  height,
  draggingId,
  ghost,
  describe,
  onPointerDown,
  onPointerMove,
  onPointerUp,
  onPointerCancel,
  onKeyOpen,
}: ColumnProps) {
  return (
    <div className="cal-col" data-col={index} data-today={column.today || undefined} style={{ height }}>
      {placed.map((p) => {
        const d = describe(p.appt);
        const h = p.lengthMin * PX_PER_MIN;
        return (
          <button
            type="button"
            key={p.appt.id}
            className="cal-appt"
            data-status={p.appt.status}
            data-appointment={p.appt.id}
            data-dragging={draggingId === p.appt.id || undefined}
            aria-label={d.label}
            aria-haspopup="dialog"
            style={{
              top: (p.startMin - hours.from) * PX_PER_MIN,
              height: h,
              left: `calc(${(p.lane / p.lanes) * 100}% + 1px)`,
              width: `calc(${100 / p.lanes}% - 2px)`,
            }}
            onPointerDown={(e) => onPointerDown(e, p)}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerCancel}
            onClick={(e) => {
              // Pointer clicks are handled on pointerup; this is Enter and Space.
              if (e.detail === 0) onKeyOpen(p.appt);
            }}
          >
            <b>{hhmm(p.startMin)}</b> {d.title}
            {h >= 40 && p.lanes <= 3 && (
              <>
                <br />
                {d.detail}
              </>
            )}
          </button>
        );
      })}
      {ghost && (
        <div
          className="cal-ghost"
          style={{ top: (ghost.minutes - hours.from) * PX_PER_MIN, height: ghost.lengthMin * PX_PER_MIN }}
          aria-hidden
        >
          {t('calendar.dropAt', { time: hhmm(ghost.minutes) })}
        </div>
      )}
    </div>
  );
});
