import type { ConsultationAdvice, Plan, RegulatoryResult, ScreeningResult } from '@exoclinic/core';

// Plain-text rendering of the core's decisions for the terminal. Every number keeps its sources.

const src = (keys: readonly string[]) => (keys.length ? ` [${keys.join(', ')}]` : '');

export function formatScreening(s: ScreeningResult): string {
  const lines = [`Screening: ${s.verdict.toUpperCase()}`];
  if (s.findings.length === 0) lines.push('  No findings.');
  for (const f of s.findings) lines.push(`  - ${f.severity}: ${f.message}${src(f.sources)}`);
  return lines.join('\n');
}

export function formatRegulatory(r: RegulatoryResult): string {
  const lines = [
    `Regulatory check: ${r.decision.toUpperCase()}${r.needsIndNumber ? ' (IND number needed)' : ''}`,
  ];
  for (const reason of r.reasons)
    lines.push(`  - ${reason.decision}: ${reason.message}${src(reason.sources)}`);
  return lines.join('\n');
}

export function formatPlan(p: Plan): string {
  const s = p.initialSeries;
  const lines: string[] = [];
  lines.push(
    `Plan: ${p.indication} by ${p.modality}, protocol ${p.protocol.id} (${p.protocol.kind})${src(p.protocol.sources)}`,
  );
  if (p.protocol.derivation) lines.push(`  How the default was derived: ${p.protocol.derivation}`);
  lines.push(
    `Initial series: ${s.sessions} session${s.sessions === 1 ? '' : 's'} (protocol allows ${s.range.min}–${s.range.max})${src(s.sources)}`,
  );
  lines.push(
    `  Spacing: ${s.intervalDays.min}–${s.intervalDays.max} days, aiming at ${s.intervalDays.target}${src(s.intervalDays.sources)}`,
  );
  lines.push(
    `  Each session: ${p.sessionMinutes.min}–${p.sessionMinutes.max} minutes${src(p.sessionMinutes.sources)}`,
  );
  for (const session of p.sessions) {
    const window = session.index === 1 ? '' : ` (window ${session.earliest} to ${session.latest})`;
    lines.push(`  ${String(session.index).padStart(2)}. ${session.date}${window}`);
  }
  if (p.maintenance) {
    const m = p.maintenance;
    lines.push(
      `Maintenance: every ${m.intervalDays.min}–${m.intervalDays.max} days, aiming at ${m.intervalDays.target}; first due ${m.firstDue.target} (between ${m.firstDue.earliest} and ${m.firstDue.latest})${src(m.sources)}`,
    );
  } else {
    lines.push('Maintenance: no interval in this protocol; reviewed at follow-up.');
  }
  lines.push('Follow-ups:');
  for (const f of p.followUps) lines.push(`  - ${f.date}: ${f.label}${src(f.sources)}`);
  lines.push('Milestones (results vary):');
  for (const m of p.milestones) {
    lines.push(
      `  - ${m.kind}: ${m.weeks.min}–${m.weeks.max} weeks after the ${m.from === 'first-session' ? 'first' : 'last'} session (${m.dates.from} to ${m.dates.to})${src(m.sources)}`,
    );
  }
  lines.push('Why these numbers:');
  for (const e of p.explanation) lines.push(`  - ${e.factor}: ${e.effect}${src(e.sources)}`);
  if (p.conflicts.length) {
    lines.push('Where the sources disagree:');
    for (const c of p.conflicts) lines.push(`  - ${c.statement}${src(c.sources)}`);
  }
  lines.push(`Expected benefit by month (model${src(p.responseCurve.sources)}):`);
  lines.push(`  ${curveLine(p)}`);
  if (p.override)
    lines.push(`OVERRIDE by ${p.override.by} (${p.override.overrides.join(', ')}): ${p.override.reason}`);
  for (const c of p.caveats) lines.push(`Note: ${c.text}${src(c.sources)}`);
  return lines.join('\n');
}

/** One bar per quarter: a small picture of the curve in the terminal. */
function curveLine(p: Plan): string {
  const bars = ' ▁▂▃▄▅▆▇█';
  const cells: string[] = [];
  for (let week = 0; week < p.responseCurve.points.length; week += 13) {
    const b = p.responseCurve.points[week]!.benefit;
    cells.push(`m${Math.round(week / 4.345)}:${bars[Math.round(b * 8)]}${Math.round(b * 100)}%`);
  }
  return cells.join(' ');
}

export function formatAdvice(a: ConsultationAdvice): string {
  const parts = [formatScreening(a.screening)];
  if (a.regulatory) parts.push(formatRegulatory(a.regulatory));
  if (a.plan) parts.push(formatPlan(a.plan));
  else if (a.problems.length)
    parts.push(`No plan: ${a.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  else
    parts.push(
      `No bookable plan: stopped by ${a.blockedBy.join(', ')}. A practitioner may override with a reason (--override-by, --override-reason).`,
    );
  if (a.disclosures.length) {
    parts.push(
      ['Consent must state:', ...a.disclosures.map((d) => `  - ${d.text}${src(d.sources)}`)].join('\n'),
    );
  }
  return parts.join('\n\n');
}
