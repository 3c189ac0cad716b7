import { Box, Button, Group, NumberInput, Radio, Slider, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { post } from '../api/client';
import type { OutcomeRecorded } from '../api/records-types';
import { describeError } from '../components/States';
import { formatNumber } from '../lib/format';
import { t } from '../lib/i18n';
import { fieldErrors } from '../staff/records/FormProblem';
import { type AnswerScale, shownAnswer } from './questionnaire-scales';
import { type Occasion, questionnairesKey } from './questionnaires-api';

/** The message for a value outside the shown range, in the form's own units. */
function rangeMessage(scale: AnswerScale): string {
  const min = formatNumber(scale.min);
  if (scale.max === null) return t('questionnaires.error.atLeast', { min });
  const vars = { min, max: formatNumber(scale.max) };
  return scale.decimals === 0 ? t('questionnaires.error.whole', vars) : t('questionnaires.error.range', vars);
}

/**
 * One instrument at one occasion. Only an empty answer is stopped here; the server checks the
 * value against the catalog (range, whole steps) and its problem is shown at the field it names,
 * in the form's words (a VAS answer of 12 is "from 0 to 10", not the server's 120 mm).
 */
export function QuestionnaireForm({
  planId,
  occasion,
  scale,
  onSaved,
}: {
  planId: string;
  occasion: Occasion;
  scale: AnswerScale;
  onSaved: (text: string) => void;
}) {
  const client = useQueryClient();
  const id = useId();
  const [value, setValue] = useState<number | ''>('');
  const [empty, setEmpty] = useState(false);
  const [edited, setEdited] = useState(false);
  const save = useMutation({
    mutationFn: (shown: number) =>
      post<OutcomeRecorded>(`/plans/${planId}/outcomes`, {
        instrumentId: scale.instrument.id,
        // Rounded to the stored scale's steps: 6.3 on the 0–10 line is 63 mm, not 63.00000000000001.
        value: Math.round(shown * scale.factor * 1000) / 1000,
        timepoint: occasion.timepoint,
        ...(occasion.sessionId && { sessionId: occasion.sessionId }),
      }),
    onSuccess: async (saved) => {
      onSaved(t('questionnaires.savedDetail', { name: scale.name, answer: shownAnswer(scale, saved.value) }));
      await Promise.all([
        client.invalidateQueries({ queryKey: questionnairesKey(planId) }),
        client.invalidateQueries({ queryKey: ['outcomes', planId] }),
      ]);
    },
  });
  const problems = fieldErrors(save.error);
  const valueProblem =
    !edited && problems.byPath.value
      ? problems.validation
        ? rangeMessage(scale)
        : problems.byPath.value
      : undefined;
  const fieldError = empty
    ? t(scale.kind === 'choices' ? 'questionnaires.error.choose' : 'questionnaires.error.number')
    : valueProblem;
  // Anything the server said that has no field here (the occasion, a refusal): said above the button.
  const otherPaths = Object.keys(problems.byPath).filter((p) => p !== 'value');
  const otherProblem =
    save.error && (!problems.byPath.value || otherPaths.length > 0) ? describeError(save.error) : null;

  const change = (v: number | '') => {
    setValue(v);
    setEmpty(false);
    setEdited(true);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value === '') {
      setEmpty(true);
      return;
    }
    setEdited(false);
    save.mutate(value);
  };

  const question = (
    <Text fw={600} id={`${id}-q`}>
      {t(
        scale.kind === 'choices'
          ? 'questionnaires.question.gais-patient'
          : 'questionnaires.question.vas-pain',
      )}
    </Text>
  );

  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-name`}
      data-testid={`questionnaire-${scale.instrument.id}`}
    >
      <Stack gap="sm">
        {/* A form's score has no question of its own: its name is the heading of its field. */}
        <Text id={`${id}-name`} {...(scale.kind === 'number' ? { fw: 600 } : { size: 'sm', c: 'dimmed' })}>
          {scale.name}
        </Text>
        {scale.kind === 'choices' ? (
          <Radio.Group
            label={question}
            value={value === '' ? null : String(value)}
            onChange={(v) => change(Number(v))}
            error={fieldError}
            errorProps={{ role: 'alert' }}
            withAsterisk={false}
          >
            <Stack gap="xs" mt="xs">
              {scale.choices.map((c) => (
                <Radio
                  key={c.value}
                  value={String(c.value)}
                  label={c.label}
                  description={c.description}
                  size="md"
                />
              ))}
            </Stack>
          </Radio.Group>
        ) : (
          <Stack gap="xs">
            {scale.kind === 'slider' && question}
            {scale.kind === 'slider' && (
              <Box px="xs" pb="lg">
                <Slider
                  min={scale.min}
                  max={scale.max ?? 10}
                  step={0.5}
                  value={value === '' ? scale.min : Math.min(Math.max(value, scale.min), scale.max ?? 10)}
                  onChange={(v) => change(v)}
                  thumbLabel={t('questionnaires.vas.slider')}
                  thumbValueText={(v) =>
                    value === ''
                      ? t('questionnaires.vas.unset')
                      : t('questionnaires.outOf', { v: formatNumber(v, 1), max: 10 })
                  }
                  label={(v) => formatNumber(v, 1)}
                  marks={[0, 2, 4, 6, 8, 10].map((m) => ({ value: m, label: String(m) }))}
                  styles={{ thumb: { opacity: value === '' ? 0.45 : 1 } }}
                  size="lg"
                  thumbSize={26}
                />
                <Group justify="space-between" mt={28} wrap="nowrap">
                  <Text size="sm">{t('questionnaires.vas.low')}</Text>
                  <Text size="sm" ta="right">
                    {t('questionnaires.vas.high')}
                  </Text>
                </Group>
              </Box>
            )}
            <NumberInput
              label={
                scale.kind === 'slider'
                  ? t('questionnaires.vas.number')
                  : scale.max === null
                    ? t('questionnaires.numberOpen', { min: formatNumber(scale.min) })
                    : t('questionnaires.number', {
                        min: formatNumber(scale.min),
                        max: formatNumber(scale.max),
                      })
              }
              description={
                scale.kind === 'number'
                  ? [
                      t(
                        scale.instrument.direction === 'higher-better'
                          ? 'questionnaires.better.higher'
                          : 'questionnaires.better.lower',
                      ),
                      scale.instrument.licence ? t('questionnaires.licensed') : '',
                    ]
                      .filter(Boolean)
                      .join(' ')
                  : undefined
              }
              value={value}
              onChange={(v) => change(typeof v === 'number' ? v : v === '' ? '' : Number(v))}
              decimalScale={scale.decimals}
              allowDecimal={scale.decimals > 0}
              clampBehavior="none"
              hideControls
              inputMode="decimal"
              error={fieldError}
              errorProps={{ role: 'alert' }}
              maw={scale.kind === 'slider' ? 220 : 320}
            />
          </Stack>
        )}
        {otherProblem && (
          <Text size="sm" c="red" role="alert">
            {otherProblem.title}
            {otherProblem.detail ? `: ${otherProblem.detail}` : ''}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('questionnaires.send')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
