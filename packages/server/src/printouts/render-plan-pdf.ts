import {
  type CourseQuote,
  daysBetween,
  findIndication,
  findModality,
  type Jurisdiction,
  type LocalDate,
  type MilestoneKind,
  type Plan,
  type RegulatoryResult,
  type SourceKey,
} from '@exoclinic/core';
import { rgb } from 'pdf-lib';
import { INK, MUTED, PdfLayout, RULE } from '../shared/pdf-layout';
import { Citations, type PrintFormat, printFormat } from './printout-format';
import { drawBullet, drawLetterhead, drawNoticeBox, drawSources, type NoticeItem } from './printout-parts';

// The patient's current plan on paper: what is planned, when, what to expect, what it may cost,
// and the regulatory status, every number followed by the keys of its sources.

export interface BookedVisit {
  kind: 'initial' | 'maintenance' | 'follow-up';
  sessionIndex: number | null;
  followUpKind: string | null;
  start: number;
  timeZone: string;
}

export interface PlanPrintout {
  clinic: { name: string; jurisdiction: Jurisdiction; timeZone: string; locale: string };
  patient: { name: string; dateOfBirth: string };
  plan: { status: string; version: number; acceptedVersion: number | null; body: Plan };
  /** The consultation's regulatory check of the product (null when no product was chosen). */
  regulatory: RegulatoryResult | null;
  /** The plan's appointments that are not cancelled. */
  booked: BookedVisit[];
  /** The newest quote for the plan's current version. */
  quote: { createdAt: number; quote: CourseQuote } | null;
  printedAt: number;
}

const MILESTONE_LABEL: Record<MilestoneKind, string> = {
  'first-signs': 'First small changes',
  visible: 'Changes you can see',
  peak: 'Best result',
  duration: 'How long results last',
};

const STATUS_TEXT: Record<string, string> = {
  proposed: 'proposed, not yet accepted',
  accepted: 'accepted',
  withdrawn: 'withdrawn',
};

/**
 * What the regulators say in the clinic's country, in the project's words, for a plan whose
 * consultation recorded no product (DOMAIN.md §12).
 */
const GENERAL_STATUS: Record<Jurisdiction, { id: string; text: string; sources: SourceKey[] }> = {
  US: {
    id: 'fda-not-approved',
    text: 'No exosome product is approved by the FDA for treating the skin, hair or joints. The FDA regards exosome products used to treat a disease or condition as drugs and biological products that need its review before they are used.',
    sources: ['FDA-PSN-2019'],
  },
  KR: {
    id: 'kr-cosmetic-topical-only',
    text: 'In Korea, the exosome products clinics use are registered as cosmetics, for applying to the surface of the skin only; no exosome product is approved as a medicine for these uses.',
    sources: ['KR-MFDS', 'KR-LICENCE-2025'],
  },
  EU: {
    id: 'eu-uk-not-licensed',
    text: 'No exosome product holds an EU marketing authorisation as a medicine for these uses, and EU cosmetics law does not allow ingredients of human origin.',
    sources: ['EU-2001-83', 'EU-1223-2009'],
  },
  UK: {
    id: 'eu-uk-not-licensed',
    text: 'No exosome product is licensed by the MHRA for aesthetic use, and UK cosmetics law does not allow ingredients of human origin.',
    sources: ['UK-MHRA-2025', 'EU-1223-2009'],
  },
};

/** The consultation's disclosures that speak to regulatory status, in the order they are shown. */
const STATUS_DISCLOSURES = [
  'fda-not-approved',
  'eu-uk-not-licensed',
  'kr-cosmetic-topical-only',
  'regulatory-status',
  'investigational-use',
];

function regulatoryItems(p: PlanPrintout, c: Citations): NoticeItem[] {
  const found = (p.regulatory?.disclosures ?? [])
    .filter((d) => STATUS_DISCLOSURES.includes(d.id))
    .sort((a, b) => STATUS_DISCLOSURES.indexOf(a.id) - STATUS_DISCLOSURES.indexOf(b.id));
  const approved = p.regulatory?.reasons.some((r) => r.rule === 'approved-route') ?? false;
  const general = GENERAL_STATUS[p.clinic.jurisdiction];
  const statements = approved || found.some((d) => d.id === general.id) ? found : [general, ...found];
  const items: NoticeItem[] = statements.map((s, i) => ({
    lead: i === 0 ? 'Regulatory status' : '',
    text: `${s.text}${c.cite(s.sources)}`,
  }));
  const caveat = (id: string) => p.plan.body.caveats.find((x) => x.id === id);
  const vary = caveat('results-vary');
  items.push({
    lead: 'Results vary',
    text: `${vary?.text ?? 'Results differ from person to person.'}${c.cite(vary?.sources ?? ['S0', 'S3'])}`,
  });
  const limited = caveat('evidence-limited');
  items.push({
    lead: 'Evidence is limited',
    text: `${limited?.text ?? 'Published evidence is small and protocols are not standardised.'}${c.cite(limited?.sources ?? ['SHD-2024'])}`,
  });
  return items.filter((i) => i.text);
}

const span = (min: number, max: number) => (min === max ? `${min}` : `${min}–${max}`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function bookedText(f: PrintFormat, visit: BookedVisit | undefined): string {
  return visit ? `booked for ${f.dateTime(visit.start, visit.timeZone)}` : 'not booked yet';
}

export async function renderPlanPdf(p: PlanPrintout): Promise<Buffer> {
  const plan = p.plan.body;
  const pdf = await PdfLayout.create({
    title: `Treatment plan: ${p.patient.name}`,
    subject: `${p.clinic.name}: treatment plan version ${p.plan.version}`,
    createdAt: p.printedAt,
  });
  const f = printFormat(pdf, p.clinic);
  const c = new Citations();
  const indication = findIndication(plan.indication);
  const modality = findModality(plan.modality);

  drawLetterhead(
    pdf,
    p.clinic.name,
    `Treatment plan for ${p.patient.name}`,
    `Born ${f.day(p.patient.dateOfBirth)} · plan version ${p.plan.version}, ${STATUS_TEXT[p.plan.status] ?? p.plan.status} · printed ${f.instantDay(p.printedAt)}`,
  );

  drawNoticeBox(pdf, 'Before you decide: regulatory status and what is known', regulatoryItems(p, c));

  pdf.band('Your treatment');
  pdf.row('Condition treated', indication?.name ?? plan.indication);
  pdf.row('How it is given', modality?.name ?? plan.modality);
  pdf.row(
    'Protocol',
    `${plan.protocol.title}, version ${plan.protocol.version}${c.cite(plan.protocol.sources)}`,
  );
  if (plan.protocol.derivation) {
    pdf.row('How the protocol was set', `${plan.protocol.derivation}${c.cite(plan.protocol.sources)}`);
  }
  pdf.row(
    'Each visit takes',
    `about ${span(plan.sessionMinutes.min, plan.sessionMinutes.max)} minutes${c.cite(plan.sessionMinutes.sources)}`,
  );
  if (plan.override) {
    pdf.row(
      'Practitioner override',
      `${plan.override.by} went ahead despite ${plan.override.overrides.join(', ')}: ${plan.override.reason}`,
    );
  }
  pdf.y -= 8;

  drawInitialSeries(pdf, p, f, c);
  drawMaintenanceAndFollowUps(pdf, p, f, c);

  pdf.band('What to expect, and when');
  for (const m of plan.milestones) {
    const from = m.from === 'first-session' ? 'the first session' : 'the last session of the series';
    pdf.row(
      MILESTONE_LABEL[m.kind],
      `${span(m.weeks.min, m.weeks.max)} weeks after ${from}${c.cite(m.sources)}: about ${f.day(m.dates.from)} to ${f.day(m.dates.to)}`,
    );
  }
  pdf.y -= 8;

  drawResponseCurve(pdf, plan, c);

  if (p.quote) drawQuote(pdf, p.quote, f, c);

  if (plan.conflicts.length > 0) {
    pdf.band('Where the sources disagree', 40);
    for (const x of plan.conflicts) drawBullet(pdf, `${x.statement}${c.cite(x.sources)}`);
    pdf.y -= 6;
  }

  drawSources(pdf, c);
  pdf.numberPages(`${p.clinic.name} · ${p.patient.name} · treatment plan v${p.plan.version}`);
  return pdf.save();
}

function drawInitialSeries(pdf: PdfLayout, p: PlanPrintout, f: PrintFormat, c: Citations) {
  const plan = p.plan.body;
  const s = plan.initialSeries;
  pdf.band('Initial series', 120);
  pdf.row(
    'Sessions',
    `${plural(s.sessions, 'session', 'sessions')}${c.cite(s.sources)}; the protocol allows ${span(s.range.min, s.range.max)}${c.cite(s.sources)}`,
  );
  if (s.sessions > 1) {
    pdf.row(
      'Time between sessions',
      `about ${s.intervalDays.target} days${c.cite(s.intervalDays.sources)}, at least ${s.intervalDays.min} and at most ${s.intervalDays.max} days${c.cite(s.intervalDays.sources)}`,
    );
  }
  pdf.y -= 6;
  const booked = new Map(
    p.booked.filter((b) => b.kind === 'initial' && b.sessionIndex).map((b) => [b.sessionIndex!, b]),
  );
  pdf.table(
    [
      { title: 'Session', width: 48 },
      { title: 'Planned day', width: 80 },
      { title: 'May move between', width: 146 },
      { title: 'Appointment', width: 146 },
      { title: 'Sources' },
    ],
    plan.sessions.map((x) => [
      `${x.index} of ${plan.sessions.length}`,
      f.day(x.date),
      x.earliest === x.latest ? 'start of the course' : `${f.day(x.earliest)} and ${f.day(x.latest)}`,
      bookedText(f, booked.get(x.index)),
      c.plain(x.sources),
    ]),
  );
  pdf.y -= 2;
  pdf.paragraph(
    'Planned days are proposals within the spacing above; the clinic confirms each appointment with you.',
    { size: 8.5, color: MUTED, after: 4 },
  );
  if (plan.explanation.length > 0) {
    pdf.paragraph('Why this many sessions, this far apart', { font: pdf.bold, size: 9.5, after: 2 });
    for (const e of plan.explanation) drawBullet(pdf, `${e.effect}${c.cite(e.sources)}`, { size: 9 });
  }
  pdf.y -= 8;
}

function drawMaintenanceAndFollowUps(pdf: PdfLayout, p: PlanPrintout, f: PrintFormat, c: Citations) {
  const plan = p.plan.body;
  pdf.band('Maintenance and follow-up visits');
  const m = plan.maintenance;
  if (m) {
    const months = span(Math.round(m.intervalDays.min / 30.4), Math.round(m.intervalDays.max / 30.4));
    pdf.row(
      'Maintenance window',
      `one session every ${m.intervalDays.min}–${m.intervalDays.max} days (about ${months} months)${c.cite(m.intervalDays.sources)}; for you, about ${m.intervalDays.target} days after the series${c.cite(m.sources)}`,
    );
    const visit = p.booked.find((b) => b.kind === 'maintenance');
    pdf.row(
      'First maintenance session',
      `around ${f.day(m.firstDue.target)}, between ${f.day(m.firstDue.earliest)} and ${f.day(m.firstDue.latest)}${c.cite(m.sources)}; ${bookedText(f, visit)}`,
    );
  } else {
    pdf.row(
      'Maintenance window',
      `The protocol sets no maintenance interval; the clinic reviews the need at your follow-up visits${c.cite(plan.protocol.sources)}.`,
    );
  }
  for (const x of plan.followUps) {
    const visit = p.booked.find((b) => b.kind === 'follow-up' && b.followUpKind === x.kind);
    const notBefore = x.notBefore !== x.date ? `, not before ${f.day(x.notBefore)}` : '';
    const when = `${f.day(x.date)}${notBefore}${c.cite(x.sources)}; ${bookedText(f, visit)}`;
    if (x.kind === 'safety-review') {
      pdf.row(
        'Safety review',
        `${when}\nA check for delayed reactions, at least 3 months after the last session of the series${c.cite(x.sources)}.`,
      );
    } else if (x.kind === 'outcome-review') {
      pdf.row('Outcome review', `${when}\nA look at your results once changes are expected to show.`);
    } else {
      pdf.row('Study follow-up', `${when}\n${x.label}`);
    }
  }
  pdf.y -= 8;
}

const CURVE = rgb(0.05, 0.45, 0.5);
const SESSION = rgb(0.1, 0.3, 0.6);
const BOOSTER = rgb(0.72, 0.45, 0.05);

/** The expected response as a small line chart: benefit 0–1 over weeks, sessions and boosters marked. */
function drawResponseCurve(pdf: PdfLayout, plan: Plan, c: Citations) {
  const points = plan.responseCurve.points;
  if (points.length < 2) return;
  const chartHeight = 120;
  pdf.band('Expected response over time', chartHeight + 114);
  const axisLeft = pdf.left + 40;
  const chartWidth = pdf.width - 50;
  const top = pdf.y - 6;
  const bottom = top - chartHeight;
  const horizon = points[points.length - 1]!.week;
  const xOf = (week: number) => axisLeft + (week / horizon) * chartWidth;
  const yOf = (benefit: number) => bottom + benefit * chartHeight;
  const page = pdf.page;
  const small = { size: 7.5, font: pdf.regular, color: MUTED };

  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    page.drawLine({
      start: { x: axisLeft, y: yOf(v) },
      end: { x: axisLeft + chartWidth, y: yOf(v) },
      thickness: v === 0 ? 0.8 : 0.3,
      color: v === 0 ? INK : RULE,
    });
    const label = v === 0 ? 'none' : v === 1 ? 'best' : '';
    if (label)
      page.drawText(label, {
        ...small,
        x: axisLeft - 6 - pdf.regular.widthOfTextAtSize(label, 7.5),
        y: yOf(v) - 2.5,
      });
  }
  const step = horizon > 78 ? 13 : horizon > 40 ? 8 : 4;
  for (let w = 0; w <= horizon; w += step) {
    page.drawLine({
      start: { x: xOf(w), y: bottom },
      end: { x: xOf(w), y: bottom - 3 },
      thickness: 0.6,
      color: INK,
    });
    const label = String(w);
    page.drawText(label, {
      ...small,
      x: xOf(w) - pdf.regular.widthOfTextAtSize(label, 7.5) / 2,
      y: bottom - 15,
    });
  }
  const xTitle = 'weeks from the first session';
  page.drawText(xTitle, {
    ...small,
    x: axisLeft + chartWidth / 2 - pdf.regular.widthOfTextAtSize(xTitle, 7.5) / 2,
    y: bottom - 25,
  });

  for (const w of plan.responseCurve.boosterWeeks) {
    if (w > horizon) continue;
    page.drawLine({
      start: { x: xOf(w), y: bottom },
      end: { x: xOf(w), y: top },
      thickness: 0.8,
      color: BOOSTER,
      dashArray: [3, 3],
    });
  }
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    page.drawLine({
      start: { x: xOf(a.week), y: yOf(a.benefit) },
      end: { x: xOf(b.week), y: yOf(b.benefit) },
      thickness: 1.6,
      color: CURVE,
    });
  }
  for (const s of plan.sessions) {
    const w = daysBetween(plan.startDate, s.date as LocalDate) / 7;
    if (w > horizon) continue;
    // A small triangle under the axis, its tip on the session's week (SVG y runs downwards).
    page.drawSvgPath('M 0 0 L -3.5 6 L 3.5 6 Z', { x: xOf(w), y: bottom, color: SESSION });
  }

  // Legend under the axis title.
  let lx = axisLeft;
  const ly = bottom - 38;
  page.drawLine({
    start: { x: lx, y: ly + 3 },
    end: { x: lx + 16, y: ly + 3 },
    thickness: 1.6,
    color: CURVE,
  });
  lx += 20;
  page.drawText('expected benefit', { ...small, x: lx, y: ly });
  lx += pdf.regular.widthOfTextAtSize('expected benefit', 7.5) + 16;
  page.drawSvgPath('M 3.5 0 L 0 7 L 7 7 Z', { x: lx, y: ly + 7, color: SESSION });
  lx += 11;
  page.drawText('session of the initial series', { ...small, x: lx, y: ly });
  lx += pdf.regular.widthOfTextAtSize('session of the initial series', 7.5) + 16;
  page.drawLine({
    start: { x: lx, y: ly - 1 },
    end: { x: lx, y: ly + 7 },
    thickness: 0.8,
    color: BOOSTER,
    dashArray: [3, 3],
  });
  lx += 5;
  page.drawText('maintenance session', { ...small, x: lx, y: ly });

  pdf.y = ly - 10;
  const model = plan.responseModel;
  pdf.paragraph(
    `Each session's effect is drawn rising to its peak about ${model.peakWeeks} weeks later and fading to half by about ${model.halfLifeWeeks} weeks${c.cite(model.sources)}; maintenance sessions are drawn where the plan places them${c.cite(plan.maintenance?.sources ?? [])}.`,
    { size: 9, after: 2 },
  );
  const note = plan.caveats.find((x) => x.id === 'model');
  pdf.paragraph(
    `${note?.text ?? 'The curve is a simple model of the sources’ milestones.'}${c.cite(note?.sources ?? ['EXOCLINIC-MODEL'])} It is not a prediction for you.`,
    { size: 8.5, color: MUTED, after: 10 },
  );
}

function drawQuote(
  pdf: PdfLayout,
  q: { createdAt: number; quote: CourseQuote },
  f: PrintFormat,
  c: Citations,
) {
  const quote = q.quote;
  const ex = quote.exosome;
  // The whole estimate on one page: five rows and the note.
  pdf.band('Estimated cost', 190);
  pdf.row(
    'Price list',
    `${quote.priceListName}${quote.isExamplePriceList ? ' (example prices, not the clinic’s own)' : ''}, ${quote.tier} tier; quoted ${f.instantDay(q.createdAt)}`,
  );
  // The price is the clinic's own, from its price list: that list is its source.
  const price = f.money(ex.perSession.amount, ex.perSession.currency);
  pdf.row(
    'Per session',
    ex.perSession.sources.length > 0
      ? `${price}${c.cite(ex.perSession.sources)}`
      : `${price} (the clinic’s price list)`,
  );
  const period = (label: string, e: typeof ex.initialSeries) => {
    const t = e.total;
    const range =
      t.min === t.max
        ? f.money(t.target, t.currency)
        : `${f.money(t.target, t.currency)} (between ${f.money(t.min, t.currency)} and ${f.money(t.max, t.currency)})`;
    const sessions = e.sessions;
    pdf.row(
      label,
      `${span(sessions.min, sessions.max)} sessions${c.cite(sessions.sources)}: ${range}${c.cite(t.sources)}`,
    );
  };
  period('Initial series', ex.initialSeries);
  period('First year', ex.year1);
  period('First three years', ex.threeYears);
  const estimate = quote.notes.find((n) => n.code === 'estimate');
  if (estimate) {
    pdf.y -= 2;
    pdf.paragraph(`${estimate.text}${c.cite(estimate.sources)}`, { size: 8.5, color: MUTED, after: 4 });
  }
  pdf.y -= 6;
}
