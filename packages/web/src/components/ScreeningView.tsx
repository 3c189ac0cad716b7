import type { RegulatoryResult, ScreeningResult } from '@exoclinic/core';
import { Alert, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { t } from '../lib/i18n';
import { SourceRef } from './SourceRef';

const VERDICT_COLOR: Record<string, string> = {
  eligible: 'teal',
  caution: 'yellow',
  defer: 'orange',
  refer: 'grape',
  contraindicated: 'red',
};
const DECISION_COLOR: Record<string, string> = { allowed: 'teal', warn: 'yellow', block: 'red' };

export function VerdictBadge({ verdict }: { verdict: string }) {
  return (
    <Badge color={VERDICT_COLOR[verdict] ?? 'gray'} variant="filled" autoContrast>
      {t(`verdict.${verdict}` as 'verdict.eligible')}
    </Badge>
  );
}

export function DecisionBadge({ decision }: { decision: string }) {
  return (
    <Badge color={DECISION_COLOR[decision] ?? 'gray'} variant="filled" autoContrast>
      {t(`decision.${decision}` as 'decision.allowed')}
    </Badge>
  );
}

export function ScreeningView({
  screening,
  regulatory,
  blockedBy,
  headingLevel = 3,
}: {
  screening: ScreeningResult;
  regulatory: RegulatoryResult | null;
  blockedBy: string[];
  headingLevel?: 2 | 3 | 4;
}) {
  return (
    <Stack gap="md">
      <div>
        <Group gap="xs">
          <Title order={headingLevel}>{t('screening.title')}</Title>
          <VerdictBadge verdict={screening.verdict} />
        </Group>
        {screening.findings.length === 0 ? (
          <Text size="sm" mt={4}>
            {t('screening.noFindings')}
          </Text>
        ) : (
          <List size="sm" spacing={6} mt={6}>
            {screening.findings.map((f) => (
              <List.Item key={f.rule}>
                <Group gap={6} wrap="wrap" align="baseline">
                  <VerdictBadge verdict={f.severity} />
                  <Text size="sm" span>
                    {f.message}
                  </Text>
                  <SourceRef sources={f.sources} label={f.rule} />
                </Group>
                {f.alternative && (
                  <Text size="xs" c="dimmed">
                    {t('screening.alternative', { modality: f.alternative })}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </div>
      <div>
        <Group gap="xs">
          <Title order={headingLevel}>{t('regulatory.title')}</Title>
          {regulatory ? (
            <DecisionBadge decision={regulatory.decision} />
          ) : (
            <Badge color="gray">{t('regulatory.noProduct')}</Badge>
          )}
        </Group>
        {regulatory && (
          <List size="sm" spacing={6} mt={6}>
            {regulatory.reasons.map((r) => (
              <List.Item key={r.rule}>
                {r.message} <SourceRef sources={r.sources} label={r.rule} />
              </List.Item>
            ))}
          </List>
        )}
        {regulatory?.needsIndNumber && (
          <Text size="sm" c="orange" mt={4}>
            {t('regulatory.needsInd')}
          </Text>
        )}
      </div>
      {blockedBy.length > 0 && (
        <Alert color="red" title={t('screening.stopped')} role="alert">
          {t('screening.stoppedBody', {
            what: blockedBy.map((b) => t(`blocked.${b}` as 'blocked.regulatory:block')).join(', '),
          })}
        </Alert>
      )}
    </Stack>
  );
}

export function Disclosures({
  disclosures,
}: {
  disclosures: { id: string; text: string; sources: string[] }[];
}) {
  if (disclosures.length === 0) return <Text size="sm">{t('consent.noDisclosures')}</Text>;
  return (
    <List size="sm" spacing={6}>
      {disclosures.map((d) => (
        <List.Item key={d.id}>
          {d.text} <SourceRef sources={d.sources} label={d.id} />
        </List.Item>
      ))}
    </List>
  );
}
