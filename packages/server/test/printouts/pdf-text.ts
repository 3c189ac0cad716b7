import { execFileSync } from 'node:child_process';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDocument,
  PDFRawStream,
  type PDFRef,
  type PDFStream,
} from 'pdf-lib';

// Reading the text back out of a printout. The printouts use the standard fonts, whose text
// pdf-lib writes as hex strings of WinAnsi codes shown with `Tj`: reading every page's content
// streams in order gives the text as drawn, line by line, on any machine. Where poppler's
// `pdftotext` is installed, a second, independent reader is available too.

// WinAnsi is windows-1252; Node's decoder of that name reads 0x80–0x9F as Latin-1 control
// characters, so that range is mapped here (the dashes, quotes and bullet live there).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: Buffer) =>
  [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join('');

/** The text drawn on each page, one drawn line per line, in drawing order. */
export async function drawnText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams: PDFStream[] = [];
    if (contents instanceof PDFArray) {
      for (let i = 0; i < contents.size(); i++)
        streams.push(doc.context.lookup(contents.get(i) as PDFRef) as PDFStream);
    } else if (contents) streams.push(contents);
    for (const stream of streams) {
      const raw = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
      const ops = Buffer.from(raw).toString('latin1');
      for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
        out.push(winAnsi(Buffer.from(m[1]!, 'hex')));
      }
    }
  }
  return out.join('\n');
}

export const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Text as poppler reads it (content-stream order), when poppler-utils is installed. */
export function popplerText(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
}

/** One space for any run of white space (including the non-breaking spaces that glue source keys). */
export const flat = (s: string) => s.replace(/[\s\u00a0]+/g, ' ');
