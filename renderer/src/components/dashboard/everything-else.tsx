/**
 * The dashboard's "Everything else": the rest of the work folded into counts, one row each, every row a link to
 * exactly the list behind its count (the deadlines by state, the register filtered to plans with golden-thread
 * problems, the open review actions, the sessions to record, the staff needing attention, the policies due). A row
 * whose list the role cannot read is left out. Urgent counts carry an icon and words, not colour alone.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import ArrowForward from '@mui/icons-material/ArrowForward';

export interface CountRow {
  readonly key: string;
  readonly label: string;
  readonly count: number | undefined;
  readonly to: string;
  /** Shown after the count, in words ("3 overdue"). */
  readonly note?: string | null;
  readonly urgent?: boolean;
  readonly icon?: ReactNode;
}

export function EverythingElse({ rows, loading }: { readonly rows: readonly CountRow[]; readonly loading: boolean }) {
  const { t } = useTranslation();
  const heading = useId();
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={heading}
      sx={{ px: 2, py: 1.5, height: '100%' }}
      data-testid="everything-else"
    >
      <Typography id={heading} variant="h2" sx={{ mb: 0.25 }}>
        {t('worklistUi.rest.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
        {t('worklistUi.rest.intro')}
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {rows.map((r) => {
          const alarm = !!r.urgent && (r.count ?? 0) > 0;
          return (
            <Box component="li" key={r.key} sx={{ borderTop: 1, borderColor: 'divider' }}>
              <Box
                component={RouterLink}
                to={r.to}
                data-testid={`count-${r.key}`}
                sx={{
                  display: 'grid',
                  // The count shows first, but reads after its label ("Overdue deadlines 133"): the name a screen
                  // reader gives the link starts with what it is.
                  gridTemplateColumns: '3.5rem 1fr auto',
                  alignItems: 'center',
                  gap: 1,
                  py: 0.25,
                  px: 0.5,
                  color: 'text.primary',
                  textDecoration: 'none',
                  borderRadius: 1,
                  '&:hover': { bgcolor: 'action.hover' },
                  '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 1 },
                }}
              >
                <Typography
                  component="span"
                  variant="body2"
                  sx={{ gridColumn: 2, gridRow: 1, display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}
                >
                  {r.icon}
                  {r.label}
                  {r.note ? (
                    <Typography component="span" variant="body2" sx={{ color: 'error.dark', fontWeight: 600 }}>
                      {` (${r.note})`}
                    </Typography>
                  ) : null}
                </Typography>
                <Typography
                  component="span"
                  sx={{
                    gridColumn: 1,
                    gridRow: 1,
                    fontSize: '1.25rem',
                    fontWeight: 600,
                    textAlign: 'right',
                    color: alarm ? 'error.dark' : 'primary.dark',
                  }}
                >
                  {loading || r.count === undefined ? <Skeleton width={32} sx={{ ml: 'auto' }} /> : ` ${r.count}`}
                </Typography>
                <ArrowForward fontSize="small" aria-hidden sx={{ gridColumn: 3, gridRow: 1, color: 'primary.main' }} />
              </Box>
            </Box>
          );
        })}
      </Box>
    </Paper>
  );
}
