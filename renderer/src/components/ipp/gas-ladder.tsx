/**
 * A goal's GAS (Goal Attainment Scaling) ladder as a five-row table, +2 at the top and -2 at the bottom. The
 * expected level is marked in words ("expected") and weight, not by colour alone; it reads the same in print.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { IppGoal } from '../../../../shared/contract';
import { LADDER, scoreLabel } from './ipp-model';

export function GasLadder({
  goal,
  n,
  print = false,
}: {
  readonly goal: Pick<IppGoal, 'levels'>;
  readonly n: number;
  readonly print?: boolean;
}) {
  const { t } = useTranslation();
  const cell = print ? { py: '2pt', px: '4pt', fontSize: '9.5pt', borderBottom: '0.5pt solid #000' } : { py: 0.75 };
  return (
    <Table
      size="small"
      aria-label={t('ippUi.ladder.caption', { n })}
      data-testid={`gas-ladder-${n}`}
      sx={{
        border: print ? '0.75pt solid #000' : 1,
        borderColor: 'divider',
        borderRadius: print ? 0 : 1,
        borderCollapse: 'separate',
        overflow: 'hidden',
        breakInside: 'avoid',
      }}
    >
      <TableHead>
        <TableRow>
          <TableCell sx={{ ...cell, width: print ? '34pt' : 64, fontWeight: 600 }}>{t('ippUi.ladder.score')}</TableCell>
          <TableCell sx={{ ...cell, width: print ? '160pt' : 220, fontWeight: 600 }}>{t('ippUi.ladder.level')}</TableCell>
          <TableCell sx={{ ...cell, fontWeight: 600 }}>{t('ippUi.ladder.description')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {LADDER.map(({ key, score }) => {
          const expected = key === 'expected';
          const text = goal.levels[key];
          return (
            <TableRow
              key={key}
              data-level={key}
              sx={
                expected
                  ? {
                      bgcolor: print ? undefined : 'rgba(29, 79, 145, 0.07)',
                      '& td': {
                        fontWeight: 600,
                        borderTop: print ? '1pt solid #000' : undefined,
                        borderBottom: print ? '1pt solid #000' : undefined,
                      },
                    }
                  : undefined
              }
            >
              <TableCell sx={{ ...cell, fontVariantNumeric: 'tabular-nums' }}>{scoreLabel(score)}</TableCell>
              <TableCell sx={cell}>
                {t(`ippUi.ladder.levels.${key}`)}
                {expected ? (
                  <Box
                    component="span"
                    sx={{
                      ml: 1,
                      px: 0.75,
                      py: 0.1,
                      border: 1,
                      borderColor: print ? '#000' : 'primary.main',
                      borderRadius: 1,
                      fontSize: print ? '8pt' : '0.75rem',
                      textTransform: 'uppercase',
                      letterSpacing: '0.04em',
                      color: print ? '#000' : 'primary.dark',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {t('ippUi.ladder.expectedTag')}
                  </Box>
                ) : null}
              </TableCell>
              <TableCell
                sx={{
                  ...cell,
                  fontWeight: expected ? 600 : 400,
                  color: text ? undefined : 'text.secondary',
                  fontStyle: text ? undefined : 'italic',
                }}
              >
                {text ?? t('ippUi.ladder.notDescribed')}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
