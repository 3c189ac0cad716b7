import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { applyClinicLocale, CLINIC_KEY, type Clinic, useClinic } from '../../lib/clinic';
import { noticeText, t } from '../../lib/i18n';

type Field = 'name' | 'timeZone' | 'locale' | 'currency' | 'phone' | 'email' | 'patientChangeNoticeHours';
type Draft = Record<Field, string>;
type Body = Partial<Record<Field, string | number | null>>;

/** A week: the longest notice period the server takes (clinic/schemas.ts). */
const MAX_NOTICE_HOURS = 168;

const draftOf = (c: Clinic): Draft => ({
  name: c.name,
  timeZone: c.timeZone,
  locale: c.locale,
  currency: c.currency,
  phone: c.phone ?? '',
  email: c.email ?? '',
  patientChangeNoticeHours: String(c.patientChangeNoticeHours),
});

/** The notice period typed, as the whole number of hours the server takes, or null when it is not one. */
function noticeHoursOf(text: string): number | null {
  const value = text.trim();
  if (!/^\d+$/.test(value)) return null;
  const hours = Number(value);
  return hours <= MAX_NOTICE_HOURS ? hours : null;
}

/** The browser's spelling of a language tag, or null when it is not one. */
function canonicalLocale(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/** A sample date, time and amount as the draft settings would write them; null while invalid. */
function preview(d: Draft): string | null {
  const locale = canonicalLocale(d.locale);
  if (!locale) return null;
  try {
    const now = new Date();
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: d.timeZone }).format(now);
    const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: d.timeZone }).format(now);
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency: d.currency }).format(1234.5);
    return t('clinicSettings.preview', { day, time, money });
  } catch {
    return null;
  }
}

/** Only what changed, empty contact fields sent as "none", the notice period as a number. */
function changes(clinic: Clinic, d: Draft): Body {
  const before = draftOf(clinic);
  const out: Body = {};
  for (const f of Object.keys(d) as Field[]) {
    const value = d[f].trim();
    if (value === before[f]) continue;
    if (f === 'patientChangeNoticeHours') out[f] = noticeHoursOf(value) ?? value;
    else out[f] = (f === 'phone' || f === 'email') && value === '' ? null : value;
  }
  return out;
}

/** Field messages from a 422 problem (`body.locale` → `locale`). */
function fieldProblems(error: unknown): Partial<Record<Field, string>> {
  if (!(error instanceof ApiError) || error.status !== 422) return {};
  const out: Partial<Record<Field, string>> = {};
  for (const e of error.problem.errors ?? []) {
    const field = e.path.replace(/^body\./, '') as Field;
    out[field] = e.message;
  }
  return out;
}

function ReadOnly({ clinic }: { clinic: Clinic }) {
  const rows: [string, string][] = [
    [t('clinicSettings.name'), clinic.name],
    [t('clinicSettings.jurisdiction'), t(`clinicSettings.jurisdiction.${clinic.jurisdiction}`)],
    [t('clinicSettings.timeZone'), clinic.timeZone],
    [t('clinicSettings.locale'), clinic.locale],
    [t('clinicSettings.currency'), clinic.currency],
    [t('clinicSettings.phone'), clinic.phone ?? t('clinicSettings.none')],
    [t('clinicSettings.email'), clinic.email ?? t('clinicSettings.none')],
    [
      t('clinicSettings.noticeHours'),
      noticeText(clinic.patientChangeNoticeHours, 'clinicSettings.noticeNone', 'clinicSettings.noticeValue'),
    ],
  ];
  return (
    <TableScroll minWidth={320}>
      <Table aria-label={t('clinicSettings.title')}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w="40%">
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function ClinicForm({ clinic }: { clinic: Clinic }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(clinic));
  const [notice, setNotice] = useState<'saved' | 'unchanged' | 'stale' | null>(null);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const locale = canonicalLocale(draft.locale);
  const currencies = useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames(locale ?? clinic.locale, { type: 'currency' });
    } catch {
      names = null;
    }
    return Intl.supportedValuesOf('currency').map((c) => ({
      value: c,
      label: names ? `${c} — ${names.of(c) ?? c}` : c,
    }));
  }, [locale, clinic.locale]);

  const save = useMutation({
    mutationFn: (body: Body) => api<Clinic>('PATCH', '/clinic', body, { 'if-match': `"${clinic.version}"` }),
    onSuccess: (saved) => {
      applyClinicLocale(saved);
      client.setQueryData(CLINIC_KEY, saved);
      setDraft(draftOf(saved));
      setNotice('saved');
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 412) {
        const fresh = await client.fetchQuery({
          queryKey: CLINIC_KEY,
          queryFn: () => api<Clinic>('GET', '/clinic'),
          staleTime: 0,
        });
        applyClinicLocale(fresh);
        setDraft(draftOf(fresh));
        setNotice('stale');
      }
    },
  });
  const problems = fieldProblems(save.error);
  const set = (f: Field) => (value: string) => {
    setNotice(null);
    // A server's verdict was about the values sent; editing starts afresh.
    if (save.isError) save.reset();
    setDraft((d) => ({ ...d, [f]: value }));
  };
  const noticeHours = noticeHoursOf(draft.patientChangeNoticeHours);
  const noticeError =
    problems.patientChangeNoticeHours ?? (noticeHours === null ? t('clinicSettings.noticeBad') : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A value the server would refuse is already named at its field.
    if (noticeHours === null) return;
    const body = changes(clinic, draft);
    if (Object.keys(body).length === 0) {
      setNotice('unchanged');
      return;
    }
    save.mutate(body);
  };
  const sample = preview(draft);
  const localeError =
    problems.locale ?? (draft.locale.trim() && !locale ? t('clinicSettings.localeBad') : undefined);
  const otherError =
    save.isError && !(save.error instanceof ApiError && [412, 422].includes(save.error.status));

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="clinic-title">
      <Stack gap="sm">
        <TextInput
          label={t('clinicSettings.name')}
          required
          value={draft.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={problems.name}
        />
        <Text size="sm">
          {t('clinicSettings.jurisdiction')}: {t(`clinicSettings.jurisdiction.${clinic.jurisdiction}`)}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('clinicSettings.timeZone')}
            description={t('clinicSettings.timeZoneHint')}
            required
            searchable
            limit={60}
            data={zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones]}
            value={draft.timeZone}
            onChange={(v) => v && set('timeZone')(v)}
            error={problems.timeZone}
            allowDeselect={false}
          />
          <TextInput
            label={t('clinicSettings.locale')}
            description={t('clinicSettings.localeHint')}
            required
            value={draft.locale}
            onChange={(e) => set('locale')(e.currentTarget.value)}
            error={localeError}
            autoComplete="off"
            spellCheck={false}
          />
          <Select
            label={t('clinicSettings.currency')}
            description={t('clinicSettings.currencyHint')}
            required
            searchable
            limit={60}
            data={currencies}
            value={draft.currency}
            onChange={(v) => v && set('currency')(v)}
            error={problems.currency}
            allowDeselect={false}
          />
        </SimpleGrid>
        {sample && (
          <Text size="sm" c="dimmed" data-testid="clinic-preview" aria-live="polite">
            {sample}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('clinicSettings.phone')}
            type="tel"
            autoComplete="tel"
            value={draft.phone}
            onChange={(e) => set('phone')(e.currentTarget.value)}
            error={problems.phone}
          />
          <TextInput
            label={t('clinicSettings.email')}
            type="email"
            autoComplete="email"
            value={draft.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={problems.email}
          />
        </SimpleGrid>
        <TextInput
          label={t('clinicSettings.noticeHours')}
          description={t('clinicSettings.noticeHint')}
          required
          inputMode="numeric"
          rightSection={<Text size="sm">{t('clinicSettings.hoursUnit')}</Text>}
          rightSectionWidth={64}
          maw={520}
          value={draft.patientChangeNoticeHours}
          onChange={(e) => set('patientChangeNoticeHours')(e.currentTarget.value)}
          error={noticeError}
          autoComplete="off"
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('clinicSettings.save')}
          </Button>
        </Group>
        {notice === 'saved' && (
          <Alert color="teal" variant="light" role="status" data-testid="clinic-saved">
            {t('clinicSettings.saved')}
          </Alert>
        )}
        {notice === 'unchanged' && (
          <Text size="sm" role="status">
            {t('clinicSettings.unchanged')}
          </Text>
        )}
        {notice === 'stale' && (
          <Alert color="yellow" variant="light" role="alert">
            {t('clinicSettings.stale')}
          </Alert>
        )}
        {otherError && <ErrorState error={save.error} />}
      </Stack>
    </Paper>
  );
}

/** The clinic's own settings: name, contact, and how dates, times and money are written. */
export function ClinicSettings({ canWrite }: { canWrite: boolean }) {
  const q = useClinic();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3" id="clinic-title">
        {t('clinicSettings.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('clinicSettings.intro')}
      </Text>
      {canWrite ? (
        <ClinicForm clinic={q.data} />
      ) : (
        <>
          <ReadOnly clinic={q.data} />
          <Text size="sm" c="dimmed">
            {t('clinicSettings.readOnly')}
          </Text>
        </>
      )}
    </Stack>
  );
}
