/**
 * Provision delivered against provision specified: one row per EHC plan provision (section F) or plan
 * intervention, with sessions and hours planned, delivered, the shortfall (in figures and in words), why sessions
 * were missed, and the past sessions not recorded: a figure of its own, neither delivered nor missed (UI handbook). Sortable; the shortfall is bold and says "short" (colour is never the only signal).
 */
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import type { ProvisionFigures, ProvisionLine } from '../../../../shared/contract';
import { yearGroupLabel } from '../../../../shared/i18n';
import { figures, hoursFigure, minutesInWords, sortProvision, type Period, type ProvisionSort } from './session-model';

/** Planned sessions (rounded) that were never booked: the part of a shortfall no attendance record explains. */
function notScheduled(f: ProvisionFigures): number {
  const booked = f.sessionsDelivered + f.absent + f.cancelledBySchool + f.cancelledByTherapist + f.cancelledByFamily + f.notRecorded;
  return Math.max(0, Math.round(f.plannedSessions) - booked);
}

export function Reasons({ f }: { readonly f: ProvisionFigures }) {
  const { t } = useTranslation();
  const parts = [
    f.cancelledBySchool ? t('sessionsUi.provision.bySchool', { count: f.cancelledBySchool }) : null,
    f.cancelledByTherapist ? t('sessionsUi.provision.byTherapist', { count: f.cancelledByTherapist }) : null,
    f.cancelledByFamily ? t('sessionsUi.provision.byFamily', { count: f.cancelledByFamily }) : null,
    f.absent ? t('sessionsUi.provision.absent', { count: f.absent }) : null,
    notScheduled(f) > 0 ? t('sessionsUi.provision.notScheduled', { count: notScheduled(f) }) : null,
  ].filter((x) => x !== null);
  if (parts.length === 0)
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {t('sessionsUi.provision.noReasons')}
      </Typography>
    );
  return (
    <Box component="ul" sx={{ m: 0, pl: 2, '& li': { fontSize: '0.85rem' } }}>
      {parts.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </Box>
  );
}

export function ProvisionTable({
  lines,
  period,
  sort,
  direction,
  onSort,
  showPupil = true,
  print = false,
}: {
  readonly lines: readonly ProvisionLine[];
  readonly period: Period;
  readonly sort: ProvisionSort;
  readonly direction: 'asc' | 'desc';
  readonly onSort?: (sort: ProvisionSort) => void;
  readonly showPupil?: boolean;
  readonly print?: boolean;
}) {
  const { t } = useTranslation();
  const rows = sortProvision(lines, period, sort, direction);
  const header = (key: ProvisionSort, label: string) =>
    onSort && !print ? (
      <TableSortLabel active={sort === key} direction={sort === key ? direction : 'asc'} onClick={() => onSort(key)}>
        {label}
      </TableSortLabel>
    ) : (
      label
    );
  return (
    <TableContainer>
      <Table size="small" aria-label={t('sessionsUi.provision.tableAria')} data-testid={print ? undefined : 'provision-table'}>
        <TableHead>
          <TableRow>
            {showPupil ? <TableCell>{header('pupil', t('sessionsUi.provision.columns.pupil'))}</TableCell> : null}
            <TableCell>{t('sessionsUi.provision.columns.provision')}</TableCell>
            <TableCell>{t('sessionsUi.provision.columns.frequency')}</TableCell>
            <TableCell align="right">{t('sessionsUi.provision.columns.planned')}</TableCell>
            <TableCell align="right">{header('delivered', t('sessionsUi.provision.columns.delivered'))}</TableCell>
            <TableCell align="right">{header('shortfall', t('sessionsUi.provision.columns.shortfall'))}</TableCell>
            <TableCell>{t('sessionsUi.provision.columns.reasons')}</TableCell>
            <TableCell align="right">{t('sessionsUi.provision.columns.notRecorded')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((l) => {
            const f = figures(l, period);
            return (
              <TableRow key={`${l.pupilId}-${l.source}-${l.sourceId}`} data-testid={print ? undefined : 'provision-row'}>
                {showPupil ? (
                  <TableCell>
                    {print ? (
                      l.pupilName
                    ) : (
                      <Link component={RouterLink} to={`/pupils/${l.pupilId}?tab=sessions`}>
                        {l.pupilName}
                      </Link>
                    )}
                    <Typography variant="body2" color="text.secondary">
                      {yearGroupLabel(l.yearGroup)}
                    </Typography>
                  </TableCell>
                ) : null}
                <TableCell sx={{ maxWidth: 320 }}>
                  {l.description}
                  <Typography variant="body2" color="text.secondary">
                    {t(`sessionsUi.provision.source.${l.source}`)}
                  </Typography>
                </TableCell>
                <TableCell>{l.frequency}</TableCell>
                <TableCell align="right">
                  {Number.isInteger(f.plannedSessions)
                    ? t('sessionsUi.provision.sessionsCount', { count: f.plannedSessions })
                    : t('sessionsUi.provision.aboutSessions', { count: Math.round(f.plannedSessions) })}
                  <Typography variant="body2" color="text.secondary">
                    {t('sessionsUi.provision.hours', { hours: hoursFigure(f.plannedMinutes) })}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  {t('sessionsUi.provision.sessionsCount', { count: f.sessionsDelivered })}
                  <Typography variant="body2" color="text.secondary">
                    {t('sessionsUi.provision.hours', { hours: hoursFigure(f.minutesDelivered) })}
                  </Typography>
                </TableCell>
                <TableCell align="right" data-testid={print ? undefined : 'provision-shortfall'}>
                  {f.shortfallMinutes > 0 ? (
                    <>
                      <Box component="span" sx={{ fontWeight: 700, color: print ? undefined : 'error.dark' }}>
                        {t('sessionsUi.provision.hoursShort', { hours: hoursFigure(f.shortfallMinutes) })}
                      </Box>
                      <Typography variant="body2" color="text.secondary">
                        {minutesInWords(f.shortfallMinutes)}
                      </Typography>
                      {f.minutesNotRecorded > 0 ? (
                        <Typography variant="body2" color="text.secondary">
                          {t('sessionsUi.provision.shortfallNotRecorded', {
                            hours: hoursFigure(Math.min(f.minutesNotRecorded, f.shortfallMinutes)),
                          })}
                        </Typography>
                      ) : null}
                    </>
                  ) : (
                    <Typography component="span" variant="body2">
                      {t('sessionsUi.provision.onTrack')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Reasons f={f} />
                </TableCell>
                <TableCell align="right" data-testid={print ? undefined : 'provision-not-recorded'}>
                  {f.notRecorded ? (
                    <>
                      {t('sessionsUi.provision.sessionsCount', { count: f.notRecorded })}
                      <Typography variant="body2" color="text.secondary">
                        {t('sessionsUi.provision.hours', { hours: hoursFigure(f.minutesNotRecorded) })}
                      </Typography>
                    </>
                  ) : (
                    <Typography component="span" variant="body2" color="text.secondary">
                      {t('sessionsUi.provision.allRecorded')}
                    </Typography>
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
