/**
 * The school's reviews as a table: pupil (to their Reviews tab), year group, kind, date (to the review) and status,
 * GAS T-score, decisions and open actions. A planned review whose date has passed says so in words with an icon.
 * The date is the row's link for keyboard users; a click anywhere else on the row opens the review too.
 */
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import type { ReviewListRow } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { formatTScore } from '../../../../shared/gas';
import { yearGroupLabel } from '../../../../shared/i18n';
import { InfoTip } from '../info-tip';
import { ReviewStatusChip } from './review-parts';
import { decisionLabel } from './review-model';
import { needsRecording, type ReviewListSort } from './reviews-list-model';

const top = { verticalAlign: 'top' } as const;

function Muted({ children }: { readonly children: string }) {
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {children}
    </Typography>
  );
}

export function NeedsRecording() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('reviewsUi.list.needsRecordingHelp')}>
      <Box
        component="span"
        data-testid="needs-recording"
        sx={{
          display: 'inline-flex',
          alignItems: 'center',
          gap: 0.5,
          mt: 0.5,
          px: 0.75,
          py: 0.25,
          borderRadius: 1,
          fontSize: '0.8125rem',
          fontWeight: 500,
          whiteSpace: 'nowrap',
          bgcolor: '#fff4e0',
          color: '#6b4500',
          border: '1px solid #e8c17a',
        }}
      >
        <WarningAmberOutlined sx={{ fontSize: 16 }} aria-hidden />
        {t('reviewsUi.list.needsRecording')}
      </Box>
    </Tooltip>
  );
}

export function ReviewsTable({
  rows,
  today,
  labelledBy,
  sort,
  direction,
  onSort,
}: {
  readonly rows: readonly ReviewListRow[];
  readonly today: string;
  readonly labelledBy: string;
  readonly sort: ReviewListSort;
  readonly direction: 'asc' | 'desc';
  readonly onSort: (key: ReviewListSort) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sortHeader = (key: ReviewListSort, label: string) => (
    <TableCell sortDirection={sort === key ? direction : false}>
      <TableSortLabel active={sort === key} direction={sort === key ? direction : 'asc'} onClick={() => onSort(key)}>
        {label}
      </TableSortLabel>
    </TableCell>
  );
  return (
    <TableContainer>
      <Table
        size="small"
        aria-labelledby={labelledBy}
        data-testid="reviews-table"
        sx={{ '& th': { whiteSpace: 'nowrap' }, '& th, & td': { px: 1.5 } }}
      >
        <TableHead>
          <TableRow>
            {sortHeader('pupil', t('reviewsUi.list.columns.pupil'))}
            {sortHeader('yearGroup', t('reviewsUi.list.columns.yearGroup'))}
            {sortHeader('kind', t('reviewsUi.list.columns.kind'))}
            {sortHeader('date', t('reviewsUi.list.columns.dateStatus'))}
            <TableCell>
              <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                {t('reviewsUi.list.columns.tScore')}
                <InfoTip text={t('reviewsUi.list.tScoreHelp')} />
              </Box>
            </TableCell>
            <TableCell>{t('reviewsUi.list.columns.decisions')}</TableCell>
            <TableCell>{t('reviewsUi.list.columns.actions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const kind = t(`reviewsUi.kinds.${r.kind}`);
            const date = formatLongDate(r.date);
            const to = `/pupils/${r.pupilId}/reviews/${r.id}`;
            return (
              <TableRow
                key={r.id}
                hover
                data-testid="reviews-list-row"
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a, button, [tabindex]')) return;
                  void navigate(to);
                }}
                sx={{ cursor: 'pointer' }}
              >
                <TableCell sx={{ ...top, fontWeight: 500, minWidth: 130 }}>
                  <Link
                    component={RouterLink}
                    to={`/pupils/${r.pupilId}?tab=reviews`}
                    aria-label={t('reviewsUi.list.pupilAria', { name: r.pupilName })}
                  >
                    {r.pupilName}
                  </Link>
                </TableCell>
                <TableCell sx={{ ...top, whiteSpace: 'nowrap' }}>{yearGroupLabel(r.yearGroup)}</TableCell>
                <TableCell sx={{ ...top, minWidth: 100 }}>{kind}</TableCell>
                <TableCell sx={{ ...top, whiteSpace: 'nowrap' }}>
                  <Link
                    component={RouterLink}
                    to={to}
                    aria-label={t('reviewsUi.list.openAria', { date, kind, name: r.pupilName })}
                    sx={{ fontWeight: 500, fontVariantNumeric: 'tabular-nums' }}
                    data-testid="review-link"
                  >
                    {date}
                  </Link>
                  <Box sx={{ mt: 0.5 }}>
                    <ReviewStatusChip status={r.status} />
                  </Box>
                  {needsRecording(r, today) ? (
                    <Box>
                      <NeedsRecording />
                    </Box>
                  ) : null}
                </TableCell>
                <TableCell sx={{ ...top, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {r.tScore === null ? <Muted>{t('reviewsUi.tab.notRated')}</Muted> : formatTScore(r.tScore)}
                </TableCell>
                <TableCell sx={{ ...top, minWidth: 150 }}>
                  {r.decisions.length ? (
                    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 0.5 }}>
                      {r.decisions.map((d) => (
                        <li key={d}>{decisionLabel(d, r.kind)}</li>
                      ))}
                    </Box>
                  ) : (
                    <Muted>{t('reviewsUi.tab.noDecisions')}</Muted>
                  )}
                </TableCell>
                <TableCell sx={{ ...top, whiteSpace: 'nowrap' }}>
                  {r.openActions ? (
                    t('reviewsUi.tab.openActions', { count: r.openActions })
                  ) : (
                    <Muted>{t('reviewsUi.tab.noOpenActions')}</Muted>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
