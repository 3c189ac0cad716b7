import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { post } from '../../api/client';
import type { Lot } from '../../api/types';
import { ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatDay, formatInstant } from '../../lib/format';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { useLotRecipients } from './queries';

/** Pick a lot: see who received it (CSV too) and recall it. */
export function LotRecall({ productName, lots }: { productName: string; lots: Lot[] }) {
  const client = useQueryClient();
  const session = useSession();
  const [lotId, setLotId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const recipients = useLotRecipients(lotId);
  const recall = useMutation({
    mutationFn: () => post(`/lots/${lotId}/recall`, { reason }),
    onSuccess: () => {
      setReason('');
      client.invalidateQueries({ queryKey: ['lot-recipients', lotId] });
      client.invalidateQueries({ queryKey: ['lots'] });
    },
  });
  if (!may(session.data, 'lots.recipients')) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    recall.mutate();
  };
  const r = recipients.data;
  return (
    <Stack gap="xs">
      <Select
        label={t('lotRecall.pick', { name: productName })}
        placeholder={t('lot.pick')}
        data={lots.map((l) => ({ value: l.id, label: l.lotNumber }))}
        value={lotId}
        onChange={(v) => {
          setLotId(v);
          recall.reset();
        }}
        size="xs"
        maw={320}
      />
      {lotId &&
        (recipients.isPending ? (
          <Loading />
        ) : recipients.isError ? (
          <ErrorState error={recipients.error} />
        ) : r ? (
          <Stack gap="xs" data-testid="lot-recipients">
            {r.lot.recalledAt ? (
              <Alert color="red" variant="light" title={t('lotRecall.recalled', { lot: r.lot.lotNumber })}>
                {t('lotRecall.recalledAt', {
                  at: formatInstant(r.lot.recalledAt),
                  reason: r.lot.recallReason ?? '',
                })}
              </Alert>
            ) : (
              may(session.data, 'lots.recall') && (
                <form onSubmit={submit} aria-label={t('lotRecall.action', { lot: r.lot.lotNumber })}>
                  <Group align="flex-end" gap="xs" wrap="wrap">
                    <TextInput
                      label={t('lotRecall.reason')}
                      required
                      size="xs"
                      value={reason}
                      onChange={(e) => setReason(e.currentTarget.value)}
                      miw={240}
                    />
                    <Button
                      type="submit"
                      size="xs"
                      color="red"
                      loading={recall.isPending}
                      disabled={reason.trim().length < 5}
                    >
                      {t('lotRecall.action', { lot: r.lot.lotNumber })}
                    </Button>
                  </Group>
                  {recall.isError && <ErrorState error={recall.error} />}
                </form>
              )
            )}
            <Group justify="space-between" gap="xs">
              <Title order={3} size="h5">
                {t('lotRecall.recipients', { n: r.patients, sessions: r.items.length })}
              </Title>
              <Anchor href={`/api/v1/lots/${r.lot.id}/recipients.csv`} download size="sm">
                {t('lotRecall.csv')}
              </Anchor>
            </Group>
            {r.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('lotRecall.noRecipients')}
              </Text>
            ) : (
              <TableScroll minWidth={480}>
                <Table aria-label={t('lotRecall.tableLabel', { lot: r.lot.lotNumber })}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('patient.name')}</Table.Th>
                      <Table.Th scope="col">{t('lotRecall.contact')}</Table.Th>
                      <Table.Th scope="col">{t('lotRecall.treated')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.items.map((i) => (
                      <Table.Tr key={`${i.sessionId}`}>
                        <Table.Td>
                          <Link to={`/patients/${i.patientId}`}>
                            {i.familyName}, {i.givenName}
                          </Link>
                          <Text size="xs" c="dimmed">
                            {formatDay(i.dateOfBirth, 'short')}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{i.phone ?? '—'}</Text>
                          <Text size="xs">{i.email ?? ''}</Text>
                        </Table.Td>
                        <Table.Td className="num">
                          <Link to={`/sessions/${i.sessionId}`}>{formatInstant(i.treatedAt)}</Link> ·{' '}
                          {i.quantity}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </Stack>
        ) : null)}
    </Stack>
  );
}
