/**
 * The message above a form that was refused: what to put right, or why it could not be saved. Nothing when null.
 * With `items` it also lists each field to put right, by its label and message, each a link that moves to the
 * field (issue 17, item 8: a summary that only said "see the messages beside the fields" left a keyboard or
 * screen-reader user to hunt for them).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import type { SxProps, Theme } from '@mui/material/styles';

/** One field to put right: `target` is the field's element id, or its form name (`name="..."`). */
export interface SummaryItem {
  readonly target: string;
  readonly message: string;
  /** The field's label; looked up from the page (its label or legend) when not given. */
  readonly label?: string;
}

/** The element a target names: by id, else the first element with that form name. */
function targetElement(target: string): HTMLElement | null {
  if (typeof document === 'undefined') return null;
  return document.getElementById(target) ?? document.querySelector<HTMLElement>(`[name="${CSS.escape(target)}"]`);
}

/** The field around an element: its MUI form control, fieldset or group. */
function fieldOf(el: HTMLElement | null): HTMLElement | null {
  return el?.closest<HTMLElement>('.MuiFormControl-root, fieldset, [role="group"], [role="radiogroup"]') ?? el;
}

/** The visible label of a field: its label or legend, without the required marker. */
export function fieldLabel(target: string): string {
  const el = targetElement(target);
  const field = fieldOf(el);
  const labelled = el?.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  const text = (labelled ?? field?.querySelector('label, legend'))?.textContent ?? el?.getAttribute('aria-label') ?? '';
  return text.replace(/[\s\u2009*]+$/, '').trim();
}

/** Moves to a field: the input a person types in (a date's first part, a select's button), scrolled into view. */
export function focusField(target: string): void {
  const el = targetElement(target);
  if (!el) return;
  const usable = (e: HTMLElement) =>
    !(e instanceof HTMLInputElement && (e.type === 'hidden' || e.getAttribute('aria-hidden') === 'true')) && e.tabIndex >= 0;
  const into = usable(el)
    ? el
    : (fieldOf(el)?.querySelector<HTMLElement>(
        '[role="spinbutton"], [role="combobox"], input:not([type="hidden"]):not([aria-hidden="true"]), textarea, [tabindex="0"]',
      ) ?? el);
  into.scrollIntoView({ block: 'center' });
  into.focus({ preventScroll: true });
}

export function ErrorSummary({
  message,
  items,
  testId,
  id,
  sx,
}: {
  readonly message: string | null;
  /** An id, to move focus to the summary (it is then focusable by script, not by Tab). */
  readonly id?: string;
  /** The fields to put right, in the form's order. */
  readonly items?: readonly SummaryItem[];
  readonly testId?: string;
  readonly sx?: SxProps<Theme>;
}) {
  if (!message) return null;
  return (
    <Alert severity="error" role="alert" data-testid={testId} id={id} tabIndex={id ? -1 : undefined} sx={sx}>
      {message}
      {items && items.length > 0 ? (
        <Box component="ul" sx={{ m: 0, mt: 0.75, pl: 2.5 }} data-testid="error-summary-list">
          {items.map((item) => {
            const label = item.label ?? fieldLabel(item.target);
            return (
              <li key={`${item.target}:${item.message}`}>
                <Link
                  href={`#${item.target}`}
                  color="inherit"
                  sx={{ fontWeight: 500 }}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(item.target);
                  }}
                >
                  {label ? `${label}: ${item.message}` : item.message}
                </Link>
              </li>
            );
          })}
        </Box>
      ) : null}
    </Alert>
  );
}

/** react-hook-form's errors as summary items, nested fields flattened to their form names ("contacts.0.name"). */
export function errorItems(errors: unknown, prefix = ''): SummaryItem[] {
  if (!errors || typeof errors !== 'object') return [];
  const out: SummaryItem[] = [];
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    if (key === 'ref' || key === 'root' || !value || typeof value !== 'object') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string' && message) out.push({ target: name, message });
    else out.push(...errorItems(value, name));
  }
  return out;
}
