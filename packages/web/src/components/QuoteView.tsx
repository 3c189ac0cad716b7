import type { CourseQuote, PeriodEstimate } from '@exoclinic/core';
import { Alert, List, Stack, Table, Text } from '@mantine/core';
import { formatMoney } from '../lib/format';
import { t } from '../lib/i18n';
import { SourceRef } from './SourceRef';
import { TableScroll } from './TableScroll';

function money(p: PeriodEstimate) {
  const { min, target, max, currency } = p.total;
  return {
    target: formatMoney(target, currency),
    range: min === max ? null : `${formatMoney(min, currency)} – ${formatMoney(max, currency)}`,
  };
}
function sessions(p: PeriodEstimate) {
  const s = p.sessions;
  return s.min === s.max
    ? String(s.target)
    : t('quote.sessionsRange', { target: s.target, min: s.min, max: s.max });
}

/** The exosome course beside PRP over the same periods, every figure with its source. */
export function QuoteView({ quote }: { quote: CourseQuote }) {
  const rows = [
    { key: 'initialSeries', label: t('quote.initialSeries') },
    { key: 'year1', label: t('quote.year1') },
    { key: 'threeYears', label: t('quote.threeYears') },
  ] as const;
  return (
    <Stack gap="md">
      {quote.isExamplePriceList && (
        <Alert color="yellow" title={t('quote.exampleTitle')}>
          {t('quote.exampleBody', { name: quote.priceListName })}
        </Alert>
      )}
      <TableScroll minWidth={560}>
        <Table withTableBorder withColumnBorders aria-label={t('quote.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('quote.period')}</Table.Th>
              <Table.Th scope="col">
                {t('quote.exosome')}{' '}
                <SourceRef sources={quote.exosome.perSession.sources} label={t('quote.exosome')} />
                <Text size="xs" c="dimmed" fw={400}>
                  {t('quote.perSession', {
                    price: formatMoney(quote.exosome.perSession.amount, quote.currency),
                  })}
                </Text>
              </Table.Th>
              <Table.Th scope="col">
                {t('quote.prp')}{' '}
                {quote.prp && <SourceRef sources={quote.prp.schedule.sources} label={t('quote.prp')} />}
                {quote.prp && (
                  <Text size="xs" c="dimmed" fw={400}>
                    {t('quote.perSession', {
                      price: formatMoney(quote.prp.perSession.amount, quote.currency),
                    })}
                  </Text>
                )}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const exo = quote.exosome[r.key];
              const prp = quote.prp?.[r.key];
              const em = money(exo);
              const pm = prp ? money(prp) : null;
              return (
                <Table.Tr key={r.key}>
                  <Table.Th scope="row">{r.label}</Table.Th>
                  <Table.Td className="num" data-testid={`quote-exosome-${r.key}`}>
                    <Text fw={600} span>
                      {em.target}
                    </Text>{' '}
                    <SourceRef sources={[...exo.sessions.sources, ...exo.total.sources]} label={r.label} />
                    <Text size="xs" c="dimmed">
                      {t('quote.sessions', { n: sessions(exo) })}
                      {em.range && ` · ${em.range}`}
                    </Text>
                  </Table.Td>
                  <Table.Td className="num">
                    {prp && pm ? (
                      <>
                        <Text fw={600} span>
                          {pm.target}
                        </Text>{' '}
                        <SourceRef
                          sources={[...prp.sessions.sources, ...prp.total.sources]}
                          label={r.label}
                        />
                        <Text size="xs" c="dimmed">
                          {t('quote.sessions', { n: sessions(prp) })}
                          {pm.range && ` · ${pm.range}`}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('quote.noPrp')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <List size="xs" spacing={4} c="dimmed">
        {quote.notes.map((n) => (
          <List.Item key={n.code}>
            {n.text} <SourceRef sources={n.sources} label={n.code} />
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
