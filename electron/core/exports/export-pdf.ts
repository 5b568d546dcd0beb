/**
 * The readable PDF inside an agency export package: a cover (who, to whom, when, the lawful basis, the sections)
 * and each chosen section's records as labelled lines. A4, pdfkit standard fonts (text through winAnsi).
 */
import PDFDocument from 'pdfkit';
import { winAnsi } from '../reports/pdf-text';
import type { ExportDocument } from './export-data';

const label = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function lines(value: unknown, depth: number, out: { text: string; depth: number }[]): void {
  if (value === null || value === undefined || value === '') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v === 'object' && v !== null) {
        out.push({ text: `${i + 1}.`, depth });
        lines(v, depth + 1, out);
      } else out.push({ text: String(v), depth });
    });
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'id' || k.endsWith('Id') || v === null || v === undefined || v === '') continue;
      if (typeof v === 'object') {
        out.push({ text: `${label(k)}:`, depth });
        lines(v, depth + 1, out);
      } else out.push({ text: `${label(k)}: ${String(v)}`, depth });
    }
    return;
  }
  out.push({ text: String(value), depth });
}

export async function renderExportPdf(doc: ExportDocument, sectionTitle: (s: string) => string): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: winAnsi(`${doc.pupil.name}: record for ${doc.to.organisation}`), Author: winAnsi(doc.from.school) } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  pdf.font('Helvetica-Bold').fontSize(18).text(winAnsi(doc.pupil.name));
  pdf.font('Helvetica').fontSize(11).moveDown(0.5);
  for (const l of [
    `UPN: ${doc.pupil.upn}`, `Date of birth: ${doc.pupil.dateOfBirth.split('-').reverse().join('/')}`, `Year group: ${doc.pupil.yearGroup}`,
    `From: ${doc.from.school} (URN ${doc.from.urn}), exported by ${doc.from.exportedBy}`, `To: ${doc.to.organisation}`,
    `Exported: ${doc.exportedAt.slice(0, 10).split('-').reverse().join('/')}`, `Lawful basis: ${doc.basis.article6}; ${doc.basis.article9}`,
    `Sections: ${doc.sections.map(sectionTitle).join(', ')}`, 'Confidential: special category personal data. Keep it secure and delete it when no longer needed.',
  ]) pdf.text(winAnsi(l));
  for (const s of doc.sections) {
    pdf.addPage().font('Helvetica-Bold').fontSize(14).text(winAnsi(sectionTitle(s)));
    pdf.font('Helvetica').fontSize(10).moveDown(0.3);
    const out: { text: string; depth: number }[] = [];
    lines(doc.data[s], 0, out);
    if (!out.length) pdf.text('Nothing recorded.');
    for (const l of out) pdf.text(winAnsi(l.text), { indent: l.depth * 14 });
  }
  pdf.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
