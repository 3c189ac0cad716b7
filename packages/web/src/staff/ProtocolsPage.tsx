import { CATALOG, type IndicationId } from '@exoclinic/core';
import { Select, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { ProtocolStep } from './wizard/ProtocolStep';

/** The sourced protocols per indication, read-only: where the sources agree and where they do not. */
export function ProtocolsPage() {
  usePageTitle(t('protocols.title'));
  const [params, setParams] = useSearchParams();
  const indication = (params.get('indication') ?? 'skin-rejuvenation') as IndicationId;
  return (
    <Stack gap="md">
      <Title order={1}>{t('protocols.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('protocols.intro')}
      </Text>
      <Select
        label={t('wizard.indication')}
        data={CATALOG.indications.map((i) => ({ value: i.id, label: i.name }))}
        value={indication}
        allowDeselect={false}
        onChange={(v) => v && setParams({ indication: v }, { replace: true })}
        maw={360}
      />
      <ProtocolStep indication={indication} value={null} onChange={() => {}} readOnly />
    </Stack>
  );
}
