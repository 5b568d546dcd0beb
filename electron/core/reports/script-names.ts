/**
 * Test support: pupils' names in the scripts of the home languages of England's pupils, and how to read a PDF's
 * text back (poppler's pdftotext) to compare with them. Synthetic names.
 *
 * pdftotext gives right-to-left text in logical order, but marks it with the bidi controls U+202B and U+202C (and
 * a line mixing directions in the order its layout sees); `readable` removes those controls before comparing.
 */
import { execFileSync } from 'node:child_process';

export const SCRIPT_NAMES = [
  { script: 'Cyrillic', name: 'Aleksandr Смирнов' },
  { script: 'Greek', name: 'Αλέξανδρος Παπαδόπουλος' },
  { script: 'Arabic', name: 'محمد عبد الله' },
  { script: 'Urdu', name: 'عائشہ پروین' },
  { script: 'Bengali', name: 'সাদিয়া রহমান' },
  { script: 'Gurmukhi (Punjabi)', name: 'ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ' },
  { script: 'Chinese (simplified)', name: '王秀英' },
  { script: 'Chinese (traditional)', name: '陳嘉欣' },
  { script: 'Polish', name: 'Zofia Wójcik-Łukasiewicz' },
  { script: 'Vietnamese', name: 'Nguyễn Thị Hương' },
] as const;

export const HAVE_POPPLER = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
export const NO_POPPLER = HAVE_POPPLER ? '' : ' (skipped: poppler-utils is not installed; apt-get install poppler-utils)';

/** NFC, without bidi controls, runs of white space as one space. */
export function readable(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ');
}

/** The text of each page (pdftotext, UTF-8), made `readable`. */
export function pdfPages(file: string, password?: string): string[] {
  const out = execFileSync('pdftotext', [...(password ? ['-upw', password] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const pages = out.split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages.map(readable);
}

/** pdffonts' table: each font's name, whether it is embedded, and whether it has a ToUnicode map. */
export function pdfFonts(file: string, password?: string): { name: string; embedded: boolean; unicode: boolean }[] {
  const out = execFileSync('pdffonts', [...(password ? ['-upw', password] : []), file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type... encoding emb sub uni object ID: the flags are the 5th, 4th and 3rd from the end.
      return { name: cols[0] as string, embedded: cols[cols.length - 5] === 'yes', unicode: cols[cols.length - 3] === 'yes' };
    });
}
