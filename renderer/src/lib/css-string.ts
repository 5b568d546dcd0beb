/** A CSS string literal: quotes, backslashes and line breaks escaped (for print stylesheets' `content`). */
export function cssString(s: string): string {
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`;
}
