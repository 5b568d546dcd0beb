/**
 * A calm "you cannot open this" panel: a heading that says so, what was refused and why, what to do next, and a
 * way on. Used for pages a role cannot use and for pupils outside a person's caseload or classes.
 */
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';

export function AccessRefused({
  title,
  reason,
  next,
  action,
  testId,
}: {
  readonly title: string;
  /** What was refused and why (for a pupil: the core's own message). */
  readonly reason: ReactNode;
  /** What to do next. */
  readonly next?: ReactNode;
  readonly action: ReactNode;
  readonly testId?: string;
}) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby="access-refused-title" data-testid={testId} sx={{ py: 6, px: 3 }}>
      <Box sx={{ display: 'grid', justifyItems: 'center', textAlign: 'center', gap: 1.5, maxWidth: 620, mx: 'auto' }}>
        <Box sx={{ color: 'primary.main', '& svg': { fontSize: 40 } }} aria-hidden>
          <LockOutlined />
        </Box>
        <Typography id="access-refused-title" variant="h1" sx={{ fontSize: '1.5rem' }}>
          {title}
        </Typography>
        <Typography>{reason}</Typography>
        {next ? <Typography color="text.secondary">{next}</Typography> : null}
        <Box sx={{ mt: 1 }}>{action}</Box>
      </Box>
    </Paper>
  );
}
