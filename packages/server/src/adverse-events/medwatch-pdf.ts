import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { MedWatchReport } from './medwatch';

// A printable rendering of the MedWatch 3500 fields: the clinic's copy to transcribe or attach to
// the FDA's own form. Lettered sections as on the form, each field labelled.

const PAGE = { width: 612, height: 792, margin: 48 };
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.4, 0.45);
const RULE = rgb(0.75, 0.77, 0.8);
const BAND = rgb(0.9, 0.93, 0.97);

type Row = [label: string, value: unknown];

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(text).join('; ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}: ${text(v)}`)
      .join(', ');
  }
  return String(value);
}

export async function renderMedWatchPdf(report: MedWatchReport): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`MedWatch 3500 fields: ${report.B_adverseEvent.eventType}`);
  doc.setProducer('Exoclinic');
  doc.setCreationDate(new Date(report.generatedAt));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  // The standard fonts speak WinAnsi only: anything else is shown as '?', never dropped silently.
  const safe = (s: string) => [...s].map((c) => (charset.has(c.codePointAt(0)!) ? c : '?')).join('');

  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;

  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.margin;
  };
  const wrap = (s: string, font: PDFFont, size: number, max: number): string[] => {
    const lines: string[] = [];
    for (const para of safe(s).split('\n')) {
      let line = '';
      for (const word of para.split(/\s+/)) {
        const tryLine = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(tryLine, size) <= max) line = tryLine;
        else {
          if (line) lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  };

  page.drawText('MedWatch', { x: PAGE.margin, y: y - 18, size: 22, font: bold, color: INK });
  page.drawText(safe('FDA Form 3500 fields: voluntary report of an adverse event'), {
    x: PAGE.margin + 118,
    y: y - 15,
    size: 11,
    font: regular,
    color: MUTED,
  });
  y -= 30;
  page.drawText(
    safe(
      `Prepared by Exoclinic on ${report.generatedAt.slice(0, 10)}. Transcribe to the FDA form or attach to the online report.`,
    ),
    {
      x: PAGE.margin,
      y,
      size: 8.5,
      font: regular,
      color: MUTED,
    },
  );
  y -= 18;

  const section = (title: string, rows: Row[]) => {
    if (y < PAGE.margin + 60) newPage();
    page.drawRectangle({ x: PAGE.margin, y: y - 16, width, height: 18, color: BAND });
    page.drawText(safe(title), { x: PAGE.margin + 6, y: y - 11, size: 10.5, font: bold, color: INK });
    y -= 24;
    for (const [label, value] of rows) {
      const lines = wrap(text(value), regular, 9.5, width - 170);
      const h = lines.length * 12 + 6;
      if (y - h < PAGE.margin) newPage();
      page.drawText(safe(label), { x: PAGE.margin + 6, y: y - 9, size: 8.5, font: bold, color: MUTED });
      lines.forEach((line, i) => {
        page.drawText(line, {
          x: PAGE.margin + 170,
          y: y - 9 - i * 12,
          size: 9.5,
          font: regular,
          color: INK,
        });
      });
      y -= h;
      page.drawLine({
        start: { x: PAGE.margin, y: y + 2 },
        end: { x: PAGE.margin + width, y: y + 2 },
        thickness: 0.4,
        color: RULE,
      });
    }
    y -= 8;
  };

  const a = report.A_patient;
  section('A. Patient information', [
    ['1. Patient identifier', a.identifier],
    ['2. Age at time of event', a.ageAtEvent ? `${a.ageAtEvent.value} ${a.ageAtEvent.unit}` : null],
    ['   Date of birth', a.dateOfBirth],
    ['3. Sex', a.sex],
    ['4. Weight', a.weight],
  ]);
  const b = report.B_adverseEvent;
  section('B. Adverse event', [
    ['1. Report concerns', 'Adverse event'],
    ['2. Serious outcomes', b.outcomes.length ? b.outcomes : 'none marked'],
    ['3. Date of event', b.dateOfEvent],
    ['4. Date of this report', b.dateOfReport],
    ['5. Event', `${b.eventType} (CTCAE grade ${b.ctcaeGrade}). ${b.description}`],
    ['   Actions taken', b.actions],
    ['   Outcome', b.resolvedOn ? `${b.outcome}, resolved ${b.resolvedOn}` : b.outcome],
    ['   Suspected relation', b.relation],
    ['6. Relevant tests', b.relevantTests],
    ['7. Other relevant history', b.otherHistory],
  ]);
  section('C. Product availability', [
    ['Available for evaluation', report.C_productAvailability.availableForEvaluation],
  ]);
  if (report.D_suspectProducts.length === 0) section('D. Suspect products', [['Products', 'none linked']]);
  for (const [i, d] of report.D_suspectProducts.entries()) {
    section(`D. Suspect product ${i + 1}`, [
      ['1. Name', d.name],
      ['   Manufacturer', d.manufacturer],
      ['   Origin', d.origin],
      ['   Lot number', d.lotNumber],
      ['   Expiration date', d.expirationDate],
      ['3. Dose or amount', d.doseOrAmount],
      ['4. Route', d.route],
      ['5. Therapy dates', `${d.therapyDates.start ?? '—'} to ${d.therapyDates.stop ?? '—'}`],
      ['6. Diagnosis for use', d.diagnosisForUse],
      ['   Regulatory status', d.registration],
      ['7. Abated after stop', d.eventAbatedAfterStop],
      ['8. Reappeared after reintroduction', d.eventReappearedAfterReintroduction],
    ]);
  }
  section(
    'E. Suspect medical device',
    report.E_suspectDevices.length
      ? report.E_suspectDevices.map((e): Row => [e.name, e.settings])
      : [['Device', 'none charted']],
  );
  section('F. Other (concomitant) medical products', [
    ['Products', report.F_otherProducts.length ? report.F_otherProducts : 'none charted'],
  ]);
  const g = report.G_reporter;
  section('G. Reporter', [
    ['1. Name', g.name],
    ['   Clinic', g.clinic],
    ['   E-mail', g.email],
    ['2. Health professional', g.healthProfessional],
    ['3. Occupation', g.occupation],
  ]);
  const pages = doc.getPages();
  for (const [i, p] of pages.entries()) {
    p.drawText(`${i + 1} / ${pages.length}`, {
      x: PAGE.width - PAGE.margin - 30,
      y: 24,
      size: 8,
      font: regular,
      color: MUTED,
    });
  }
  return Buffer.from(await doc.save());
}
