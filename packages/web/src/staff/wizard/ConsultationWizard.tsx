import { adviseConsultation, type ConsultationAdvice, findIndication } from '@exoclinic/core';
import { Alert, Anchor, Button, Group, Paper, Stack, Stepper, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { post } from '../../api/client';
import type { Consultation, PlanRecord } from '../../api/types';
import { PlanDetail } from '../../components/PlanView';
import { ScreeningView } from '../../components/ScreeningView';
import { ErrorState, Loading } from '../../components/States';
import { addDays, clinicToday } from '../../lib/format';
import { usePageTitle } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { usePatient, usePlan, useProducts } from '../queries';
import { BookingStep } from './BookingStep';
import { ConsentStep } from './ConsentStep';
import { ProfileStep } from './ProfileStep';
import { ProtocolStep } from './ProtocolStep';
import { apiProfile, initialForm, type ProfileForm, previewProfile } from './profile-form';
import { QuoteStep } from './QuoteStep';

const STEPS = ['profile', 'screening', 'protocol', 'plan', 'quote', 'consent', 'booking'] as const;
type Step = (typeof STEPS)[number];

export function ConsultationWizard() {
  const { patientId = '' } = useParams();
  const [params] = useSearchParams();
  const session = useSession();
  const client = useQueryClient();
  const patient = usePatient(patientId);
  const products = useProducts();
  const resumePlan = usePlan(params.get('plan'));
  const [step, setStep] = useState<number>(0);
  const [form, setForm] = useState<ProfileForm>(() => initialForm(addDays(clinicToday(), 7)));
  const [overrideReason, setOverrideReason] = useState('');
  const [saved, setSaved] = useState<{ consultation: Consultation | null; plan: PlanRecord } | null>(null);
  usePageTitle(t('wizard.title'));

  // Resuming an existing plan (from the chart) opens the quote or consent step directly.
  useEffect(() => {
    if (resumePlan.data && !saved) {
      setSaved({ consultation: null, plan: resumePlan.data });
      const s = params.get('step') as Step | null;
      setStep(Math.max(STEPS.indexOf(s ?? 'quote'), STEPS.indexOf('quote')));
    }
  }, [resumePlan.data, saved, params]);

  const set = (patch: Partial<ProfileForm>) => setForm((f) => ({ ...f, ...patch }));
  const parsed = useMemo(
    () => (patient.data ? previewProfile(form, patient.data, products.data ?? []) : null),
    [form, patient.data, products.data],
  );
  const byName = session.data?.user.displayName ?? 'practitioner';
  // The plan preview is computed here, in the browser, by the same core the server uses.
  const advice: ConsultationAdvice | null = useMemo(() => {
    if (!parsed?.ok) return null;
    const blocked = adviseConsultation(parsed.value);
    if (blocked.blockedBy.length > 0 && overrideReason.trim().length >= 10) {
      return adviseConsultation(parsed.value, { override: { by: byName, reason: overrideReason.trim() } });
    }
    return blocked;
  }, [parsed, overrideReason, byName]);

  const save = useMutation({
    mutationFn: async () => {
      if (!patient.data) throw new Error('no patient');
      const consultation = await post<Consultation>(`/patients/${patientId}/consultations`, {
        profile: apiProfile(form, patient.data),
        ...(form.productId && { productId: form.productId }),
      });
      const plan = await post<PlanRecord>(`/consultations/${consultation.id}/plans`, {
        ...(form.protocol && { protocol: form.protocol }),
        startDate: form.startDate,
        ...(consultation.blockedBy.length > 0 && { overrideReason: overrideReason.trim() }),
      });
      return { consultation, plan };
    },
    onSuccess: (r) => {
      setSaved(r);
      client.invalidateQueries({ queryKey: ['consultations', patientId] });
      client.invalidateQueries({ queryKey: ['current-plan', patientId] });
      client.invalidateQueries({ queryKey: ['plans', patientId] });
      setStep(STEPS.indexOf('quote'));
    },
  });

  if (patient.isPending || products.isPending || (params.get('plan') && resumePlan.isPending))
    return <Loading />;
  if (patient.isError) return <ErrorState error={patient.error} />;
  const p = patient.data;
  const blocked = (advice?.blockedBy.length ?? 0) > 0;
  const canLeaveProfile = !!parsed?.ok;
  const canPlan = !!advice?.plan;
  const current: Step = STEPS[step] ?? 'profile';
  const locked = saved !== null; // after saving, the consultation is a record: earlier steps are read-only

  const next = () => setStep((s) => Math.min(s + 1, STEPS.length - 1));
  const back = () => setStep((s) => Math.max(s - 1, locked ? STEPS.indexOf('quote') : 0));
  const nextDisabled =
    (current === 'profile' && !canLeaveProfile) ||
    (current === 'screening' && blocked && overrideReason.trim().length < 10) ||
    (current === 'protocol' && !canPlan);

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to={`/patients/${p.id}`} size="sm">
          ← {p.givenName} {p.familyName}
        </Anchor>
        <Title order={1}>{t('wizard.title')}</Title>
      </div>
      <Stepper
        active={step}
        onStepClick={(i) => (!locked || i >= STEPS.indexOf('quote')) && i <= step && setStep(i)}
        allowNextStepsSelect={false}
        size="sm"
        aria-label={t('wizard.steps')}
        visibleFrom="sm"
      >
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={t(`wizard.step.${s}` as 'wizard.step.profile')} />
        ))}
      </Stepper>

      <Text hiddenFrom="sm" size="sm" c="dimmed">
        {t('wizard.stepOf', { n: step + 1, of: STEPS.length })}
      </Text>
      <Paper withBorder p="md" component="section" aria-labelledby="step-heading">
        <Title order={2} size="h3" id="step-heading" mb="md">
          {t(`wizard.step.${current}` as 'wizard.step.profile')}
        </Title>

        {current === 'profile' && (
          <Stack>
            <ProfileStep form={form} set={set} products={products.data ?? []} />
            {parsed && !parsed.ok && (
              <Alert color="yellow" title={t('wizard.fixFields')}>
                <ul style={{ margin: 0 }}>
                  {parsed.problems.map((pr) => (
                    <li key={pr.path}>
                      {pr.path}: {pr.message}
                    </li>
                  ))}
                </ul>
              </Alert>
            )}
          </Stack>
        )}

        {current === 'screening' && advice && (
          <Stack>
            <ScreeningView
              screening={advice.screening}
              regulatory={advice.regulatory}
              blockedBy={advice.blockedBy}
              headingLevel={3}
            />
            {blocked && (
              <Textarea
                label={t('wizard.overrideReason')}
                description={t('wizard.overrideHint')}
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.currentTarget.value)}
                autosize
                minRows={2}
              />
            )}
          </Stack>
        )}

        {current === 'protocol' && (
          <Stack>
            <ProtocolStep
              indication={form.indication}
              value={form.protocol}
              onChange={(protocol) => set({ protocol })}
            />
            {advice && !advice.plan && advice.problems.length > 0 && (
              <Alert color="red" title={t('wizard.noPlan')}>
                {advice.problems.map((pr) => pr.message).join(' ')}
              </Alert>
            )}
          </Stack>
        )}

        {current === 'plan' &&
          (saved ? (
            <PlanDetail plan={saved.plan.current.plan} />
          ) : advice?.plan ? (
            <Stack>
              <Alert variant="light" color="blue" title={t('wizard.livePreview')}>
                {t('wizard.livePreviewBody', {
                  indication: findIndication(form.indication)?.name ?? form.indication,
                })}
              </Alert>
              <PlanDetail plan={advice.plan} />
              {save.isError && <ErrorState error={save.error} />}
            </Stack>
          ) : (
            <Alert color="red">{t('wizard.noPlan')}</Alert>
          ))}

        {current === 'quote' && saved && <QuoteStep plan={saved.plan} />}
        {current === 'consent' && saved && (
          <ConsentStep plan={saved.plan} patient={p} blockedBy={saved.consultation?.blockedBy ?? null} />
        )}
        {current === 'booking' && saved && <BookingStep plan={saved.plan} patient={p} />}
      </Paper>

      {saved?.consultation && current === 'quote' && (
        <Text size="sm" c="teal.9" data-testid="wizard-saved">
          {t('wizard.saved', { v: saved.plan.currentVersion })}
        </Text>
      )}

      <Group justify="space-between" className="no-print">
        <Button
          variant="default"
          onClick={back}
          disabled={step === 0 || (locked && step <= STEPS.indexOf('quote'))}
        >
          {t('action.back')}
        </Button>
        {current === 'plan' && !saved ? (
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!canPlan}>
            {t('wizard.savePlan')}
          </Button>
        ) : current === 'booking' ? (
          <Button component={Link} to={`/patients/${p.id}`}>
            {t('wizard.finish')}
          </Button>
        ) : (
          <Button onClick={next} disabled={nextDisabled}>
            {t('action.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
