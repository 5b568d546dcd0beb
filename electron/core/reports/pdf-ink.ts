/**
 * The ink every printable PDF shares: its greys (printed in greyscale, so nothing relies on colour) and one line of
 * text placed exactly. The house layout (pdf-layout.ts), the charts (pdf-charts.ts) and each document draw with these,
 * so no document reaches into another module's internals for them.
 */
import { FONT, type Doc } from './pdf-fonts';
import { pdfText } from './pdf-text';

export const INK = '#1a1a1a';
export const MUTED = '#595959';
export const GRID = '#d4d4d4';
export const FAINT = '#f2f2f2';

export type Align = 'left' | 'right' | 'center';

/** One line of text at (x, y) (y is the top of the line), aligned against x; never wraps, never adds a page. */
export function put(
  doc: Doc,
  s: string,
  x: number,
  y: number,
  opts: { size?: number; bold?: boolean; color?: string; align?: Align } = {},
): number {
  const text = pdfText(s);
  doc
    .font(opts.bold ? FONT.bold : FONT.regular)
    .fontSize(opts.size ?? 7)
    .fillColor(opts.color ?? INK);
  const w = doc.widthOfString(text);
  const left = opts.align === 'right' ? x - w : opts.align === 'center' ? x - w / 2 : x;
  doc.text(text, left, y, { lineBreak: false });
  return w;
}
