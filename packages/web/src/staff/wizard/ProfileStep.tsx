import { CATALOG, findIndication, type IndicationId, type ModalityId } from '@exoclinic/core';
import {
  Checkbox,
  Chip,
  Fieldset,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { Product } from '../../api/types';
import { t } from '../../lib/i18n';
import type { Jurisdiction, ProfileForm } from './profile-form';

function Segmented<T extends string>({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  options: { value: T; label: string }[];
}) {
  const id = `seg-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div>
      <Text size="sm" fw={500} id={id} mb={4}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        value={value}
        onChange={(v) => onChange(v as T)}
        data={options}
        fullWidth
      />
    </div>
  );
}

export function ProfileStep({
  form,
  set,
  products,
}: {
  form: ProfileForm;
  set: (patch: Partial<ProfileForm>) => void;
  products: Product[];
}) {
  const indication = findIndication(form.indication);
  const modalities = CATALOG.modalities.filter((m) => indication?.modalities.includes(m.id));
  return (
    <Stack gap="lg">
      <Fieldset legend={t('wizard.treatment')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('wizard.indication')}
            data={CATALOG.indications.map((i) => ({ value: i.id, label: i.name }))}
            value={form.indication}
            allowDeselect={false}
            onChange={(v) => {
              if (!v) return;
              const next = findIndication(v as IndicationId);
              set({
                indication: v as IndicationId,
                modality: next?.modalities[0] ?? form.modality,
                protocol: null,
              });
            }}
          />
          <Select
            label={t('wizard.modality')}
            data={modalities.map((m) => ({ value: m.id, label: m.name }))}
            value={form.modality}
            allowDeselect={false}
            onChange={(v) => v && set({ modality: v as ModalityId })}
          />
          <Select
            label={t('wizard.product')}
            placeholder={t('wizard.noProduct')}
            data={products.map((p) => ({ value: p.id, label: `${p.name} (${p.supplier})` }))}
            value={form.productId}
            clearable
            onChange={(v) => set({ productId: v })}
          />
          <SimpleGrid cols={2}>
            <Select
              label={t('wizard.jurisdiction')}
              data={['US', 'KR', 'EU', 'UK']}
              value={form.jurisdiction}
              allowDeselect={false}
              onChange={(v) => v && set({ jurisdiction: v as Jurisdiction })}
            />
            <TextInput
              label={t('wizard.startDate')}
              type="date"
              required
              value={form.startDate}
              onChange={(e) => set({ startDate: e.currentTarget.value })}
            />
          </SimpleGrid>
        </SimpleGrid>
        {indication && (
          <Text size="sm" c="dimmed" mt="xs">
            {indication.summary}
          </Text>
        )}
      </Fieldset>

      <Fieldset legend={t('wizard.concern')}>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Segmented
            label={t('wizard.severity')}
            value={form.severity}
            onChange={(severity) => set({ severity })}
            options={[
              { value: 'mild', label: t('severity.mild') },
              { value: 'moderate', label: t('severity.moderate') },
              { value: 'severe', label: t('severity.severe') },
            ]}
          />
          <Segmented
            label={t('wizard.areaSize')}
            value={form.areaSize}
            onChange={(areaSize) => set({ areaSize })}
            options={[
              { value: 'small', label: t('area.small') },
              { value: 'medium', label: t('area.medium') },
              { value: 'large', label: t('area.large') },
            ]}
          />
          <Segmented
            label={t('wizard.goal')}
            value={form.goal}
            onChange={(goal) => set({ goal })}
            options={[
              { value: 'subtle', label: t('goal.subtle') },
              { value: 'moderate', label: t('goal.moderate') },
              { value: 'dramatic', label: t('goal.dramatic') },
            ]}
          />
        </SimpleGrid>
        <Text size="sm" fw={500} mt="md" mb={4} id="combined-label">
          {t('wizard.combinedWith')}
        </Text>
        <Chip.Group
          multiple
          value={form.combinedWith}
          onChange={(v) => set({ combinedWith: v as ProfileForm['combinedWith'] })}
        >
          <Group gap="xs" role="group" aria-labelledby="combined-label">
            {(['microneedling', 'radiofrequency', 'laser', 'prp'] as const).map((c) => (
              <Chip key={c} value={c} variant="outline">
                {t(`combined.${c}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md">
          <Select
            label={t('wizard.chronicity')}
            data={[
              { value: '', label: t('wizard.notStated') },
              { value: 'acute', label: t('chronicity.acute') },
              { value: 'chronic', label: t('chronicity.chronic') },
            ]}
            value={form.chronicity}
            allowDeselect={false}
            onChange={(v) => set({ chronicity: (v ?? '') as ProfileForm['chronicity'] })}
          />
          <Select
            label={t('wizard.health')}
            data={[
              { value: '', label: t('wizard.notStated') },
              { value: 'good', label: t('health.good') },
              { value: 'fair', label: t('health.fair') },
              { value: 'poor', label: t('health.poor') },
            ]}
            value={form.health}
            allowDeselect={false}
            onChange={(v) => set({ health: (v ?? '') as ProfileForm['health'] })}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t('wizard.medical')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Checkbox
            label={t('screen.pregnant')}
            checked={form.pregnant}
            onChange={(e) => set({ pregnant: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('screen.breastfeeding')}
            checked={form.breastfeeding}
            onChange={(e) => set({ breastfeeding: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('screen.activeInfection')}
            checked={form.activeInfection}
            onChange={(e) => set({ activeInfection: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('screen.autoimmune')}
            checked={form.autoimmune}
            onChange={(e) => set({ autoimmune: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('screen.keloid')}
            checked={form.keloidHistory}
            onChange={(e) => set({ keloidHistory: e.currentTarget.checked })}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md">
          <Select
            label={t('screen.fitzpatrick')}
            data={['1', '2', '3', '4', '5', '6'].map((v) => ({
              value: v,
              label: t('fitzpatrick.n', { n: ['I', 'II', 'III', 'IV', 'V', 'VI'][Number(v) - 1] ?? v }),
            }))}
            value={form.fitzpatrick}
            allowDeselect={false}
            onChange={(v) => v && set({ fitzpatrick: v })}
          />
          <TagsInput
            label={t('screen.allergies')}
            description={t('wizard.tagsHint')}
            value={form.allergies}
            onChange={(allergies) => set({ allergies })}
          />
          <TagsInput
            label={t('screen.conditions')}
            description={t('wizard.tagsHint')}
            value={form.conditions}
            onChange={(conditions) => set({ conditions })}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
