/**
 * A chart with its text alternative: a <figure> whose caption names it, the drawing as one image with a short
 * summary for screen readers, and the full numbers in a visually hidden table beside it (a role="img" hides its
 * contents, so the table sits outside it). Also the greyscale-safe building blocks the charts share: mark shapes
 * for legends, fill patterns and dash patterns.
 */
import { useId, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ChartsLabelCustomMarkProps } from '@mui/x-charts/ChartsLabel';
import { visuallyHidden } from '../../lib/visually-hidden';

export function ChartFigure({
  title,
  summary,
  testId,
  table,
  children,
  note,
}: {
  readonly title: ReactNode;
  /** What a screen reader hears for the drawing: a one-line summary. */
  readonly summary: string;
  readonly testId: string;
  /** The numbers behind the chart, as a table (rendered visually hidden). */
  readonly table: ReactNode;
  readonly children: ReactNode;
  /** A line under the chart (shown and printed). */
  readonly note?: ReactNode;
}) {
  const captionId = useId();
  return (
    <Box component="figure" aria-labelledby={captionId} data-testid={testId} sx={{ m: 0, minWidth: 0, position: 'relative' }}>
      <Typography component="figcaption" id={captionId} sx={{ fontWeight: 500, mb: 0.5 }}>
        {title}
      </Typography>
      <Box role="img" aria-label={summary} data-testid={`${testId}-chart`} sx={{ minWidth: 0 }}>
        {children}
      </Box>
      {note ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {note}
        </Typography>
      ) : null}
      <Box sx={visuallyHidden} data-testid={`${testId}-table`}>
        {table}
      </Box>
    </Box>
  );
}

/** A plain HTML table for a text alternative: caption, header row, body rows. */
export function DataTable({
  caption,
  head,
  rows,
}: {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly (string | number)[]>;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {c}
                </th>
              ) : (
                <td key={j}>{c}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Shape = 'circle' | 'triangle' | 'diamond' | 'square';

function shapePath(shape: Shape): ReactNode {
  switch (shape) {
    case 'circle':
      return <circle cx="7" cy="7" r="4.5" />;
    case 'triangle':
      return <path d="M7 2 L12 11.5 L2 11.5 Z" />;
    case 'diamond':
      return <path d="M7 1.5 L12.5 7 L7 12.5 L1.5 7 Z" />;
    case 'square':
      return <rect x="2.5" y="2.5" width="9" height="9" />;
  }
}

/** A legend mark drawn as the series' marker shape (filled or hollow), for series shown as marks only. */
export function shapeMark(shape: Shape, filled: boolean) {
  function ShapeMark({ className, color }: ChartsLabelCustomMarkProps) {
    return (
      <svg className={className} width="14" height="14" viewBox="0 0 14 14" aria-hidden style={{ overflow: 'visible' }}>
        <g fill={filled ? color : '#fff'} stroke={color} strokeWidth="2">
          {shapePath(shape)}
        </g>
      </svg>
    );
  }
  return ShapeMark;
}

/** Fill patterns for bars: hatched, dotted, cross-hatched; each series reads apart without colour. */
export function BarPatterns({ prefix }: { readonly prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#fff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#8a3b12" strokeWidth="3" />
      </pattern>
      <pattern id={`${prefix}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill="#fff" />
        <circle cx="2.5" cy="2.5" r="1.4" fill="#5b3f8c" />
      </pattern>
    </defs>
  );
}
