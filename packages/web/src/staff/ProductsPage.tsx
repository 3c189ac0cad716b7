import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { get, post } from '../api/client';
import type { Lot, Page, Product } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import { TableScroll } from '../components/TableScroll';
import { clinicToday, daysBetween, formatDay } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { useProducts } from './queries';
import { LotRecall } from './records/LotRecall';

function LotForm({ productId }: { productId: string }) {
  const client = useQueryClient();
  const [lotNumber, setLotNumber] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [quantity, setQuantity] = useState<number | string>(10);
  const add = useMutation({
    mutationFn: () =>
      post<Lot>(`/products/${productId}/lots`, {
        lotNumber,
        expiresOn,
        quantity: Number(quantity),
        unit: 'vial',
      }),
    onSuccess: () => {
      setLotNumber('');
      setExpiresOn('');
      client.invalidateQueries({ queryKey: ['lots', productId] });
      client.invalidateQueries({ queryKey: ['lot-alerts'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={t('products.receiveLot')}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label={t('products.lotNumber')}
          required
          value={lotNumber}
          onChange={(e) => setLotNumber(e.currentTarget.value)}
          size="xs"
        />
        <TextInput
          label={t('products.expires')}
          type="date"
          required
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.currentTarget.value)}
          size="xs"
        />
        <NumberInput
          label={t('products.quantity')}
          min={0}
          value={quantity}
          onChange={setQuantity}
          size="xs"
          w={100}
        />
        <Button type="submit" size="xs" variant="light" loading={add.isPending}>
          {t('products.receiveLot')}
        </Button>
      </Group>
      {add.isError && <ErrorState error={add.error} />}
    </form>
  );
}

function ProductCard({ product, canWrite }: { product: Product; canWrite: boolean }) {
  const lots = useQuery({
    queryKey: ['lots', product.id],
    queryFn: () => get<Page<Lot>>(`/products/${product.id}/lots`).then((p) => p.items),
  });
  const today = clinicToday();
  return (
    <Card withBorder component="article" aria-labelledby={`p-${product.id}`}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={`p-${product.id}`}>
            {product.name}
          </Title>
          <Text size="sm" c="dimmed">
            {product.supplier} · {t(`origin.${product.origin}` as 'origin.plant')}
          </Text>
        </div>
        <Group gap={6} wrap="wrap">
          {product.registrations.length === 0 ? (
            <Badge color="gray">{t('products.noRegistration')}</Badge>
          ) : (
            product.registrations.map((r) => (
              <Badge
                key={r.jurisdiction}
                variant="light"
                color={
                  r.registration === 'approved'
                    ? 'teal'
                    : r.registration === 'unregistered'
                      ? 'red'
                      : 'yellow'
                }
              >
                {r.jurisdiction}: {t(`registration.${r.registration}` as 'registration.approved')}
                {r.routes.length > 0 && ` · ${r.routes.join(', ')}`}
                {r.indNumber && ` · ${r.indNumber}`}
              </Badge>
            ))
          )}
        </Group>
        {product.components.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('products.components')}: {product.components.join(', ')}
          </Text>
        )}
        {lots.isPending ? (
          <Loading />
        ) : lots.isError ? (
          <ErrorState error={lots.error} />
        ) : lots.data.length === 0 ? (
          <Empty>{t('products.noLots')}</Empty>
        ) : (
          <TableScroll minWidth={360}>
            <Table aria-label={t('products.lotsOf', { name: product.name })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('products.lot')}</Table.Th>
                  <Table.Th scope="col">{t('products.expires')}</Table.Th>
                  <Table.Th scope="col">{t('products.quantity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lots.data.map((l) => {
                  const left = daysBetween(today, l.expiresOn);
                  return (
                    <Table.Tr key={l.id}>
                      <Table.Td>{l.lotNumber}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          <span className="num">{formatDay(l.expiresOn, 'short')}</span>
                          {l.expired ? (
                            <Badge color="red" variant="light">
                              {t('products.expired')}
                            </Badge>
                          ) : left <= 60 ? (
                            <Badge color="orange" variant="light">
                              {t('products.daysLeft', { n: left })}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td className="num">
                        {l.quantity} {l.unit}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {lots.data && lots.data.length > 0 && <LotRecall productName={product.name} lots={lots.data} />}
        {canWrite && <LotForm productId={product.id} />}
      </Stack>
    </Card>
  );
}

export function ProductsPage() {
  usePageTitle(t('products.title'));
  const session = useSession();
  const products = useProducts();
  return (
    <Stack gap="md">
      <Title order={1}>{t('products.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('products.intro')}
      </Text>
      {products.isPending ? (
        <Loading />
      ) : products.isError ? (
        <ErrorState error={products.error} onRetry={() => products.refetch()} />
      ) : products.data.length === 0 ? (
        <Empty>{t('products.none')}</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {products.data.map((p) => (
            <ProductCard key={p.id} product={p} canWrite={may(session.data, 'products.write')} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
