/**
 * The password-protected review pack, checked with the tools a receiver would use: qpdf must report AES-256 with
 * revision 6 of the security handler, poppler's pdftotext must fail without the password and read the pack with
 * it, and `qpdf --check` must find no errors. Also the password rules, and the owner entries of revision 6.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReviewPack } from '../reports/review-pack-pdf';
import { reviewPackFixture } from '../reports/review-pack-fixture';
import { PdfPasswordError, checkPdfPassword, protectedPdfOptions, upgradeToRevision6 } from './protected-pdf';

const PASSWORD = 'Maple-kettle-41 ribbon';
const dir = mkdtempSync(join(tmpdir(), 'protected-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

async function smallProtectedPdf(password: string, ownerPassword?: string): Promise<Buffer> {
  const doc = new PDFDocument(protectedPdfOptions(password));
  upgradeToRevision6(doc, password, ownerPassword);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text('Only for the meeting');
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('the password-protected review pack', () => {
  const file = join(dir, 'review-pack-protected.pdf');
  beforeAll(async () => {
    const { pdf } = await renderReviewPack(reviewPackFixture(), { password: PASSWORD });
    writeFileSync(file, pdf);
  });

  it('is AES-256 with revision 6 of the standard security handler', () => {
    const out = execFileSync('qpdf', ['--show-encryption', `--password=${PASSWORD}`, file], { encoding: 'utf8' });
    expect(out).toMatch(/^R = 6$/m);
    expect(out).toContain('Supplied password is user password');
    expect(out).toMatch(/^stream encryption method: AESv3$/m);
    expect(out).toMatch(/^string encryption method: AESv3$/m);
    expect(out).toMatch(/^file encryption method: AESv3$/m);
    expect(out).toMatch(/^print high resolution: allowed$/m);
    expect(out).toMatch(/^extract for accessibility: allowed$/m);
    expect(out).toMatch(/^modify anything: not allowed$/m);
  });

  it('cannot be read without the password, and reads in full with it', () => {
    const without = run('pdftotext', [file, '-']);
    expect(without.status).not.toBe(0);
    expect(without.stdout).not.toContain('Zoë');
    const wrong = run('pdftotext', ['-upw', 'Maple-kettle-41 ribbon!', file, '-']);
    expect(wrong.status).not.toBe(0);
    const withIt = run('pdftotext', ['-upw', PASSWORD, '-enc', 'UTF-8', file, '-']);
    expect(withIt.status, withIt.stderr).toBe(0);
    expect(withIt.stdout).toContain('Zoë Ó Briain');
    expect(withIt.stdout).toContain('Confidential');
    expect(withIt.stdout).toMatch(/Page 1 of \d+/);
  });

  it('passes qpdf --check with the password', () => {
    const r = run('qpdf', ['--check', `--password=${PASSWORD}`, file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
  });

  it('is not encrypted when no password is given', async () => {
    const plain = join(dir, 'review-pack-plain.pdf');
    writeFileSync(plain, (await renderReviewPack(reviewPackFixture())).pdf);
    expect(run('qpdf', ['--show-encryption', plain]).stdout).toContain('File is not encrypted');
  });

  it('refuses a short password before drawing anything', async () => {
    await expect(renderReviewPack(reviewPackFixture(), { password: 'short' })).rejects.toThrow(PdfPasswordError);
  });
});

describe('protected PDFs', () => {
  it('writes revision 6 owner entries that the owner password opens', async () => {
    const owner = 'the owner password, never shown';
    const f = join(dir, 'owner.pdf');
    writeFileSync(f, await smallProtectedPdf(PASSWORD, owner));
    const out = execFileSync('qpdf', ['--show-encryption', `--password=${owner}`, f], { encoding: 'utf8' });
    expect(out).toContain('Supplied password is owner password');
    expect(out).toMatch(/^R = 6$/m);
  });

  it('handles passwords beyond ASCII (a pound sign, an accent) as readers do', async () => {
    const password = 'café £20 notebook';
    const f = join(dir, 'unicode.pdf');
    writeFileSync(f, await smallProtectedPdf(password));
    const r = run('pdftotext', ['-upw', password, f, '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Only for the meeting');
  });

  it('checks passwords with plain messages', () => {
    const code = (pw: string) => {
      try {
        checkPdfPassword(pw);
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(PdfPasswordError);
        return { code: (e as PdfPasswordError).code, message: (e as PdfPasswordError).message };
      }
    };
    expect(code('123456789')).toEqual({
      code: 'too_short',
      message: expect.stringMatching(/^The password must be at least 10 characters long\./),
    });
    expect(code('1234567890')).toBeNull();
    expect(code('x'.repeat(128))).toMatchObject({ code: 'too_long' });
    expect(code('tab\there and more')).toMatchObject({ code: 'bad_characters' });
    expect(() => protectedPdfOptions('too short')).toThrow(/at least 10 characters/);
  });

  it('uses a random owner password, so the reader password cannot lift the permissions', () => {
    const a = protectedPdfOptions(PASSWORD);
    const b = protectedPdfOptions(PASSWORD);
    expect(a.pdfVersion).toBe('1.7ext3');
    expect(a.userPassword).toBe(PASSWORD);
    expect(a.ownerPassword).not.toBe(PASSWORD);
    expect(a.ownerPassword).not.toBe(b.ownerPassword);
  });

  it('refuses to upgrade a document that pdfkit did not encrypt', () => {
    expect(() => upgradeToRevision6(new PDFDocument(), PASSWORD)).toThrow(/did not set up AES-256 encryption/);
  });
});
