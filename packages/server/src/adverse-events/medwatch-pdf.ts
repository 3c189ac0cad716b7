import { INK, MUTED, PdfLayout } from '../shared/pdf-layout';
import type { MedWatchReport } from './medwatch';

// A printable rendering of the MedWatch 3500 fields: the clinic's copy to transcribe or attach to
// the FDA's own form. Lettered sections as on the form, each field labelled.

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
  const pdf = await PdfLayout.create({
    title: `MedWatch 3500 fields: ${report.B_adverseEvent.eventType}`,
    createdAt: Date.parse(report.generatedAt),
  });
  const { regular, bold, left } = pdf;
  const safe = (s: string) => pdf.safe(s);

  let y = pdf.y;
  pdf.page.drawText('MedWatch', { x: left, y: y - 18, size: 22, font: bold, color: INK });
  pdf.page.drawText(safe('FDA Form 3500 fields: voluntary report of an adverse event'), {
    x: left + 118,
    y: y - 15,
    size: 11,
    font: regular,
    color: MUTED,
  });
  y -= 30;
  pdf.page.drawText(
    safe(
      `Prepared by Exoclinic on ${report.generatedAt.slice(0, 10)}. Transcribe to the FDA form or attach to the online report.`,
    ),
    {
      x: left,
      y,
      size: 8.5,
      font: regular,
      color: MUTED,
    },
  );
  pdf.y = y - 18;

  const section = (title: string, rows: Row[]) => {
    pdf.band(title);
    for (const [label, value] of rows) pdf.row(label, text(value));
    pdf.y -= 8;
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
  pdf.numberPages();
  return pdf.save();
}
