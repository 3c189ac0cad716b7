import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import type { AreaSide, TreatmentArea, TreatmentSession } from '../../api/records-types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { clinicToday, daysBetween, formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { SessionStatus } from './CheckInPage';
import {
  type PhotoComparison,
  type PhotoView,
  tookPlace,
  uploadSessionPhoto,
  useAllPatientSessions,
  usePhotoComparisons,
  useSessionsPhotos,
} from './chart-records-api';
import { useAreaCatalog } from './queries';

const SIDES: readonly AreaSide[] = ['left', 'right', 'both'];
const THUMB_WIDTH = 160;

const sessionDay = (s: TreatmentSession) => s.checkedInAt ?? s.createdAt;

function sessionLabel(s: TreatmentSession): string {
  const date = formatInstant(sessionDay(s), false);
  return s.kind === 'maintenance' || s.sessionIndex === null
    ? t('photos.maintenanceLabel', { date })
    : t('photos.sessionLabel', { n: s.sessionIndex, date });
}

const viewKey = (p: { areaId: string; side: string | null }) => `${p.areaId}|${p.side ?? ''}`;

/** What the photographed area is called, with its side. */
function useAreaLabel() {
  const areas = useAreaCatalog();
  return (areaId: string, side: string | null) => {
    const name = areas.data?.find((a) => a.id === areaId)?.name ?? areaId;
    return side ? `${name} (${t(`side.${side}` as 'side.both').toLowerCase()})` : name;
  };
}

const kindWord = (kind: PhotoView['kind']) => t(`photos.kind.${kind}` as 'photos.kind.before');

// -- Upload -------------------------------------------------------------------------------------

type Field = 'file' | 'areaId' | 'side' | 'kind';

/** The server's problem, spread over the form's fields; what names no field stays general. */
function problemByField(error: unknown): { fields: Partial<Record<Field, string>>; general: boolean } {
  if (!(error instanceof ApiError)) return { fields: {}, general: true };
  const p = error.problem;
  // 413 too large, 415 wrong type, 422 unreadable or empty image: all about the file itself.
  if (!p.errors?.length && [413, 415, 422].includes(error.status)) {
    return { fields: { file: p.detail ?? p.title ?? '' }, general: false };
  }
  const fields: Partial<Record<Field, string>> = {};
  let general = !p.errors?.length;
  for (const e of p.errors ?? []) {
    const name = e.path.replace(/^querystring\./, '');
    if (name === 'areaId' || name === 'side' || name === 'kind') {
      fields[name] = fields[name] ? `${fields[name]}; ${e.message}` : e.message;
    } else general = true;
  }
  return { fields, general };
}

function UploadPhoto({
  sessions,
  areas,
  onUploaded,
}: {
  sessions: TreatmentSession[];
  areas: readonly TreatmentArea[];
  onUploaded: (p: PhotoView) => void;
}) {
  const [sessionId, setSessionId] = useState<string | null>(sessions[0]?.id ?? null);
  const [file, setFile] = useState<File | null>(null);
  const [areaId, setAreaId] = useState<string | null>(null);
  const [side, setSide] = useState<AreaSide | null>(null);
  const [kind, setKind] = useState<'before' | 'after' | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  // A field's problem goes away once that field is changed; the others stay until the next try.
  const [fixed, setFixed] = useState<ReadonlySet<Field>>(new Set());
  const touch = (f: Field) => setFixed((prev) => new Set([...prev, f]));
  const area = areas.find((a) => a.id === areaId);
  const upload = useMutation({
    onMutate: () => setFixed(new Set()),
    mutationFn: (f: File) => uploadSessionPhoto(sessionId ?? '', { file: f, areaId, side, kind }),
    onSuccess: (p) => {
      setFile(null);
      onUploaded(p);
    },
  });
  const found = upload.isError ? problemByField(upload.error) : { fields: {}, general: false };
  const problem = (f: Field) => (fixed.has(f) ? undefined : found.fields[f]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileMissing(true);
      return;
    }
    upload.mutate(file);
  };
  const areaData = (['face', 'scalp', 'joint', 'body'] as const)
    .map((region) => ({
      group: t(`area.region.${region}` as 'area.region.face'),
      items: areas.filter((a) => a.region === region).map((a) => ({ value: a.id, label: a.name })),
    }))
    .filter((g) => g.items.length > 0);
  const uploadedTo = sessions.find((s) => s.id === upload.data?.sessionId);
  return (
    <Card withBorder component="section" aria-labelledby="photo-upload-h">
      <Title order={2} size="h4" id="photo-upload-h" mb="sm">
        {t('photos.uploadTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('photos.session')}
              required
              data={sessions.map((s) => ({ value: s.id, label: sessionLabel(s) }))}
              value={sessionId}
              onChange={setSessionId}
              allowDeselect={false}
            />
            <FileInput
              label={t('photos.file')}
              description={t('photos.fileHint')}
              placeholder={t('photos.filePlaceholder')}
              required
              accept="image/jpeg,image/png,image/webp"
              value={file}
              onChange={(f) => {
                setFile(f);
                setFileMissing(false);
                touch('file');
              }}
              clearable
              clearButtonProps={{ 'aria-label': t('photos.clearFile') }}
              error={fileMissing ? t('photos.fileMissing') : problem('file')}
            />
            <Select
              label={t('photos.area')}
              placeholder={t('photos.areaPlaceholder')}
              required
              searchable
              data={areaData}
              value={areaId}
              onChange={(v) => {
                setAreaId(v);
                touch('areaId');
                const next = areas.find((a) => a.id === v);
                if (!next?.sided) setSide(null);
              }}
              error={problem('areaId')}
            />
            {area?.sided && (
              <Select
                label={t('photos.side')}
                required
                data={SIDES.map((s) => ({ value: s, label: t(`side.${s}` as 'side.both') }))}
                value={side}
                onChange={(v) => {
                  setSide(v as AreaSide | null);
                  touch('side');
                  touch('areaId'); // a paired area's missing side is reported on the area
                }}
                error={problem('side')}
              />
            )}
          </SimpleGrid>
          <Radio.Group
            label={t('photos.kind')}
            required
            value={kind ?? ''}
            onChange={(v) => {
              setKind(v as 'before' | 'after');
              touch('kind');
            }}
            error={problem('kind')}
          >
            <Group gap="lg" mt={4}>
              <Radio value="before" label={t('photos.kindBefore')} />
              <Radio value="after" label={t('photos.kindAfter')} />
            </Group>
          </Radio.Group>
          {found.general && <ErrorState error={upload.error} />}
          {upload.isSuccess && uploadedTo && (
            <Alert color="teal" variant="light" data-testid="photo-uploaded">
              {t('photos.uploaded', { session: sessionLabel(uploadedTo) })}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={upload.isPending}>
              {t('photos.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

// -- Thumbnails per session ------------------------------------------------------------------------

function Thumbnail({ photo, areaLabel }: { photo: PhotoView; areaLabel: string }) {
  const alt = t('photos.alt', {
    kind: kindWord(photo.kind),
    area: areaLabel,
    date: formatInstant(photo.createdAt, false),
  });
  const height = Math.round((THUMB_WIDTH * photo.height) / Math.max(1, photo.width));
  return (
    <Stack gap={4} component="figure" m={0} w={THUMB_WIDTH}>
      <Anchor href={photo.imageUrl} target="_blank" rel="noopener" aria-label={t('photos.openFull', { alt })}>
        <img
          src={photo.thumbnailUrl}
          alt={alt}
          width={THUMB_WIDTH}
          height={height}
          loading="lazy"
          style={{ display: 'block', borderRadius: 4, objectFit: 'cover', background: '#f1f3f5' }}
        />
      </Anchor>
      <Text size="xs" component="figcaption">
        <Badge size="xs" variant="light" color={photo.kind === 'before' ? 'gray' : 'teal'} mr={4}>
          {kindWord(photo.kind)}
        </Badge>
        {areaLabel}
      </Text>
    </Stack>
  );
}

// -- Comparison ------------------------------------------------------------------------------------

function ComparedPhoto({
  role,
  photo,
  areaLabel,
  firstDay,
}: {
  role: string;
  photo: PhotoView;
  areaLabel: string;
  firstDay: string | null;
}) {
  const date = formatInstant(photo.createdAt, false);
  const alt = t('photos.alt', { kind: kindWord(photo.kind), area: areaLabel, date });
  const day = firstDay === null ? null : daysBetween(firstDay, clinicToday(photo.createdAt));
  return (
    <Stack gap={4} component="figure" m={0}>
      <img
        src={photo.imageUrl}
        alt={alt}
        width={photo.width}
        height={photo.height}
        style={{
          display: 'block',
          width: '100%',
          height: 'auto',
          maxHeight: 520,
          objectFit: 'contain',
          borderRadius: 4,
          background: '#f1f3f5',
        }}
      />
      <Text size="sm" component="figcaption" style={{ overflowWrap: 'anywhere' }}>
        <strong>{t('photos.figure', { role, kind: kindWord(photo.kind), date })}</strong>
        {day !== null && ` · ${t('photos.dayN', { n: day })}`}
      </Text>
    </Stack>
  );
}

function ComparePhotos({
  photos,
  pairs,
  sessions,
  areaLabel,
}: {
  photos: PhotoView[];
  pairs: PhotoComparison[];
  sessions: TreatmentSession[];
  areaLabel: (areaId: string, side: string | null) => string;
}) {
  const byView = useMemo(() => {
    const m = new Map<string, PhotoView[]>();
    for (const p of [...photos].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
      m.set(viewKey(p), [...(m.get(viewKey(p)) ?? []), p]);
    }
    return m;
  }, [photos]);
  const comparable = [...byView.entries()].filter(([, ps]) => ps.length >= 2);
  // The server's pair (first before, latest after) is where a comparison starts.
  const firstPaired = pairs.find((p) => p.before && p.after);
  const [view, setView] = useState<string | null>(null);
  const [baselineId, setBaselineId] = useState<string | null>(null);
  const [followUpId, setFollowUpId] = useState<string | null>(null);
  const currentView =
    view && byView.has(view) ? view : firstPaired ? viewKey(firstPaired) : (comparable[0]?.[0] ?? null);
  const inView = currentView ? (byView.get(currentView) ?? []) : [];
  const pair = pairs.find((p) => viewKey(p) === currentView);
  const baseline =
    inView.find((p) => p.id === baselineId) ??
    inView.find((p) => p.id === pair?.before?.id) ??
    inView[0] ??
    null;
  const later = inView.filter((p) => baseline && p.id !== baseline.id && p.createdAt >= baseline.createdAt);
  const followUp =
    later.find((p) => p.id === followUpId) ??
    later.find((p) => p.id === pair?.after?.id) ??
    later.at(-1) ??
    null;
  const sessionOf = (p: PhotoView) => sessions.find((s) => s.id === p.sessionId);
  const done = sessions.filter(tookPlace);
  const first = done.length ? Math.min(...done.map(sessionDay)) : null;
  const firstDay = first === null ? null : clinicToday(first);
  const option = (p: PhotoView) => {
    const s = sessionOf(p);
    return {
      value: p.id,
      label: t('photos.photoOption', {
        kind: kindWord(p.kind),
        date: formatInstant(p.createdAt),
        session: s ? sessionLabel(s) : '—',
      }),
    };
  };
  if (comparable.length === 0 || !currentView || !baseline)
    return <Empty>{t('photos.compareNeedsTwo')}</Empty>;
  const [areaId = '', side = ''] = currentView.split('|');
  const label = areaLabel(areaId, side || null);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('photos.compareIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('photos.view')}
          data={comparable.map(([key, ps]) => {
            const [a = '', s = ''] = key.split('|');
            return {
              value: key,
              label: t('photos.viewOption', { area: areaLabel(a, s || null), n: ps.length }),
            };
          })}
          value={currentView}
          onChange={(v) => {
            setView(v);
            setBaselineId(null);
            setFollowUpId(null);
          }}
          allowDeselect={false}
        />
        <Select
          label={t('photos.baseline')}
          data={inView.slice(0, -1).map(option)}
          value={baseline.id}
          onChange={(v) => {
            setBaselineId(v);
            setFollowUpId(null);
          }}
          allowDeselect={false}
        />
        <Select
          label={t('photos.followUp')}
          data={later.map(option)}
          value={followUp?.id ?? null}
          onChange={setFollowUpId}
          allowDeselect={false}
          placeholder={later.length === 0 ? t('photos.noFollowUp') : undefined}
        />
      </SimpleGrid>
      {/* Two columns at every width: on a phone too, the point is to see both at once. */}
      <SimpleGrid cols={2} spacing="sm" data-testid="photo-comparison">
        <ComparedPhoto role={t('photos.baseline')} photo={baseline} areaLabel={label} firstDay={firstDay} />
        {followUp ? (
          <ComparedPhoto role={t('photos.followUp')} photo={followUp} areaLabel={label} firstDay={firstDay} />
        ) : (
          <Empty>{t('photos.noFollowUp')}</Empty>
        )}
      </SimpleGrid>
      {followUp && (
        <Group gap="md">
          <Text size="sm">
            {t('photos.between', {
              n: daysBetween(clinicToday(baseline.createdAt), clinicToday(followUp.createdAt)),
            })}
          </Text>
          <Anchor
            size="sm"
            href={`/api/v1/photos/${baseline.id}/side-by-side?with=${followUp.id}`}
            target="_blank"
            rel="noopener"
          >
            {t('photos.oneImage')}
          </Anchor>
        </Group>
      )}
      <Alert color="gray" variant="light" data-testid="photo-note">
        <Text size="sm">{t('photos.note')}</Text>
      </Alert>
    </Stack>
  );
}

// -- The tab ---------------------------------------------------------------------------------------

/** The patient's photos: per session, upload, and a baseline/follow-up comparison of one area. */
export function PhotosTab({ patientId }: { patientId: string }) {
  const session = useSession();
  const client = useQueryClient();
  const sessions = useAllPatientSessions(patientId);
  const areas = useAreaCatalog();
  const areaLabel = useAreaLabel();
  const taken = (sessions.data ?? []).filter(tookPlace);
  const photoQueries = useSessionsPhotos(taken.map((s) => s.id));
  const comparisons = usePhotoComparisons(patientId, taken.length > 0);
  if (sessions.isPending || areas.isPending) return <Loading />;
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />;
  if (areas.isError) return <ErrorState error={areas.error} onRetry={() => areas.refetch()} />;
  if (taken.length === 0) return <Empty>{t('photos.noSessions')}</Empty>;
  const allPhotos = photoQueries.flatMap((q) => q.data ?? []);
  const photosLoading = photoQueries.some((q) => q.isPending) || comparisons.isPending;
  const photosError = photoQueries.find((q) => q.isError)?.error ?? comparisons.error;
  const onUploaded = (p: PhotoView) => {
    client.invalidateQueries({ queryKey: ['photos', p.sessionId] });
    client.invalidateQueries({ queryKey: ['photo-comparisons', patientId] });
  };
  return (
    <Stack gap="lg">
      {may(session.data, 'photos.write') && (
        <UploadPhoto sessions={taken} areas={areas.data} onUploaded={onUploaded} />
      )}
      <Card withBorder component="section" aria-labelledby="photo-compare-h">
        <Title order={2} size="h4" id="photo-compare-h" mb="sm">
          {t('photos.compareTitle')}
        </Title>
        {photosLoading ? (
          <Loading />
        ) : photosError ? (
          <ErrorState error={photosError} />
        ) : (
          <ComparePhotos
            photos={allPhotos}
            pairs={comparisons.data ?? []}
            sessions={taken}
            areaLabel={areaLabel}
          />
        )}
      </Card>
      <section aria-labelledby="photo-sessions-h">
        <Title order={2} size="h4" id="photo-sessions-h" mb="sm">
          {t('photos.bySession')}
        </Title>
        <Stack gap="md">
          {taken.map((s, i) => {
            const q = photoQueries[i];
            return (
              <Card withBorder key={s.id} data-testid="photo-session">
                <Group gap="xs" mb="xs">
                  <Title order={3} size="h5">
                    {sessionLabel(s)}
                  </Title>
                  <SessionStatus s={s} />
                  {q?.data && (
                    <Text size="sm" c="dimmed">
                      {t('photos.count', { n: q.data.length })}
                    </Text>
                  )}
                </Group>
                {!q || q.isPending ? (
                  <Loading />
                ) : q.isError ? (
                  <ErrorState error={q.error} onRetry={() => q.refetch()} />
                ) : q.data.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('photos.noPhotos')}
                  </Text>
                ) : (
                  <Group gap="sm" align="flex-start">
                    {q.data.map((p) => (
                      <Thumbnail key={p.id} photo={p} areaLabel={areaLabel(p.areaId, p.side)} />
                    ))}
                  </Group>
                )}
              </Card>
            );
          })}
        </Stack>
      </section>
    </Stack>
  );
}
