import { type RGB, rgb } from 'pdf-lib';
import { INK, MUTED, type PdfLayout } from '../shared/pdf-layout';
import type { Citations } from './printout-format';

// Pieces both printouts draw: the letterhead, a boxed notice, the list of sources.

/** The clinic's name, the document's title and a muted line under them. */
export function drawLetterhead(pdf: PdfLayout, clinic: string, title: string, subtitle: string): void {
  pdf.paragraph(clinic, { font: pdf.bold, size: 11, color: MUTED, after: 2 });
  pdf.paragraph(title, { font: pdf.bold, size: 19, lineHeight: 23, after: 2 });
  pdf.paragraph(subtitle, { size: 9, color: MUTED, after: 4 });
  pdf.rule(pdf.y, INK, 1);
  pdf.y -= 12;
}

export interface NoticeItem {
  /** A short bold lead ("Regulatory status"); empty for an item continuing the one before. */
  lead: string;
  text: string;
}

const PAD = 10;

/**
 * A framed box that stays on one page (it moves to the next when it does not fit): a heading
 * and items, each a bold lead over its text.
 */
export function drawNoticeBox(
  pdf: PdfLayout,
  heading: string,
  items: NoticeItem[],
  colors: { border: RGB; fill: RGB } = { border: rgb(0.72, 0.45, 0.05), fill: rgb(1, 0.97, 0.9) },
): void {
  const inner = pdf.width - 2 * PAD;
  const headingLines = pdf.wrap(heading, pdf.bold, 11.5, inner);
  const blocks = items.map((item) => ({
    lead: item.lead ? pdf.wrap(item.lead, pdf.bold, 9.5, inner) : [],
    text: pdf.wrap(item.text, pdf.regular, 9.5, inner),
  }));
  const height =
    PAD +
    headingLines.length * 15 +
    4 +
    blocks.reduce((sum, b) => sum + (b.lead.length + b.text.length) * 12.5 + 6, 0) +
    PAD -
    6;
  pdf.ensure(height + 4);
  const top = pdf.y;
  pdf.page.drawRectangle({
    x: pdf.left,
    y: top - height,
    width: pdf.width,
    height,
    color: colors.fill,
    borderColor: colors.border,
    borderWidth: 1.5,
  });
  let y = top - PAD;
  pdf.lines(headingLines, pdf.left + PAD, y - 11.5, { font: pdf.bold, size: 11.5, lineHeight: 15 });
  y -= headingLines.length * 15 + 4;
  for (const b of blocks) {
    pdf.lines(b.lead, pdf.left + PAD, y - 9.5, { font: pdf.bold, size: 9.5, lineHeight: 12.5 });
    y -= b.lead.length * 12.5;
    pdf.lines(b.text, pdf.left + PAD, y - 9.5, { size: 9.5, lineHeight: 12.5 });
    y -= b.text.length * 12.5 + 6;
  }
  pdf.y = top - height - 14;
}

/** A bulleted paragraph, the bullet hanging left of the wrapped text. */
export function drawBullet(pdf: PdfLayout, text: string, style: { size?: number; indent?: number } = {}) {
  const size = style.size ?? 9.5;
  const indent = style.indent ?? 6;
  pdf.ensure(size * 1.3);
  pdf.page.drawText('•', { x: pdf.left + indent, y: pdf.y - size, size, font: pdf.regular, color: INK });
  pdf.paragraph(text, { size, indent: indent + 10, after: 3 });
}

/** Every source cited in the document, with its title and where it can be found. */
export function drawSources(pdf: PdfLayout, citations: Citations): void {
  pdf.band('Sources', 40);
  pdf.paragraph(
    'Each number in this document is followed by the keys of the sources it comes from. S0 to S4 are the five articles the clinic’s protocols are built on; the others are regulators, laws and studies.',
    { size: 8.5, color: MUTED, after: 4 },
  );
  for (const s of citations.list()) {
    const title = `${s.title}${s.year ? ` (${s.year})` : ''}.`;
    const lines = pdf.wrap(`${title} ${s.locator}`, pdf.regular, 8.5, pdf.width - 90);
    const h = lines.length * 11 + 3;
    pdf.ensure(h);
    pdf.page.drawText(pdf.safe(s.key), {
      x: pdf.left + 6,
      y: pdf.y - 8.5,
      size: 8.5,
      font: pdf.bold,
      color: INK,
    });
    pdf.lines(lines, pdf.left + 90, pdf.y - 8.5, { size: 8.5, lineHeight: 11 });
    pdf.y -= h;
  }
}
