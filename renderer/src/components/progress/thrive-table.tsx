/**
 * Thrive strand results over time: strands in Thrive's order down the side, assessment dates across. Each result is
 * written in words (secure, partly secure, gap) with a symbol beside it (full, half, empty circle), so nothing relies
 * on colour. Only strand-level results are shown: Thrive's own statements are proprietary and never stored.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { PupilProgress } from '../../../../shared/contract';
import { codeLabel } from '../../../../shared/i18n';
import { formatUkDate } from '../../../../shared/dates';
import { thriveGrid } from './progress-model';

const SYMBOL: Readonly<Record<string, string>> = { secure: '●', partly_secure: '◐', gap: '○' };

function resultLabel(result: string): string {
  return codeLabel('therapyUi.thriveResults', result, result.replace(/_/g, ' '));
}

export function ThriveTable({ thrive }: { readonly thrive: PupilProgress['thrive'] }) {
  const { t } = useTranslation();
  const grid = thriveGrid(thrive);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="thrive-table">
        <caption
          style={{
            captionSide: 'top',
            textAlign: 'left',
            padding: 0,
            position: 'absolute',
            width: 1,
            height: 1,
            overflow: 'hidden',
            clip: 'rect(0 0 0 0)',
          }}
        >
          {t('progressUi.progress.thrive.tableCaption')}
        </caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {t('progressUi.progress.thrive.strand')}
            </TableCell>
            {grid.dates.map((d) => (
              <TableCell key={d} component="th" scope="col" sx={{ whiteSpace: 'nowrap' }}>
                {formatUkDate(d)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {grid.rows.map((row) => (
            <TableRow key={row.strand}>
              <TableCell component="th" scope="row" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
                {t(`therapyUi.thriveStrands.${row.strand}`)}
              </TableCell>
              {row.results.map((r, i) => (
                <TableCell key={grid.dates[i]} data-result={r ?? 'none'} sx={{ whiteSpace: 'nowrap' }}>
                  {r ? (
                    <Box
                      component="span"
                      sx={{ display: 'inline-flex', gap: 0.75, alignItems: 'center', fontWeight: r === 'gap' ? 600 : 400 }}
                    >
                      <Box component="span" aria-hidden sx={{ fontSize: '1.05rem', lineHeight: 1 }}>
                        {SYMBOL[r] ?? ''}
                      </Box>
                      {resultLabel(r)}
                    </Box>
                  ) : (
                    <Typography component="span" variant="body2" color="text.secondary">
                      {t('progressUi.progress.thrive.notAssessed')}
                    </Typography>
                  )}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
