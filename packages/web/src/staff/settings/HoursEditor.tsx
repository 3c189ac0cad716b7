import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { clinicLocale } from '../../lib/format';
import { t } from '../../lib/i18n';
import {
  type FieldProblem,
  MAX_RANGES,
  problemAt,
  WEEKDAYS,
  type WeeklyHours,
  weekdayName,
} from './hours-rules';

/** `HH:MM` plus some minutes, at most the end of the day. */
function later(hhmm: string, plus: number): string {
  const m = Math.min(Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) + plus, 24 * 60);
  if (Number.isNaN(m)) return hhmm;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Weekly hours, a row per weekday with any number of ranges (a lunch break is two ranges).
 * Times are wall-clock times in `timeZone`, which is shown. Problems are the page's own and the
 * server's, by path (`{prefix}.{day}.{i}.open`).
 */
export function HoursEditor({
  value,
  onChange,
  problems,
  prefix,
  legend,
  timeZone,
  readOnly = false,
}: {
  value: WeeklyHours;
  onChange: (next: WeeklyHours) => void;
  problems: FieldProblem[];
  prefix: string;
  legend: string;
  timeZone: string;
  readOnly?: boolean;
}) {
  const locale = clinicLocale().locale;
  const setDay = (day: string, ranges: { open: string; close: string }[]) =>
    onChange({ ...value, [day]: ranges });
  const monday = value['1'] ?? [];
  return (
    <fieldset className="hours-editor">
      <legend>
        <Text fw={600} size="sm" span>
          {legend}
        </Text>{' '}
        <Text size="xs" c="dimmed" span>
          {t('hours.zone', { zone: timeZone })}
        </Text>
      </legend>
      <Stack gap={6}>
        {WEEKDAYS.map((day) => {
          const ranges = value[day] ?? [];
          const name = weekdayName(day, locale);
          const dayProblem = problemAt(problems, `${prefix}.${day}`);
          return (
            <Group key={day} align="flex-start" gap="xs" wrap="wrap" className="hours-row">
              <Text size="sm" fw={500} w={110} pt={6}>
                {name}
              </Text>
              <Stack gap={4} style={{ flex: '0 1 auto' }}>
                {ranges.length === 0 && (
                  <Text size="sm" c="dimmed" pt={6}>
                    {t('hours.closed')}
                  </Text>
                )}
                {ranges.map((r, i) => {
                  const at = `${prefix}.${day}.${i}`;
                  const update = (patch: Partial<{ open: string; close: string }>) =>
                    setDay(
                      day,
                      ranges.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                    );
                  return (
                    // Ranges have no id; their position is their identity while editing.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <Group key={i} gap={6} align="flex-start" wrap="nowrap">
                      <TextInput
                        type={r.open === '24:00' ? 'text' : 'time'}
                        size="xs"
                        w={118}
                        aria-label={t('hours.opens', { day: name, n: i + 1 })}
                        value={r.open}
                        readOnly={readOnly}
                        error={problemAt(problems, `${at}.open`)}
                        onChange={(e) => update({ open: e.currentTarget.value })}
                      />
                      <Text size="sm" pt={4} aria-hidden>
                        –
                      </Text>
                      <TextInput
                        type={r.close === '24:00' ? 'text' : 'time'}
                        size="xs"
                        w={118}
                        aria-label={t('hours.closes', { day: name, n: i + 1 })}
                        value={r.close}
                        readOnly={readOnly}
                        error={problemAt(problems, `${at}.close`, at)}
                        onChange={(e) => update({ close: e.currentTarget.value })}
                      />
                      {!readOnly && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="md"
                          aria-label={t('hours.removeRange', { day: name, n: i + 1 })}
                          onClick={() =>
                            setDay(
                              day,
                              ranges.filter((_, j) => j !== i),
                            )
                          }
                        >
                          <span aria-hidden>×</span>
                        </ActionIcon>
                      )}
                    </Group>
                  );
                })}
                {dayProblem && (
                  <Text size="xs" c="red" role="alert">
                    {dayProblem}
                  </Text>
                )}
              </Stack>
              {!readOnly && ranges.length < MAX_RANGES && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  mt={4}
                  aria-label={t('hours.addRangeFor', { day: name })}
                  onClick={() => {
                    const last = ranges[ranges.length - 1];
                    setDay(day, [
                      ...ranges,
                      last
                        ? { open: last.close, close: later(last.close, 60) }
                        : { open: '09:00', close: '17:00' },
                    ]);
                  }}
                >
                  {t('hours.addRange')}
                </Button>
              )}
            </Group>
          );
        })}
        {!readOnly && monday.length > 0 && (
          <div>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() =>
                onChange({
                  ...value,
                  ...Object.fromEntries(['2', '3', '4', '5'].map((d) => [d, monday.map((r) => ({ ...r }))])),
                })
              }
            >
              {t('hours.copyMonday')}
            </Button>
          </div>
        )}
      </Stack>
    </fieldset>
  );
}
