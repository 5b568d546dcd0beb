/**
 * Issue 14, item 18: a pupil named in any script prints as written in the review pack and its password-protected
 * copy, read back with pdftotext on every page; every font is embedded (nothing left to the reader's machine).
 * The agency export's own check is in exports/export-pdf.test.ts; the EHC plan print's in e2e/pdf-scripts.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReviewPack } from './review-pack-pdf';
import { reviewPackFixture } from './review-pack-fixture';
import { HAVE_POPPLER, NO_POPPLER, SCRIPT_NAMES, pdfFonts, pdfPages } from './script-names';

const dir = mkdtempSync(join(tmpdir(), 'pdf-scripts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PASSWORD = 'Maple-kettle-42 ribbon';

async function pack(name: string, file: string, password?: string) {
  const base = reviewPackFixture();
  const data = {
    ...base,
    pupil: { ...base.pupil, name },
    review: {
      ...base.review,
      attendees: [{ role: 'pupil' as const, name, organisation: null, present: true }, ...base.review.attendees.slice(1)],
    },
  };
  const { pdf, pages } = await renderReviewPack(data, password === undefined ? {} : { password });
  writeFileSync(join(dir, file), pdf);
  return { file: join(dir, file), pages };
}

describe.skipIf(!HAVE_POPPLER)(`names in every script in the review pack${NO_POPPLER}`, () => {
  for (const { script, name } of SCRIPT_NAMES) {
    it(`${script}: "${name}" on every page, as written`, async () => {
      const { file, pages } = await pack(name, `${script.replace(/\W+/g, '-')}.pdf`);
      const text = pdfPages(file);
      expect(text).toHaveLength(pages);
      text.forEach((page) => expect(page).toContain(name));
      expect(text.join(' ')).not.toMatch(/\?{2,}/);
      const fonts = pdfFonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f, `${f.name} is embedded with a ToUnicode map`).toMatchObject({ embedded: true, unicode: true });
      expect(fonts.map((f) => f.name).join(' ')).not.toMatch(/Helvetica/);
    });
  }

  it('the password-protected review pack keeps every name too', async () => {
    for (const { name } of SCRIPT_NAMES) {
      const { file } = await pack(name, 'protected.pdf', PASSWORD);
      expect(execFileSync('qpdf', ['--show-encryption', `--password=${PASSWORD}`, file], { encoding: 'utf8' })).toMatch(/R = 6/);
      const text = pdfPages(file, PASSWORD);
      text.forEach((page) => expect(page).toContain(name));
    }
  });
});
