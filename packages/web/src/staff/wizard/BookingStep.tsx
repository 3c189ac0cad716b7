import { Alert, Stack } from '@mantine/core';
import type { Patient, PlanRecord } from '../../api/types';
import { PlanTimeline } from '../../components/PlanView';
import { Loading } from '../../components/States';
import { hasPath, useApiPaths } from '../../lib/api-has';
import { t } from '../../lib/i18n';

/** Booking the whole course needs the scheduling API; until it exists the proposed dates are shown. */
export function BookingStep({ plan }: { plan: PlanRecord; patient: Patient }) {
  const paths = useApiPaths();
  if (paths.isPending) return <Loading />;
  const scheduling = hasPath(paths.data, /\/api\/v1\/(appointments|bookings|courses)/);
  return (
    <Stack>
      <Alert
        color="blue"
        variant="light"
        title={scheduling ? t('booking.soonTitle') : t('booking.unavailableTitle')}
      >
        {scheduling ? t('booking.soon') : t('booking.unavailable')}
      </Alert>
      <PlanTimeline plan={plan.current.plan} />
    </Stack>
  );
}
