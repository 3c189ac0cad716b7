import { Accordion, Alert, Stack, Table, Text, Title } from '@mantine/core';
import { SourceRef } from '../components/SourceRef';
import { TableScroll } from '../components/TableScroll';
import { usePageTitle } from '../lib/hooks';
import { type MessageKey, t } from '../lib/i18n';

interface Paragraph {
  text: MessageKey;
  sources: string[];
}
interface Section {
  id: string;
  title: MessageKey;
  body: Paragraph[];
}

// Plain words, written for this project; every statement names where it comes from.
const SECTIONS: Section[] = [
  {
    id: 'what',
    title: 'learn.what.title',
    body: [
      { text: 'learn.what.p1', sources: ['S0', 'S3', 'S4'] },
      { text: 'learn.what.p2', sources: ['S1', 'S4'] },
      { text: 'learn.what.p3', sources: ['S0'] },
    ],
  },
  {
    id: 'sessions',
    title: 'learn.sessions.title',
    body: [
      { text: 'learn.sessions.p1', sources: ['S1', 'S3'] },
      { text: 'learn.sessions.p2', sources: ['S1', 'S3'] },
      { text: 'learn.sessions.p3', sources: ['S1', 'S3', 'S4'] },
    ],
  },
  {
    id: 'timeline',
    title: 'learn.timeline.title',
    body: [
      { text: 'learn.timeline.p1', sources: ['S1', 'S3', 'S0'] },
      { text: 'learn.timeline.p2', sources: ['S0', 'S3'] },
      { text: 'learn.timeline.p3', sources: ['S0'] },
    ],
  },
  {
    id: 'side-effects',
    title: 'learn.side.title',
    body: [
      { text: 'learn.side.p1', sources: ['S3', 'S4'] },
      { text: 'learn.side.p2', sources: ['S3', 'S4'] },
      { text: 'learn.side.p3', sources: ['EXO-AE-REPORTS'] },
    ],
  },
  {
    id: 'cost',
    title: 'learn.cost.title',
    body: [
      { text: 'learn.cost.p1', sources: ['S4'] },
      { text: 'learn.cost.p2', sources: ['S4'] },
    ],
  },
  {
    id: 'regulation',
    title: 'learn.reg.title',
    body: [
      { text: 'learn.reg.us', sources: ['FDA-PSN-2019', 'FDA-WL-2025', 'FDA-MEDWATCH'] },
      { text: 'learn.reg.kr', sources: ['KR-MFDS', 'KR-LICENCE-2025', 'KR-AD-2025'] },
      { text: 'learn.reg.eu', sources: ['EU-1223-2009', 'UK-MHRA-2025'] },
      { text: 'learn.reg.evidence', sources: ['SHD-2024'] },
    ],
  },
];

const PRP_ROWS: { label: MessageKey; exo: MessageKey; prp: MessageKey }[] = [
  { label: 'learn.prp.source', exo: 'learn.prp.source.exo', prp: 'learn.prp.source.prp' },
  { label: 'learn.prp.initial', exo: 'learn.prp.initial.exo', prp: 'learn.prp.initial.prp' },
  { label: 'learn.prp.maintenance', exo: 'learn.prp.maintenance.exo', prp: 'learn.prp.maintenance.prp' },
  { label: 'learn.prp.downtime', exo: 'learn.prp.downtime.exo', prp: 'learn.prp.downtime.prp' },
];

export function LearnPage() {
  usePageTitle(t('learn.title'));
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('learn.title')}</Title>
        <Text c="dimmed">{t('learn.intro')}</Text>
      </div>
      <Alert color="gray" variant="light">
        {t('learn.caveat')} <SourceRef sources={['S0', 'S3', 'SHD-2024']} />
      </Alert>
      <Accordion multiple defaultValue={['what']} variant="separated">
        {SECTIONS.map((s) => (
          <Accordion.Item key={s.id} value={s.id}>
            <Accordion.Control>
              <Title order={2} size="h4" component="span">
                {t(s.title)}
              </Title>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {s.body.map((p) => (
                  <Text key={p.text}>
                    {t(p.text)} <SourceRef sources={p.sources} />
                  </Text>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
        <Accordion.Item value="prp">
          <Accordion.Control>
            <Title order={2} size="h4" component="span">
              {t('learn.prp.title')}
            </Title>
          </Accordion.Control>
          <Accordion.Panel>
            <Text mb="sm">
              {t('learn.prp.intro')} <SourceRef sources={['S1']} />
            </Text>
            <TableScroll minWidth={320}>
              <Table withTableBorder aria-label={t('learn.prp.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('learn.prp.aspect')}</Table.Th>
                    <Table.Th scope="col">{t('quote.exosome')}</Table.Th>
                    <Table.Th scope="col">{t('quote.prp')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {PRP_ROWS.map((r) => (
                    <Table.Tr key={r.label}>
                      <Table.Th scope="row">{t(r.label)}</Table.Th>
                      <Table.Td>{t(r.exo)}</Table.Td>
                      <Table.Td>{t(r.prp)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
            <Text size="sm" mt="sm">
              {t('learn.prp.outro')} <SourceRef sources={['PRP-PRACTICE', 'PRP-KOA-META']} />
            </Text>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
