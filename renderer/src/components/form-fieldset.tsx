/**
 * A titled group of a form's fields (a fieldset whose legend is a heading), with an optional line of introduction;
 * and the two-column grid the fields sit in. `compact` sets the fields closer together.
 */
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

export const FIELD_GRID_2 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' } as const;

export function FormFieldset({
  title,
  intro,
  compact = false,
  children,
}: {
  readonly title: string;
  readonly intro?: string;
  readonly compact?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, display: 'grid', gap: compact ? 1.5 : 2 }}>
      <Typography component="legend" variant="h3" sx={{ mb: compact ? (intro ? 0.5 : 1.5) : 1 }}>
        {title}
      </Typography>
      {intro ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: compact ? -0.5 : -1 }}>
          {intro}
        </Typography>
      ) : null}
      {children}
    </Box>
  );
}
