import { ROUTES } from '@exoclinic/core';
import {
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import type { AreaSide, ChartedArea, ChartInput, ProductUse, TreatmentArea } from '../../api/records-types';
import type { Lot, Page } from '../../api/types';
import { formatDay } from '../../lib/format';
import { t } from '../../lib/i18n';
import { useProducts } from '../queries';
import { useAreaCatalog } from './queries';

export const emptyChart = (): ChartInput => ({ products: [], otherMaterials: [], areas: [], notes: '' });

const SIDES: AreaSide[] = ['both', 'left', 'right'];

/**
 * Lots of a product with their recall and expiry state, from the lot list itself (the recall
 * names no patient, so picking a lot reads no patient's record).
 */
function useLots(productId: string | null) {
  return useQuery({
    queryKey: ['lots', productId],
    enabled: !!productId,
    queryFn: () => get<Page<Lot>>(`/products/${productId}/lots`).then((p) => p.items),
  });
}

/** Why a lot cannot be picked, or its stock when it can. */
function lotState(lot: Lot): { text: string; usable: boolean } {
  if (lot.recalled)
    return {
      text: lot.recallReason ? t('lot.recalledBecause', { reason: lot.recallReason }) : t('lot.recalled'),
      usable: false,
    };
  if (lot.expired) return { text: t('products.expired'), usable: false };
  if (lot.quantity <= 0) return { text: t('lot.outOfStock'), usable: false };
  return { text: t('lot.inStock', { n: lot.quantity, unit: lot.unit }), usable: true };
}

function LotSelect({
  productId,
  value,
  onChange,
  label,
}: {
  productId: string | null;
  value: string;
  onChange: (v: string) => void;
  label: string;
}) {
  const lots = useLots(productId);
  const data = (lots.data ?? []).map((lot) => {
    const state = lotState(lot);
    return {
      value: lot.id,
      label: `${lot.lotNumber} · ${t('lot.expiresOn', { day: formatDay(lot.expiresOn, 'short') })} · ${state.text}`,
      disabled: !state.usable,
    };
  });
  return (
    <Select
      label={label}
      required
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      disabled={!productId}
      placeholder={
        !productId ? t('lot.pickProductFirst') : lots.isPending ? t('state.loading') : t('lot.pick')
      }
      error={lots.isError ? t('lot.loadFailed') : undefined}
      nothingFoundMessage={t('products.noLots')}
    />
  );
}

function ProductRow({
  use,
  index,
  onChange,
  onRemove,
  areaData,
}: {
  use: ProductUse;
  index: number;
  onChange: (u: ProductUse) => void;
  onRemove: () => void;
  areaData: { value: string; label: string }[];
}) {
  const products = useProducts();
  const n = index + 1;
  return (
    <Card withBorder padding="sm" component="fieldset" style={{ margin: 0 }}>
      <legend>
        <Text size="sm" fw={600}>
          {t('chart.productN', { n })}
        </Text>
      </legend>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('products.product')}
          required
          data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={use.productId || null}
          onChange={(v) => onChange({ ...use, productId: v ?? '', lotId: '' })}
        />
        <LotSelect
          label={t('products.lot')}
          productId={use.productId || null}
          value={use.lotId}
          onChange={(lotId) => onChange({ ...use, lotId })}
        />
        <NumberInput
          label={t('chart.quantity')}
          min={1}
          max={100}
          required
          value={use.quantity}
          onChange={(v) => onChange({ ...use, quantity: Number(v) || 1 })}
        />
        <NumberInput
          label={t('chart.volume')}
          min={0}
          decimalScale={2}
          value={use.volumeMl ?? ''}
          onChange={(v) => {
            const { volumeMl: _drop, ...rest } = use;
            onChange(v === '' ? rest : { ...rest, volumeMl: Number(v) });
          }}
        />
        <TextInput
          label={t('chart.dose')}
          value={use.dose ?? ''}
          onChange={(e) => {
            const { dose: _drop, ...rest } = use;
            const dose = e.currentTarget.value;
            onChange(dose ? { ...rest, dose } : rest);
          }}
        />
        <Select
          label={t('chart.route')}
          required
          data={ROUTES.map((r) => ({ value: r, label: t(`route.${r}` as 'route.topical') }))}
          value={use.route}
          onChange={(v) => onChange({ ...use, route: v ?? 'topical' })}
        />
        <MultiSelect
          label={t('chart.productAreas')}
          data={areaData}
          value={use.areas.map((a) => a.areaId)}
          onChange={(ids) => onChange({ ...use, areas: ids.map((areaId) => ({ areaId })) })}
          searchable
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
          {t('chart.removeProduct', { n })}
        </Button>
      </Group>
    </Card>
  );
}

/** Sided areas need a side: the charted areas with their side choice. */
function withSides(ids: string[], previous: ChartedArea[], catalog: TreatmentArea[]): ChartedArea[] {
  return ids.map((areaId) => {
    const old = previous.find((a) => a.areaId === areaId);
    const sided = catalog.find((c) => c.id === areaId)?.sided;
    return sided ? { areaId, side: old?.side ?? 'both' } : { areaId };
  });
}

/** The chart of a session: products with lots, areas from the catalog, device settings, notes. */
export function ChartForm({ value, onChange }: { value: ChartInput; onChange: (c: ChartInput) => void }) {
  const areas = useAreaCatalog();
  const catalog = areas.data ?? [];
  const areaData = (['face', 'scalp', 'joint', 'body'] as const)
    .map((region) => ({
      group: t(`area.region.${region}` as 'area.region.face'),
      items: catalog.filter((a) => a.region === region).map((a) => ({ value: a.id, label: a.name })),
    }))
    .filter((g) => g.items.length > 0);
  const flatAreas = catalog.map((a) => ({ value: a.id, label: a.name }));
  const device = value.device ?? {};
  const setDevice = (d: typeof device) => onChange({ ...value, device: d });
  return (
    <Stack gap="md">
      <section aria-labelledby="chart-products-h">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4" id="chart-products-h">
            {t('chart.products')}
          </Title>
          <Button
            size="xs"
            variant="light"
            onClick={() =>
              onChange({
                ...value,
                products: [
                  ...value.products,
                  { productId: '', lotId: '', quantity: 1, route: 'topical', areas: [] },
                ],
              })
            }
          >
            {t('chart.addProduct')}
          </Button>
        </Group>
        {value.products.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('chart.noProducts')}
          </Text>
        ) : (
          <Stack gap="sm">
            {value.products.map((u, i) => (
              <ProductRow
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
                key={i}
                use={u}
                index={i}
                areaData={flatAreas}
                onChange={(next) =>
                  onChange({ ...value, products: value.products.map((p, j) => (j === i ? next : p)) })
                }
                onRemove={() => onChange({ ...value, products: value.products.filter((_, j) => j !== i) })}
              />
            ))}
          </Stack>
        )}
      </section>

      <section aria-labelledby="chart-areas-h">
        <Title order={3} size="h4" id="chart-areas-h" mb="xs">
          {t('chart.areas')}
        </Title>
        <MultiSelect
          label={t('chart.treatedAreas')}
          description={t('chart.treatedAreasHint')}
          placeholder={value.areas.length === 0 ? t('chart.pickAreas') : undefined}
          required
          data={areaData}
          value={value.areas.map((a) => a.areaId)}
          onChange={(ids) => onChange({ ...value, areas: withSides(ids, value.areas, catalog) })}
          searchable
        />
        {value.areas.some((a) => a.side) && (
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" spacing="xs">
            {value.areas
              .filter((a) => a.side)
              .map((a) => (
                <Select
                  key={a.areaId}
                  label={t('chart.sideOf', {
                    area: catalog.find((c) => c.id === a.areaId)?.name ?? a.areaId,
                  })}
                  data={SIDES.map((s) => ({ value: s, label: t(`side.${s}` as 'side.both') }))}
                  value={a.side ?? 'both'}
                  onChange={(s) =>
                    onChange({
                      ...value,
                      areas: value.areas.map((x) =>
                        x.areaId === a.areaId ? { ...x, side: (s ?? 'both') as AreaSide } : x,
                      ),
                    })
                  }
                />
              ))}
          </SimpleGrid>
        )}
      </section>

      <section aria-labelledby="chart-device-h">
        <Title order={3} size="h4" id="chart-device-h" mb="xs">
          {t('chart.device')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('chart.deviceName')}
            value={device.device ?? ''}
            onChange={(e) => {
              const { device: _d, ...rest } = device;
              const v = e.currentTarget.value;
              setDevice(v ? { ...rest, device: v } : rest);
            }}
          />
          <NumberInput
            label={t('chart.needleDepth')}
            min={0}
            max={10}
            step={0.25}
            decimalScale={2}
            value={device.needleDepthMm ?? ''}
            onChange={(v) => {
              const { needleDepthMm: _d, ...rest } = device;
              setDevice(v === '' ? rest : { ...rest, needleDepthMm: Number(v) });
            }}
          />
          <NumberInput
            label={t('chart.passes')}
            min={1}
            max={50}
            value={device.passes ?? ''}
            onChange={(v) => {
              const { passes: _d, ...rest } = device;
              setDevice(v === '' ? rest : { ...rest, passes: Number(v) });
            }}
          />
        </SimpleGrid>
      </section>

      <Textarea
        label={t('chart.notes')}
        minRows={3}
        autosize
        value={value.notes}
        onChange={(e) => onChange({ ...value, notes: e.currentTarget.value })}
      />
    </Stack>
  );
}

/** The chart as the server sends it, trimmed of empty device settings. */
export function cleanChart(c: ChartInput): ChartInput {
  const device = c.device && Object.keys(c.device).length > 0 ? c.device : undefined;
  const { device: _d, ...rest } = c;
  return device ? { ...rest, device } : rest;
}
