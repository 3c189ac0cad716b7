import type { Plan } from '@exoclinic/core';
import { Stack, Text } from '@mantine/core';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { addDays, daysBetween, formatDay } from '../lib/format';
import { t } from '../lib/i18n';
import { SourceRef } from './SourceRef';

/** The plan's response curve (docs/clinical-model.md): an illustration of the sources, not a prediction. */
export default function ResponseCurveChart({ plan, height = 260 }: { plan: Plan; height?: number }) {
  const data = plan.responseCurve.points.map((p) => ({ week: p.week, benefit: Math.round(p.benefit * 100) }));
  const sessionWeeks = plan.sessions.map((s) => daysBetween(plan.startDate, s.date) / 7);
  const peak = data.reduce((best, p) => (p.benefit > best.benefit ? p : best), { week: 0, benefit: 0 });
  const summary = t('curve.summary', {
    sessions: plan.sessions.length,
    peakDate: formatDay(addDays(plan.startDate, Math.round(peak.week * 7)), 'short'),
    boosters: plan.responseCurve.boosterWeeks.length,
  });
  return (
    <Stack gap={4} component="figure" m={0}>
      <div role="img" aria-label={summary} style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#dee2e6" />
            <XAxis
              dataKey="week"
              type="number"
              domain={[0, 'dataMax']}
              tickFormatter={(w: number) => `${Math.round(w)}`}
              label={{ value: t('curve.xLabel'), position: 'insideBottom', offset: -8, fontSize: 12 }}
              fontSize={12}
            />
            <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} width={44} fontSize={12} />
            <Tooltip
              formatter={(v) => [`${v}%`, t('curve.benefit')]}
              labelFormatter={(w) => formatDay(addDays(plan.startDate, Math.round(Number(w) * 7)), 'short')}
            />
            {sessionWeeks.map((w, i) => (
              <ReferenceLine
                key={`s${w}`}
                x={w}
                stroke="#0b7285"
                strokeDasharray="2 4"
                label={
                  i === 0
                    ? { value: t('curve.sessions'), fontSize: 11, position: 'top', fill: '#0b7285' }
                    : undefined
                }
              />
            ))}
            {plan.responseCurve.boosterWeeks.map((w) => (
              <ReferenceLine
                key={`b${w}`}
                x={w}
                stroke="#e8590c"
                strokeDasharray="4 4"
                label={{ value: t('curve.booster'), fontSize: 11, position: 'top', fill: '#c2410c' }}
              />
            ))}
            <Line
              type="monotone"
              dataKey="benefit"
              stroke="#0b7285"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <Text size="xs" c="dimmed" component="figcaption">
        {summary} {t('curve.caption')}{' '}
        <SourceRef sources={plan.responseCurve.sources} label={t('curve.title')} />
      </Text>
    </Stack>
  );
}
