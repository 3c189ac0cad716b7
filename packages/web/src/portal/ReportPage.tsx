import { ADVERSE_EVENT_TYPES } from '@exoclinic/core';
import {
  Alert,
  Button,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { post } from '../api/client';
import { ErrorState } from '../components/States';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { useSession } from '../lib/session';

/** Now, in the browser's time zone, as a datetime-local value. */
function nowLocal(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** The patient reports a side effect; the clinic's reviewers see it at once. */
export function ReportPage() {
  usePageTitle(t('report.title'));
  const session = useSession();
  const [typeId, setTypeId] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [onset, setOnset] = useState(nowLocal);
  const [grade, setGrade] = useState('1');
  const report = useMutation({
    mutationFn: () =>
      post(`/patients/${session.data?.user.patientId}/adverse-events`, {
        typeId,
        description,
        onsetAt: new Date(onset).getTime(),
        grade: Number(grade),
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    report.mutate();
  };
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('report.title')}</Title>
        <Text c="dimmed">{t('report.intro')}</Text>
      </div>
      <Alert color="red" variant="light" title={t('report.urgentTitle')}>
        {t('report.urgent')}
      </Alert>
      {report.isSuccess ? (
        <Alert color="teal" title={t('report.doneTitle')} data-testid="report-done">
          {t('report.done')}
        </Alert>
      ) : (
        <Paper withBorder p="md" component="form" onSubmit={submit}>
          <Stack>
            <Select
              label={t('report.what')}
              data={ADVERSE_EVENT_TYPES.map((a) => ({ value: a.id, label: a.name }))}
              value={typeId}
              onChange={setTypeId}
              required
              searchable
            />
            <TextInput
              label={t('report.when')}
              type="datetime-local"
              required
              value={onset}
              onChange={(e) => setOnset(e.currentTarget.value)}
            />
            <div>
              <Text size="sm" fw={500} id="grade-label" mb={4}>
                {t('report.howBad')}
              </Text>
              <SegmentedControl
                aria-labelledby="grade-label"
                fullWidth
                value={grade}
                onChange={setGrade}
                data={[
                  { value: '1', label: t('report.grade1') },
                  { value: '2', label: t('report.grade2') },
                  { value: '3', label: t('report.grade3') },
                ]}
              />
            </div>
            <Textarea
              label={t('report.describe')}
              required
              minRows={3}
              autosize
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
            {report.isError && <ErrorState error={report.error} />}
            <Button
              type="submit"
              loading={report.isPending}
              disabled={!typeId || description.trim().length < 3}
            >
              {t('report.send')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
