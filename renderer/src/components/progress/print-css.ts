/**
 * Print in place: while a screen that prints is shown, its stylesheet hides the app's chrome (the top bar, the
 * navigation, the skip link, the page header and tabs) and everything on the page except the element marked with
 * `keepClass`, and lays that out on A4 with "Confidential", a running header and "Page n of m" on every page
 * (@page margin boxes). Charts keep their shape: their SVGs carry a viewBox, so they
 * scale to the narrower page.
 */
import { cssString } from '../../lib/css-string';
import { PRINT_FONT_STACK } from '../../script-fonts';

export interface PrintCssOptions {
  /** The class of the one element that prints (it must sit somewhere inside the page's content). */
  readonly keepClass: string;
  readonly left: string;
  readonly right: string;
  readonly footerLeft: string;
  readonly page: string;
  readonly of: string;
  /** Body text size on paper. */
  readonly fontSize?: string;
}

export function printInPlaceCss({ keepClass, left, right, footerLeft, page, of, fontSize = '10.5pt' }: PrintCssOptions): string {
  const box = `font-family: ${PRINT_FONT_STACK}; font-size: 8.5pt; color: #000;`;
  const keep = `.${keepClass}`;
  return `
@media screen { .print-only { display: none !important; } }
@media print {
  @page {
    size: A4;
    margin: 18mm 15mm 16mm 15mm;
    @top-left { content: ${cssString(left)}; ${box} font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
    @top-right { content: ${cssString(right)}; ${box} }
    @bottom-left { content: ${cssString(footerLeft)}; ${box} }
    @bottom-right { content: ${cssString(page)} " " counter(page) " " ${cssString(of)} " " counter(pages); ${box} }
  }
  html, body { background: #fff !important; }
  .MuiAppBar-root, .MuiDrawer-root, #root a[href="#main"], #main > .MuiToolbar-root, .no-print { display: none !important; }
  #main > div { padding: 0 !important; max-width: none !important; margin: 0 !important; }
  #main > div > *:not(${keep}):not(:has(${keep})) { display: none !important; }
  #main [role="tabpanel"] > *:not(${keep}):not(:has(${keep})) { display: none !important; }
  ${keep} { color: #000; font-size: ${fontSize}; }
  ${keep} .MuiPaper-root { box-shadow: none !important; border-color: #000 !important; }
  ${keep} .MuiTypography-root { color: #000 !important; }
  ${keep} figure, ${keep} tr, ${keep} table, ${keep} [role="img"] { break-inside: avoid; }
  ${keep} section > p { break-after: avoid; }
  ${keep} h2, ${keep} h3 { break-after: avoid; }
  ${keep} .print-grid { display: block !important; }
  ${keep} .print-grid > * { margin-bottom: 10pt; }
  ${keep} svg { max-width: 100% !important; }
  ${keep} figure { max-width: 170mm; }
  ${keep} .print-exact { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;
}
