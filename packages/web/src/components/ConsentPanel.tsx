import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { post } from '../api/client';
import type { ConsentRecord } from '../api/types';
import { formatInstant } from '../lib/format';
import { t } from '../lib/i18n';
import { Disclosures } from './ScreeningView';
import { ErrorState } from './States';
import { ScrollRegion } from './TableScroll';

const STATUS_COLOR: Record<string, string> = { pending: 'yellow', signed: 'blue', witnessed: 'teal' };

export function ConsentStatus({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light">
      {t(`consent.status.${status}` as 'consent.status.pending')}
    </Badge>
  );
}

/** A consent as the patient reads it: the text, the regulatory disclosures, and the typed signature. */
export function ConsentPanel({
  consent,
  patientName,
  canSign,
  canWitness,
  headingLevel = 3,
}: {
  consent: ConsentRecord;
  patientName: string;
  canSign: boolean;
  canWitness: boolean;
  headingLevel?: 2 | 3 | 4;
}) {
  const client = useQueryClient();
  const [typedName, setTypedName] = useState('');
  const done = (c: ConsentRecord) => {
    client.setQueryData(['consents', c.planId], (old: ConsentRecord[] | undefined) =>
      old?.map((x) => (x.id === c.id ? c : x)),
    );
    client.invalidateQueries({ queryKey: ['consents', c.planId] });
  };
  const sign = useMutation({
    mutationFn: () => post<ConsentRecord>(`/consents/${consent.id}/sign`, { typedName }),
    onSuccess: done,
  });
  const witness = useMutation({
    mutationFn: () => post<ConsentRecord>(`/consents/${consent.id}/witness`),
    onSuccess: done,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sign.mutate();
  };
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={headingLevel}>{t('consent.title')}</Title>
        <ConsentStatus status={consent.status} />
        <Text size="xs" c="dimmed">
          {t('consent.forVersion', { v: consent.planVersion, tv: consent.templateVersion })}
        </Text>
      </Group>
      <Paper withBorder p="sm">
        <ScrollRegion className="scroll-box" style={{ maxHeight: 320 }} label={t('consent.text')}>
          <Text size="sm" className="prewrap" data-testid="consent-text">
            {consent.text}
          </Text>
        </ScrollRegion>
      </Paper>
      <div>
        <Title order={headingLevel + 1 > 6 ? 6 : ((headingLevel + 1) as 3)} mb="xs">
          {t('consent.disclosures')}
        </Title>
        <Disclosures disclosures={consent.disclosures} />
      </div>
      {consent.signature ? (
        <Alert color="teal" title={t('consent.signedTitle')} data-testid="consent-signed">
          {t('consent.signedBy', {
            name: consent.signature.typedName ?? '',
            at: formatInstant(consent.signature.at),
          })}
          {consent.witness && ` ${t('consent.witnessedAt', { at: formatInstant(consent.witness.at) })}`}
        </Alert>
      ) : canSign ? (
        <Paper withBorder p="sm" component="form" onSubmit={submit}>
          <Stack gap="xs">
            <TextInput
              label={t('consent.typeName')}
              description={t('consent.typeNameHint', { name: patientName })}
              value={typedName}
              onChange={(e) => setTypedName(e.currentTarget.value)}
              required
              autoComplete="off"
            />
            {sign.isError && <ErrorState error={sign.error} />}
            <Group>
              <Button type="submit" loading={sign.isPending} disabled={typedName.trim().length < 2}>
                {t('consent.sign')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
      {consent.status === 'signed' && canWitness && (
        <Group>
          <Button variant="light" loading={witness.isPending} onClick={() => witness.mutate()}>
            {t('consent.witness')}
          </Button>
          {witness.isError && <ErrorState error={witness.error} />}
        </Group>
      )}
    </Stack>
  );
}
