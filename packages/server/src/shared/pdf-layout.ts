import { PDFDocument, type PDFFont, type PDFPage, type RGB, rgb, StandardFonts } from 'pdf-lib';

// The page, fonts and flowing text every printable PDF shares (MedWatch fields, plan, aftercare):
// US Letter, the standard Helvetica fonts, text wrapped to a width, a new page when the next
// block does not fit, page numbers at the end.

export const PAGE = { width: 612, height: 792, margin: 48 } as const;
export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.38, 0.4, 0.45);
export const RULE = rgb(0.75, 0.77, 0.8);
export const BAND = rgb(0.9, 0.93, 0.97);

// Characters outside WinAnsi that have a plain spelling; anything else unknown becomes '?'.
const SPELLED: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '→': '->',
  '←': '<-',
  '−': '-',
  '≈': '~',
  '‑': '-',
  '\u2009': ' ',
  '\u202f': '\u00a0',
};

export interface TextStyle {
  font?: PDFFont;
  size?: number;
  color?: RGB;
  /** Distance from one baseline to the next. */
  lineHeight?: number;
}

export class PdfLayout {
  page: PDFPage;
  /** The top of the free space on the current page (PDF y grows upwards). */
  y: number;
  readonly left = PAGE.margin;
  readonly width = PAGE.width - 2 * PAGE.margin;
  readonly bottom = PAGE.margin;
  private readonly charset: Set<number>;

  private constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly italic: PDFFont,
  ) {
    this.charset = new Set(regular.getCharacterSet());
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  static async create(meta: { title: string; createdAt: number; subject?: string }): Promise<PdfLayout> {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title);
    if (meta.subject) doc.setSubject(meta.subject);
    doc.setProducer('Exoclinic');
    doc.setCreator('Exoclinic');
    doc.setCreationDate(new Date(meta.createdAt));
    doc.setModificationDate(new Date(meta.createdAt));
    const [regular, bold, italic] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
      doc.embedFont(StandardFonts.HelveticaOblique),
    ]);
    return new PdfLayout(doc, regular, bold, italic);
  }

  /** True when the standard fonts can show every character of `s` (they speak WinAnsi only). */
  canShow(s: string): boolean {
    for (const c of s) if (!this.charset.has(c.codePointAt(0)!) && !(c in SPELLED)) return false;
    return true;
  }

  /** `s` as the fonts can show it: known symbols spelled out, anything else as '?', never dropped. */
  safe(s: string): string {
    let out = '';
    for (const c of s) {
      if (c === '\n' || this.charset.has(c.codePointAt(0)!)) out += c;
      else out += SPELLED[c] ?? '?';
    }
    return out;
  }

  /**
   * Lines of at most `max` points. Words break at ordinary spaces only, so a non-breaking space
   * (U+00A0) keeps a value and its source key together; a word wider than the line is cut.
   */
  wrap(s: string, font: PDFFont, size: number, max: number): string[] {
    const lines: string[] = [];
    for (const para of this.safe(s).split('\n')) {
      let line = '';
      for (const raw of para.split(/[ \t]+/)) {
        let word = raw;
        while (font.widthOfTextAtSize(word, size) > max && word.length > 1) {
          if (line) {
            lines.push(line);
            line = '';
          }
          let cut = word.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(word.slice(0, cut), size) > max) cut--;
          lines.push(word.slice(0, cut));
          word = word.slice(cut);
        }
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
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin (the footer is below it). */
  ensure(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  /** Height that `text` takes when wrapped to `max` points in `style`. */
  measure(text: string, max: number, style: TextStyle = {}): number {
    const size = style.size ?? 10;
    const font = style.font ?? this.regular;
    return this.wrap(text, font, size, max).length * (style.lineHeight ?? size * 1.3);
  }

  /**
   * Wrapped text flowing down from the current position, breaking onto new pages between lines;
   * leaves `y` below the last line.
   */
  paragraph(text: string, style: TextStyle & { indent?: number; width?: number; after?: number } = {}): void {
    const size = style.size ?? 10;
    const font = style.font ?? this.regular;
    const lineHeight = style.lineHeight ?? size * 1.3;
    const x = this.left + (style.indent ?? 0);
    const max = style.width ?? this.width - (style.indent ?? 0);
    for (const line of this.wrap(text, font, size, max)) {
      this.ensure(lineHeight);
      this.page.drawText(line, { x, y: this.y - size, size, font, color: style.color ?? INK });
      this.y -= lineHeight;
    }
    this.y -= style.after ?? 0;
  }

  /** Draws already wrapped lines, the first on `baseline`, without moving `y`. */
  lines(lines: string[], x: number, baseline: number, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const lineHeight = style.lineHeight ?? size * 1.3;
    lines.forEach((line, i) => {
      this.page.drawText(line, {
        x,
        y: baseline - i * lineHeight,
        size,
        font: style.font ?? this.regular,
        color: style.color ?? INK,
      });
    });
  }

  /** A section heading on a tinted band; starts a new page when `keepWith` points do not follow. */
  band(title: string, keepWith = 60): void {
    this.ensure(keepWith);
    this.page.drawRectangle({ x: this.left, y: this.y - 16, width: this.width, height: 18, color: BAND });
    this.page.drawText(this.safe(title), {
      x: this.left + 6,
      y: this.y - 11,
      size: 10.5,
      font: this.bold,
      color: INK,
    });
    this.y -= 24;
  }

  /** A labelled value: the label in a narrow column, the value wrapped beside it, a rule below. */
  row(label: string, value: string, style: { labelWidth?: number; size?: number; lineHeight?: number } = {}) {
    const labelWidth = style.labelWidth ?? 170;
    const size = style.size ?? 9.5;
    const lineHeight = style.lineHeight ?? 12;
    const lines = this.wrap(value, this.regular, size, this.width - labelWidth);
    // A label that fits stays as written (leading spaces indent a sub-field).
    const labels =
      this.bold.widthOfTextAtSize(this.safe(label), 8.5) <= labelWidth - 12
        ? [this.safe(label)]
        : this.wrap(label, this.bold, 8.5, labelWidth - 12);
    const h = Math.max(lines.length * lineHeight, labels.length * 11) + 6;
    this.ensure(h);
    const baseline = this.y - (lineHeight - 3);
    this.lines(labels, this.left + 6, baseline, { size: 8.5, font: this.bold, color: MUTED, lineHeight: 11 });
    this.lines(lines, this.left + labelWidth, baseline, { size, lineHeight });
    this.y -= h;
    this.rule(this.y + 2);
  }

  /**
   * A table with a header row; columns take the given widths (the last one the rest of the
   * line). A row that does not fit starts a new page, which repeats the header.
   */
  table(columns: { title: string; width?: number }[], rows: string[][], style: { size?: number } = {}): void {
    const size = style.size ?? 9;
    const lineHeight = size + 3;
    const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
    const widths = columns.map((c) => c.width ?? this.width - fixed);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const header = () => {
      const heads = columns.map((c, i) => this.wrap(c.title, this.bold, 8, widths[i]! - 8));
      const h = Math.max(...heads.map((l) => l.length)) * 10 + 6;
      this.ensure(h + lineHeight + 6);
      this.page.drawRectangle({ x: this.left, y: this.y - h, width: this.width, height: h, color: BAND });
      heads.forEach((l, i) => {
        this.lines(l, xs[i]! + 4, this.y - 10, { size: 8, font: this.bold, color: MUTED, lineHeight: 10 });
      });
      this.y -= h;
    };
    header();
    for (const row of rows) {
      const cells = row.map((cell, i) => this.wrap(cell, this.regular, size, widths[i]! - 8));
      const h = Math.max(...cells.map((l) => l.length)) * lineHeight + 6;
      if (this.y - h < this.bottom) {
        this.newPage();
        header();
      }
      cells.forEach((l, i) => {
        this.lines(l, xs[i]! + 4, this.y - lineHeight + 1, { size, lineHeight });
      });
      this.y -= h;
      this.rule(this.y + 2);
    }
  }

  /** A thin line across the text width at `y`. */
  rule(y = this.y, color: RGB = RULE, thickness = 0.4): void {
    this.page.drawLine({
      start: { x: this.left, y },
      end: { x: this.left + this.width, y },
      thickness,
      color,
    });
  }

  /** "n / total" at the foot of every page, with an optional text on the left. */
  numberPages(footer?: string): void {
    const pages = this.doc.getPages();
    const left = footer ? this.safe(footer) : null;
    for (const [i, p] of pages.entries()) {
      p.drawText(`${i + 1} / ${pages.length}`, {
        x: PAGE.width - PAGE.margin - 30,
        y: 24,
        size: 8,
        font: this.regular,
        color: MUTED,
      });
      if (left) p.drawText(left, { x: PAGE.margin, y: 24, size: 8, font: this.regular, color: MUTED });
    }
  }

  async save(): Promise<Buffer> {
    return Buffer.from(await this.doc.save());
  }
}
