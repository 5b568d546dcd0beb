/**
 * Text made ready for the PDFs' fonts (pdf-fonts.ts: Noto Sans with Arabic, Bengali, Gurmukhi and Chinese fonts
 * beside it). Every letter of a pupil's name in any of those scripts is kept as it is; only what no shipped font can
 * draw is changed: mapped to a plain equivalent, stripped of its accents, or replaced by '?'. Control characters go;
 * the zero-width joiner and non-joiner stay, as they steer Arabic and Indic shaping.
 */
import { drawable } from './pdf-fonts';

/** Characters that are never drawn (invisible), whatever the fonts have. */
const DROPPED = new Set([0x200b, 0x2060, 0xfeff]);

/** Common characters and what to print instead, used only when no shipped font has the character. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2015': '\u2014', // horizontal bar
  '\u2212': '-', // minus sign
  '\u2032': "'", // prime
  '\u2033': '"', // double prime
  '\u2190': '<-',
  '\u2192': '->',
  '\u2194': '<->',
  '\u21d2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2713': 'Yes',
  '\u2714': 'Yes',
  '\u2717': 'x',
  '\u2718': 'x',
  '\u25cf': '\u2022',
  '\u25aa': '\u2022',
  '\u2023': '\u2022',
  '\u2043': '-',
};

/**
 * `s` made safe for the PDFs' fonts: NFC-composed, tabs as spaces, CRLF as LF, control characters and zero-width
 * spaces removed, and characters that no shipped font has replaced (see REPLACEMENTS; else the letter without its
 * accents; else '?'). A lone UTF-16 surrogate is such a character.
 */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (ch === '\r' || DROPPED.has(code)) continue;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else if (code < 0x250 || code === 0x200c || code === 0x200d || (code < 0xd800 || code > 0xdfff ? drawable(code) : false)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => drawable(c.codePointAt(0) as number)) ? base : '?';
    }
  }
  return out;
}
