/**
 * Issue 14, item 18: the EHC plan print (the browser's own print of the plan page) keeps a pupil's name in any
 * script. It runs in a Chromium that sees one system font only (its fontconfig names a folder holding DejaVu Sans,
 * which Chromium needs for its own UI), so Bengali, Gurmukhi and Chinese can only come from the fonts the app ships
 * (renderer/src/script-fonts.css), and Arabic script would otherwise come from DejaVu: the PDF Chromium prints must
 * embed the app's fonts, and pdftotext must read every name back.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, appUrl, invokeApi, signIn } from './fixtures';

test.describe.configure({ mode: 'serial' });

// First and last names as the app keeps them; the plan prints "first last".
const PUPILS = [
  { script: 'Cyrillic', first: 'Aleksandr', last: 'Смирнов' },
  { script: 'Greek', first: 'Αλέξανδρος', last: 'Παπαδόπουλος' },
  { script: 'Arabic', first: 'محمد', last: 'عبد الله' },
  { script: 'Urdu', first: 'عائشہ', last: 'پروین' },
  { script: 'Bengali', first: 'সাদিয়া', last: 'রহমান' },
  { script: 'Gurmukhi', first: 'ਗੁਰਪ੍ਰੀਤ', last: 'ਸਿੰਘ' },
  { script: 'Chinese', first: '秀英', last: '王' },
  { script: 'Chinese (traditional)', first: '嘉欣', last: '陳' },
  { script: 'Polish', first: 'Zofia', last: 'Wójcik-Łukasiewicz' },
  { script: 'Vietnamese', first: 'Thị Hương', last: 'Nguyễn' },
];

/**
 * Text compared logically: NFC, no bidi controls, single spaces. One known limit of Chromium's PDFs read by poppler:
 * a right-to-left ligature standing for several letters comes back with those letters reversed (the word Allah's
 * ligature, "لله", reads "هلل"), as Chromium writes its letters in logical order and pdftotext reverses the whole
 * word. The printed page is right; only that ligature's text is put back here. (The app's own PDFs map such
 * ligatures for extraction: reports/pdf-fonts.ts.)
 */
const readable = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/اهلل/g, 'الله');

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

let browser: Browser;
let page: Page;
let fontDir = '';
const planUrls: string[] = [];

test.beforeAll(async () => {
  if (!existsSync(DEJAVU)) return;
  // A fontconfig with one font folder holding DejaVu Sans only.
  fontDir = mkdtempSync(join(tmpdir(), 'senco-onefont-'));
  mkdirSync(join(fontDir, 'fonts'));
  copyFileSync(DEJAVU, join(fontDir, 'fonts', 'DejaVuSans.ttf'));
  const conf = join(fontDir, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${join(fontDir, 'fonts')}</dir><cachedir>${join(fontDir, 'cache')}</cachedir></fontconfig>\n`,
  );
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    env: { ...env, FONTCONFIG_FILE: conf },
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 850 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  await signIn(page);
  const me = await invokeApi<{ user: { id: string } }>(page, 'auth.me', {});
  expect(me.ok, me.error?.message).toBe(true);
  for (const [i, p] of PUPILS.entries()) {
    const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
      upn: makeUpn(803, 2000, 16, 400 + i),
      legalFirstName: p.first,
      legalLastName: p.last,
      dateOfBirth: '2016-05-01',
      yearGroup: '5',
      className: '5S',
      dateJoined: '2022-09-01',
      senStatus: 'E',
      needs: ['SLCN'],
      contacts: [],
    });
    expect(created.ok, created.error?.message).toBe(true);
    const pupilId = created.value?.id ?? '';
    const plan = await invokeApi<{ plan: { id: string } }>(page, 'ehcp.create', {
      pupilId,
      localAuthority: 'Example Borough Council',
      ownerId: me.value?.user.id ?? null,
      status: 'final',
      draftDate: null,
      issuedDate: '2026-06-01',
      ceasedDate: null,
      ceasedReason: null,
      content: {
        sectionA: { views: `${p.first} likes drawing.`, interests: null, aspirations: null },
        needs: [{ key: 'n1', area: 'communication_interaction', description: 'Finds it hard to follow spoken instructions.' }],
        items: [],
        outcomes: [
          { key: 'o1', description: 'Follows a two-step instruction in class.', targetDate: null, needKeys: ['n1'], pfaArea: null },
        ],
        provision: [],
        placement: { name: null, urn: null, type: null },
        personalBudget: null,
        advice: [],
      },
    });
    expect(plan.ok, plan.error?.message).toBe(true);
    planUrls.push(appUrl(`#/pupils/${pupilId}/plans/ehcp/${plan.value?.plan.id ?? ''}`));
  }
});

test.afterAll(async () => {
  await browser?.close();
  if (fontDir) rmSync(fontDir, { recursive: true, force: true });
});

test('the EHC plan print keeps a name in every script, from the fonts the app ships', async () => {
  test.skip(!existsSync(DEJAVU), `skipped: ${DEJAVU} is missing (apt-get install fonts-dejavu-core), and Chromium needs one system font`);
  const dir = mkdtempSync(join(tmpdir(), 'senco-plan-print-'));
  try {
    for (const [i, p] of PUPILS.entries()) {
      await page.goto(planUrls[i] as string);
      await expect(page.getByRole('heading', { name: `${p.first} ${p.last}: EHC plan` })).toBeVisible();
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('plan-print')).toBeVisible();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const file = join(dir, `plan-${i}.pdf`);
      await page.pdf({ path: file, preferCSSPageSize: true });
      if (['Arabic', 'Bengali', 'Gurmukhi', 'Chinese'].includes(p.script))
        await page.screenshot({ path: `${SCREENSHOTS}/plan-print-${p.script}.png` });
      await page.emulateMedia({ media: 'screen' });
      const text = readable(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
      expect(text, `${p.script}: the first name`).toContain(readable(p.first));
      expect(text, `${p.script}: the last name`).toContain(readable(p.last));
      expect(text).not.toContain('\ufffd');
      // pdftotext reads a name back even from missing-glyph boxes, so the fonts are checked too. Chromium embeds the
      // app's TrueType fonts by name, and its OpenType (CFF) Chinese font as Type 3 glyphs; with DejaVu alone, Chinese
      // would be DejaVu's boxes (TrueType) and Arabic DejaVu's own glyphs.
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      const expected = { Arabic: 'NotoNaskhArabic', Urdu: 'NotoNaskhArabic', Bengali: 'NotoSansBengali', Gurmukhi: 'NotoSansGurmukhi' }[
        p.script as 'Arabic'
      ];
      if (expected) expect(fonts, `${p.script}: printed in the app's own font`).toContain(expected);
      if (p.script.startsWith('Chinese')) expect(fonts, `${p.script}: printed from the app's Chinese font`).toMatch(/Type 3/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
