/**
 * The sharing log as a table (the pupil's Shared tab and the Sharing page): when, to whom, what, why (the lawful
 * basis with its references), how it was locked, and who shared it. Newest first, as the core returns it; the
 * text wraps so it prints on A4.
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
import Typography from '@mui/material/Typography';
import type { SharingRecord } from '../../../../shared/contract';
import { formatUkDateTime } from '../../../../shared/audit-format';
import { article6Parts, article9Parts, formatBytes, lockLabel, sectionLabel } from './sharing-model';

/** "Public task — Article 6(1)(e)", the reference kept on one line. */
function Basis({ name, ref }: { readonly name: string; readonly ref: string }) {
  return (
    <Typography variant="body2">
      {name} —{' '}
      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
        {ref}
      </Box>
    </Typography>
  );
}

export function SharingTable({
  rows,
  label,
  showPupil = false,
}: {
  readonly rows: readonly SharingRecord[];
  readonly label: string;
  readonly showPupil?: boolean;
}) {
  const { t } = useTranslation();
  const top = { verticalAlign: 'top' } as const;
  return (
    <TableContainer>
      <Table size="small" aria-label={label} data-testid="sharing-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('sharingUi.log.when')}</TableCell>
            {showPupil ? <TableCell>{t('sharingUi.log.pupil')}</TableCell> : null}
            <TableCell>{t('sharingUi.log.to')}</TableCell>
            <TableCell>{t('sharingUi.log.what')}</TableCell>
            <TableCell>{t('sharingUi.log.basis')}</TableCell>
            <TableCell>{t('sharingUi.log.locked')}</TableCell>
            <TableCell>{t('sharingUi.log.by')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id} data-testid="sharing-row">
              <TableCell sx={{ ...top, whiteSpace: 'nowrap' }}>{formatUkDateTime(r.exportedAt)}</TableCell>
              {showPupil ? (
                <TableCell sx={top}>
                  <Link component={RouterLink} to={`/pupils/${r.pupilId}?tab=shared`}>
                    {r.pupilName}
                  </Link>
                  <Typography variant="body2" color="text.secondary">
                    {t('profile.upnShort', { upn: r.upn })}
                  </Typography>
                </TableCell>
              ) : null}
              <TableCell sx={top}>
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {r.organisation}
                </Typography>
                {r.note ? (
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                    {t('sharingUi.log.note')}: {r.note}
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell sx={top}>
                <Box component="ul" sx={{ m: 0, pl: 2.25 }} data-testid="sharing-sections">
                  {r.sections.map((s) => (
                    <Typography component="li" variant="body2" key={s}>
                      {sectionLabel(s)}
                    </Typography>
                  ))}
                </Box>
              </TableCell>
              <TableCell sx={top} data-testid="sharing-basis">
                <Basis {...article6Parts(r.article6)} />
                <Basis {...article9Parts(r.article9)} />
              </TableCell>
              <TableCell sx={top}>
                <Typography variant="body2">{lockLabel(r)}</Typography>
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  {t('sharingUi.log.fileLine', { file: r.fileName, size: formatBytes(r.bytes) })}
                </Typography>
              </TableCell>
              <TableCell sx={top}>{r.exportedBy}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
