import { Button, Card, Group, Select, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { post } from '../../api/client';
import type { ConsentRecord, Patient, PlanRecord } from '../../api/types';
import { ConsentPanel } from '../../components/ConsentPanel';
import { Empty, ErrorState, Loading } from '../../components/States';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { AcceptPlan } from '../PatientChartPage';
import { useConsents, useConsentTemplates, useConsultations, usePlan } from '../queries';

export function ConsentStep({
  plan,
  patient,
  blockedBy,
}: {
  plan: PlanRecord;
  patient: Patient;
  blockedBy: string[] | null;
}) {
  const session = useSession();
  const client = useQueryClient();
  const templates = useConsentTemplates();
  const consents = useConsents(plan.id);
  const fresh = usePlan(plan.id);
  const consultations = useConsultations(
    patient.id,
    blockedBy === null && may(session.data, 'consultations.read'),
  );
  const [templateId, setTemplateId] = useState<string | null>(null);
  const latestTemplates = [...new Map((templates.data ?? []).map((tp) => [tp.id, tp])).values()];
  const chosen = templateId ?? latestTemplates[0]?.id ?? null;
  const prepare = useMutation({
    mutationFn: () => post<ConsentRecord>(`/plans/${plan.id}/consents`, { templateId: chosen }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['consents', plan.id] }),
  });
  if (templates.isPending || consents.isPending) return <Loading />;
  if (templates.isError) return <ErrorState error={templates.error} />;
  const current = consents.data?.find((c) => c.planVersion === plan.currentVersion);
  const stopped = blockedBy ?? consultations.data?.find((c) => c.id === plan.consultationId)?.blockedBy ?? [];
  return (
    <Stack gap="lg">
      {!current && (
        <Group align="flex-end">
          <Select
            label={t('consent.template')}
            data={latestTemplates.map((tp) => ({ value: tp.id, label: `${tp.title} · v${tp.version}` }))}
            value={chosen}
            onChange={setTemplateId}
            allowDeselect={false}
            miw={280}
          />
          <Button onClick={() => prepare.mutate()} loading={prepare.isPending} disabled={!chosen}>
            {t('consent.prepare')}
          </Button>
        </Group>
      )}
      {latestTemplates.length === 0 && <Empty>{t('consent.noTemplates')}</Empty>}
      {prepare.isError && <ErrorState error={prepare.error} />}
      {current && (
        <ConsentPanel
          consent={current}
          patientName={`${patient.givenName} ${patient.familyName}`}
          canSign={may(session.data, 'consents.sign')}
          canWitness={may(session.data, 'consents.witness')}
        />
      )}
      {current?.signature && may(session.data, 'plans.accept') && fresh.data && (
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">
            {t('plan.acceptTitle')}
          </Title>
          <AcceptPlan plan={fresh.data} needsOverride={stopped.length > 0} />
        </Card>
      )}
    </Stack>
  );
}
