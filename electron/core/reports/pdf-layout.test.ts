/** The shared PDF layout: tables repeat their header on each page they span, and every page gets its footer. */
import { describe, expect, it } from 'vitest';
import { createPdf } from './pdf-fonts';
import { DOC_OPTIONS, PdfLayout, collect, eachPage, footer } from './pdf-layout';

describe('PdfLayout', () => {
  it('carries a long table over pages and decorates every page', async () => {
    const doc = createPdf({ ...DOC_OPTIONS, compress: false });
    const finish = collect(doc);
    const lay = new PdfLayout<string>(doc);
    lay.text('');
    expect(lay.y).toBe(lay.top);
    lay.table(
      [{ header: 'Name', width: 1 }],
      Array.from({ length: 120 }, (_, i) => ({ cells: [`Row ${i}`] })),
    );
    expect(lay.pageIndex).toBeGreaterThan(0);
    const seen: [number, number][] = [];
    const pages = eachPage(doc, (n, total) => {
      seen.push([n, total]);
      footer(doc, { confidential: 'Confidential', name: 'A Pupil', page: `Page ${n} of ${total}` }, (room) =>
        room > 0 ? ' - detail' : '',
      );
    });
    expect(pages).toBe(lay.pageIndex + 1);
    expect(seen.map(([n]) => n)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    const pdf = await finish();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
