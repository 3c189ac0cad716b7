import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { post } from '../../api/client';
import type { PlanRecord, QuoteRecord } from '../../api/types';
import { QuoteView } from '../../components/QuoteView';
import { Empty, ErrorState, Loading } from '../../components/States';
import { clinicLocale, formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import { usePriceLists, useQuotes } from '../queries';

export function QuoteStep({ plan }: { plan: PlanRecord }) {
  const client = useQueryClient();
  const lists = usePriceLists();
  const quotes = useQuotes(plan.id);
  const [listId, setListId] = useState<string | null>(null);
  const [tier, setTier] = useState<'standard' | 'premium'>('standard');
  // The clinic's own list first, else one in the clinic's currency, else the first.
  const currency = clinicLocale().currency;
  const chosen =
    listId ??
    lists.data?.find((l) => !l.isExample)?.id ??
    lists.data?.find((l) => l.currency === currency)?.id ??
    lists.data?.[0]?.id ??
    null;
  const issue = useMutation({
    mutationFn: () => post<QuoteRecord>(`/plans/${plan.id}/quotes`, { priceListId: chosen, tier }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['quotes', plan.id] }),
  });
  if (lists.isPending || quotes.isPending) return <Loading />;
  if (lists.isError) return <ErrorState error={lists.error} />;
  if (lists.data.length === 0) return <Empty>{t('quote.noPriceLists')}</Empty>;
  const latest = quotes.data?.find((q) => q.planVersion === plan.currentVersion);
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('quote.priceList')}
          data={lists.data.map((l) => ({
            value: l.id,
            label: `${l.name} (${l.currency})${l.isExample ? ` · ${t('quote.example')}` : ''}`,
          }))}
          value={chosen}
          allowDeselect={false}
          onChange={setListId}
          miw={280}
        />
        <div>
          <Text size="sm" fw={500} id="tier-label" mb={4}>
            {t('quote.tier')}
          </Text>
          <SegmentedControl
            aria-labelledby="tier-label"
            value={tier}
            onChange={(v) => setTier(v as 'standard' | 'premium')}
            data={[
              { value: 'standard', label: t('quote.tier.standard') },
              { value: 'premium', label: t('quote.tier.premium') },
            ]}
          />
        </div>
        <Button onClick={() => issue.mutate()} loading={issue.isPending} disabled={!chosen}>
          {t('quote.issue')}
        </Button>
      </Group>
      {issue.isError && <ErrorState error={issue.error} />}
      {latest ? (
        <Stack gap="xs" data-testid="quote-result">
          <Text size="sm" c="dimmed">
            {t('chart.quoteIssued', {
              at: formatInstant(latest.createdAt),
              v: latest.planVersion,
              tier: latest.tier,
            })}
          </Text>
          <QuoteView quote={latest.quote} />
        </Stack>
      ) : (
        <Empty>{t('quote.none')}</Empty>
      )}
    </Stack>
  );
}
