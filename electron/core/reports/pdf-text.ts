/**
 * Text for pdfkit's built-in (standard 14) fonts, which encode in WinAnsi (Windows-1252): Latin-1 plus the curly
 * quotes, dashes, bullet, ellipsis, euro and a few more in 0x80-0x9F. Anything else would come out as garbage, so it
 * is mapped to a plain equivalent, stripped of its accents, or replaced by '?'. Pure.
 */

/** Characters above Latin-1 that WinAnsi can encode (pdfkit maps them itself). */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Common characters outside WinAnsi and what to print instead. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2015': '\u2014', // horizontal bar
  '\u2212': '-', // minus sign
  '\u2032': "'", // prime
  '\u2033': '"', // double prime
  '\u201b': '\u2018',
  '\u201f': '\u201c',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
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
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u0126': 'H',
  '\u0127': 'h',
};

function encodable(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
}

/**
 * `s` made safe for a standard PDF font: NFC-composed, tabs as spaces, CRLF as LF, control characters removed,
 * non-WinAnsi characters replaced (accents stripped where that leaves a Latin letter, else '?').
 */
export function winAnsi(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (ch === '\r') continue;
    else if (encodable(code)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((c) => encodable(c.codePointAt(0) as number)) ? base : '?';
    }
  }
  return out;
}
