import { CATALOG, type IndicationId } from '@exoclinic/core';
import { Anchor, Select, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { ProtocolStep } from './wizard/ProtocolStep';

/** The sourced protocols per indication, read-only: where the sources agree and where they do not. */
export function ProtocolsPage() {
  usePageTitle(t('protocols.title'));
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const indication = (params.get('indication') ?? 'skin-rejuvenation') as IndicationId;
  return (
    <Stack gap="md">
      <Title order={1}>{t('protocols.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('protocols.intro')}
      </Text>
      {may(session.data, 'protocol-settings.write') && (
        <Anchor component={Link} to="/settings?tab=protocols" size="sm">
          {t('protocolSettings.manage')}
        </Anchor>
      )}
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
