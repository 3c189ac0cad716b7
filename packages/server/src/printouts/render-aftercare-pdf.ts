import {
  AFTERCARE_PHASES,
  type AftercarePhase,
  aftercareFor,
  findAdverseEventType,
  findIndication,
  findModality,
  type IndicationId,
  type Jurisdiction,
  type ModalityId,
  type SourceKey,
} from '@exoclinic/core';
import { rgb } from 'pdf-lib';
import { MUTED, PdfLayout } from '../shared/pdf-layout';
import { Citations, type PrintFormat, printFormat } from './printout-format';
import { drawBullet, drawLetterhead, drawNoticeBox, drawSources, type NoticeItem } from './printout-parts';

// Aftercare for the patient's last session on paper: phase by phase from the session's own time,
// when each phase ends, what is expected and what to report, and how to reach the clinic.

export interface AftercarePrintout {
  clinic: {
    name: string;
    jurisdiction: Jurisdiction;
    timeZone: string;
    locale: string;
    phone: string | null;
    email: string | null;
  };
  /** Where the session took place (the clinic's site). */
  location: { name: string; address: string | null } | null;
  patient: { name: string };
  session: {
    /** When the patient was checked in: the phases count from here. */
    at: number;
    index: number | null;
    seriesPlanned: number;
    timeZone: string;
    products: { name: string; lotNumber: string }[];
  };
  indication: IndicationId;
  modality: ModalityId;
  printedAt: number;
}

const HOUR = 3_600_000;

/** Headings without numbers; the phase's length follows with its source. */
const PHASE_TITLE: Record<AftercarePhase, string> = {
  immediately: 'Right after the session',
  'first-72-hours': 'The first days',
  'skincare-window': 'Skincare window',
  'long-term': 'Long term',
  habits: 'Habits that help',
};

/**
 * Where each phase's length comes from: S4 gives the 24–72 hours; "right after" (the first day)
 * and the skincare window's 7-day default are Exoclinic's reading, S4 leaving the latter to the
 * clinic (core catalog/aftercare.ts).
 */
const PHASE_SOURCES: Record<AftercarePhase, SourceKey[]> = {
  immediately: ['EXOCLINIC-MODEL'],
  'first-72-hours': ['S4'],
  'skincare-window': ['S4', 'EXOCLINIC-MODEL'],
  'long-term': [],
  habits: [],
};

/** Common reactions that settle by themselves, and those to report at once (core adverse-event catalog). */
const EXPECTED = [
  'pain',
  'redness',
  'swelling',
  'tenderness',
  'itching-tingling',
  'bruising',
  'needle-marks',
];

function duration(hours: number): string {
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.round(hours / 24);
  return `${days} days`;
}

function helpItems(p: AftercarePrintout, f: PrintFormat, c: Citations): NoticeItem[] {
  const allergic = findAdverseEventType('allergic-reaction');
  const infection = findAdverseEventType('infection');
  const items: NoticeItem[] = [
    {
      lead: 'Emergency: call emergency services at once',
      text: `Trouble breathing, or swelling of the face, lips or throat, can be a serious allergic reaction${c.cite(allergic?.sources ?? ['S3', 'S4'])}.`,
    },
    {
      lead: 'Call the clinic the same day',
      text: `Heat, pus, fever or redness that spreads at the treated site can be an infection${c.cite(infection?.sources ?? ['S3', 'S4'])}. Also call for anything in "What to report" below that lasts longer than expected, gets worse, or worries you.`,
    },
  ];
  const where = [p.clinic.name, p.location?.name, p.location?.address].filter(Boolean).join(', ');
  const reach = [
    p.clinic.phone ? `phone ${p.clinic.phone}` : null,
    p.clinic.email ? `e-mail ${p.clinic.email}` : null,
  ].filter(Boolean);
  const product = p.session.products.map((x) => `${x.name}, lot ${x.lotNumber}`).join('; ');
  items.push({
    lead: 'How to reach the clinic',
    text:
      `${where}${reach.length ? `: ${reach.join(', ')}` : ''}. ` +
      'You can also report a side effect in the patient portal under "Report a side effect". ' +
      `Give your session date (${f.dateTime(p.session.at, p.session.timeZone)})` +
      (product ? ` and the product given: ${product}.` : '.'),
  });
  if (p.clinic.jurisdiction === 'US') {
    items.push({
      lead: 'Reporting to the FDA',
      text: `You may also report a side effect yourself to the FDA through its MedWatch programme${c.cite(['FDA-MEDWATCH'])}.`,
    });
  }
  return items;
}

export async function renderAftercarePdf(p: AftercarePrintout): Promise<Buffer> {
  const pdf = await PdfLayout.create({
    title: `Aftercare: ${p.patient.name}`,
    subject: `${p.clinic.name}: aftercare after the session of ${new Date(p.session.at).toISOString().slice(0, 10)}`,
    createdAt: p.printedAt,
  });
  const f = printFormat(pdf, p.clinic);
  const c = new Citations();
  const zone = p.session.timeZone;
  const at = p.session.at;
  const modality = findModality(p.modality);
  const indication = findIndication(p.indication);

  drawLetterhead(
    pdf,
    p.clinic.name,
    `Aftercare after your session on ${f.instantDay(at, zone)}`,
    `For ${p.patient.name} · printed ${f.instantDay(p.printedAt)}`,
  );

  drawNoticeBox(pdf, 'When to get help', helpItems(p, f, c), {
    border: rgb(0.7, 0.12, 0.12),
    fill: rgb(1, 0.95, 0.95),
  });

  pdf.band('Your session');
  pdf.row('Date and time', f.dateTime(at, zone));
  pdf.row(
    'Treatment',
    `${modality?.name ?? p.modality}${indication ? ` for ${indication.name.toLowerCase()}` : ''}`,
  );
  if (p.session.index) {
    pdf.row('Session', `${p.session.index} of ${p.session.seriesPlanned} in your initial series`);
  }
  if (p.session.products.length > 0) {
    pdf.row('Product given', p.session.products.map((x) => `${x.name}, lot ${x.lotNumber}`).join('; '));
  }
  pdf.y -= 8;

  const steps = aftercareFor(p.modality);
  for (const phase of AFTERCARE_PHASES) {
    const items = steps.filter((s) => s.phase === phase.phase);
    if (items.length === 0) continue;
    pdf.band(PHASE_TITLE[phase.phase], 70);
    const timing =
      phase.toHours === null
        ? 'From now on.'
        : `For ${duration(phase.toHours)} after the session${c.cite(PHASE_SOURCES[phase.phase])}: until ${f.dateTime(at + phase.toHours * HOUR, zone)}.` +
          (phase.phase === 'skincare-window' ? ' Your clinic may set a different length.' : '');
    pdf.paragraph(timing, { font: pdf.bold, size: 9.5, indent: 6, after: 4 });
    for (const step of items) drawBullet(pdf, `${step.text}${c.cite(step.sources)}`);
    pdf.y -= 8;
  }

  drawWhatToReport(pdf, p, f, c);
  drawSources(pdf, c);
  pdf.numberPages(`${p.clinic.name} · ${p.patient.name} · aftercare`);
  return pdf.save();
}

function drawWhatToReport(pdf: PdfLayout, p: AftercarePrintout, f: PrintFormat, c: Citations) {
  const zone = p.session.timeZone;
  const at = p.session.at;
  pdf.band('What to report', 120);
  pdf.paragraph(
    'These are common after a session and usually settle by themselves. Tell the clinic if one lasts past the day shown, gets worse instead of better, or comes back.',
    { size: 9.5, after: 6 },
  );
  const rows: string[][] = [];
  for (const id of EXPECTED) {
    const type = findAdverseEventType(id);
    if (!type?.expectedHours) continue;
    rows.push([
      type.name,
      `up to ${duration(type.expectedHours.max)}`,
      f.dateTime(at + type.expectedHours.max * HOUR, zone),
      c.plain(type.sources),
    ]);
  }
  pdf.table(
    [
      { title: 'What you may notice', width: 170 },
      { title: 'Usually lasts', width: 90 },
      { title: 'Should be gone by', width: 140 },
      { title: 'Sources' },
    ],
    rows,
  );
  pdf.y -= 10;
  pdf.paragraph('Tell the clinic promptly about these, even weeks later', {
    font: pdf.bold,
    size: 9.5,
    after: 4,
  });
  const flu = findAdverseEventType('flu-like');
  if (flu?.expectedHours) {
    drawBullet(
      pdf,
      `Tiredness, a low fever or aches that last more than ${duration(flu.expectedHours.max)}${c.cite(flu.sources)}, after ${f.dateTime(at + flu.expectedHours.max * HOUR, zone)}.`,
    );
  }
  const nodules = findAdverseEventType('nodules');
  if (nodules) drawBullet(pdf, `Lumps or bumps under the treated skin${c.cite(nodules.sources)}.`);
  const granuloma = findAdverseEventType('delayed-granuloma');
  if (granuloma?.onsetDays) {
    const from = at + granuloma.onsetDays.min * 24 * HOUR;
    const to = at + granuloma.onsetDays.max * 24 * HOUR;
    drawBullet(
      pdf,
      `Firm, new lumps that appear ${granuloma.onsetDays.min} to ${granuloma.onsetDays.max} days after treatment${c.cite(granuloma.sources)}: for this session, between ${f.instantDay(from, zone)} and ${f.instantDay(to, zone)}. Reactions this late have been reported after exosome treatments; your safety review looks for them.`,
    );
  }
  pdf.paragraph(
    'This sheet follows the clinic’s aftercare catalog; your practitioner’s own instructions come first.',
    { size: 8.5, color: MUTED, after: 10 },
  );
}
