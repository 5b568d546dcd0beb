/**
 * One pupil's provision this school year, from the provision map (issue 18, item 2): what they receive, from when to
 * when, hours a week, and for the SENCo and headteacher what each place costs, the total of their additional
 * provision, the notional SEN threshold and the part above it (the top-up figure), with their funding request as a
 * PDF. Opened from the map's pupil rows and from the pupil's profile. The core leaves costs out for anyone else, and
 * so does this drawer: no cost column, total or "£" at all when the answer has none.
 */
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import PaidOutlined from '@mui/icons-material/PaidOutlined';
import ViewListOutlined from '@mui/icons-material/ViewListOutlined';
import { formatUkDate } from '../../../../shared/dates';
import { t as tt, yearGroupLabel } from '../../../../shared/i18n';
import { formatPounds } from '../../../../shared/money';
import { hoursText } from '../../../../shared/provision-map-text';
import { call, invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { saveBlob } from '../register/download';
import { base64ToBytes, pdfFileName } from '../reviews/review-model';
import { Loading, QueryError } from '../status';
import { qk } from '../../lib/query-keys';

const money = (pence: number | null | undefined) =>
  pence === null || pence === undefined ? tt('provisionMapUi.notCosted') : formatPounds(pence);

/** The drawer for one pupil; `pupilId` null: closed. */
export function PupilProvisionDrawer({
  pupilId,
  academicYear,
  onClose,
  fromProfile = false,
}: {
  readonly pupilId: string | null;
  readonly academicYear?: string | null;
  readonly onClose: () => void;
  /** Opened from the profile itself: no link back to it. */
  readonly fromProfile?: boolean;
}) {
  return (
    <Drawer
      anchor="right"
      open={pupilId !== null}
      onClose={onClose}
      slotProps={{ paper: { sx: { width: { xs: '100vw', sm: 700 }, maxWidth: '100vw' } } }}
    >
      {pupilId ? (
        <PupilProvision pupilId={pupilId} academicYear={academicYear ?? null} onClose={onClose} fromProfile={fromProfile} />
      ) : null}
    </Drawer>
  );
}

function PupilProvision({
  pupilId,
  academicYear,
  onClose,
  fromProfile,
}: {
  readonly pupilId: string;
  readonly academicYear: string | null;
  readonly onClose: () => void;
  readonly fromProfile: boolean;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const canFund = useCan('provision.funding.pdf');
  const query = useQuery({
    queryKey: qk('provision.map', { pupilId, academicYear }),
    queryFn: () => call('provision.map', { pupilId, ...(academicYear ? { academicYear } : {}) }),
  });
  const [printing, setPrinting] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const header = (name: string | null) => (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, mb: 2 }}>
      <Typography id={titleId} variant="h2" sx={{ fontSize: '1.3rem', flex: 1 }}>
        {name ? t('provisionMapUi.pupil.title', { name }) : t('provisionMapUi.title')}
      </Typography>
      <IconButton onClick={onClose} aria-label={t('provisionMapUi.pupil.close')} edge="end">
        <CloseOutlined />
      </IconButton>
    </Box>
  );
  if (query.isPending)
    return (
      <Box sx={{ p: 3 }}>
        {header(null)}
        <Loading />
      </Box>
    );
  if (query.error)
    return (
      <Box sx={{ p: 3 }}>
        {header(null)}
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Box>
    );
  const map = query.data;
  const pupil = map.pupils.find((p) => p.pupilId === pupilId);
  const names = new Map(map.provisions.map((p) => [p.id, p]));
  const costs = map.costsShown;

  const fund = async () => {
    setPrinting(true);
    setMessage(null);
    const r = await invoke('provision.funding.pdf', { pupilId, academicYear: map.academicYear });
    setPrinting(false);
    if (!r.ok) {
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    const filename = pdfFileName(r.value.filename);
    saveBlob(filename, new Blob([base64ToBytes(r.value.pdfBase64)], { type: 'application/pdf' }));
    setMessage({ kind: 'success', text: t('provisionMapUi.printed', { filename, count: r.value.pages }) });
  };

  return (
    <Box component="section" aria-labelledby={titleId} sx={{ p: 3 }} data-testid="pupil-provision">
      {header(pupil?.name ?? null)}
      {!pupil ? (
        <Typography>{t('provisionMapUi.pupil.none', { name: t('provisionMapUi.pupil.thisPupil'), year: map.academicYear })}</Typography>
      ) : (
        <>
          <Typography color="text.secondary">
            {pupil.className
              ? t('provisionMapUi.pupil.yearClass', { year: yearGroupLabel(pupil.yearGroup), className: pupil.className })
              : yearGroupLabel(pupil.yearGroup)}{' '}
            · {map.academicYear}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {pupil.needs.length
              ? t('provisionMapUi.pupil.needs', { needs: pupil.needs.map((n) => t(`needs.${n}`)).join(', ') })
              : t('provisionMapUi.pupil.noNeeds')}
            {' · '}
            {t('provisionMapUi.pupil.hoursNow', { hours: hoursText(pupil.hoursPerWeek) })}
          </Typography>
          <Table
            size="small"
            aria-label={
              costs
                ? t('provisionMapUi.pupil.placementsCaption', { name: pupil.name })
                : t('provisionMapUi.pupil.placementsCaptionNoCost', { name: pupil.name })
            }
          >
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '38%' }}>{t('provisionMapUi.cols.provision')}</TableCell>
                <TableCell>{t('provisionMapUi.cols.from')}</TableCell>
                <TableCell>{t('provisionMapUi.cols.to')}</TableCell>
                <TableCell align="right">{t('provisionMapUi.cols.hours')}</TableCell>
                {costs ? <TableCell align="right">{t('provisionMapUi.cols.schoolDays')}</TableCell> : null}
                {costs ? <TableCell align="right">{t('provisionMapUi.cols.cost')}</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {pupil.placements.map((x) => {
                const p = names.get(x.provisionId);
                return (
                  <TableRow key={x.placementId}>
                    <TableCell>
                      <Typography variant="body2" sx={{ fontWeight: 600 }}>
                        {p?.name}
                      </Typography>
                      {p ? (
                        <Typography variant="caption" color="text.secondary">
                          {t(`provisionUi.waves.${p.wave}`)} ·{' '}
                          {t('provisionMapUi.patternShort', { sessions: p.sessionsPerWeek, minutes: p.minutesPerSession })},{' '}
                          {t('provisionMapUi.groupOf', { size: p.groupSize })}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatUkDate(x.from)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatUkDate(x.to)}</TableCell>
                    <TableCell align="right">{hoursText(x.hoursPerWeek)}</TableCell>
                    {costs ? <TableCell align="right">{x.cost ? hoursText(x.cost.schoolDays) : ''}</TableCell> : null}
                    {costs ? <TableCell align="right">{money(x.cost?.costPence)}</TableCell> : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {pupil.cost && map.totals.cost ? (
            <Box
              component="dl"
              sx={{
                display: 'grid',
                gridTemplateColumns: 'minmax(0, 1fr) auto',
                columnGap: 2,
                rowGap: 0.75,
                mt: 2.5,
                mb: 0,
                '& dd': { m: 0, textAlign: 'right', fontWeight: 600 },
              }}
              data-testid="pupil-provision-costs"
            >
              <dt>{t('provisionMapUi.pupil.total')}</dt>
              <dd>{formatPounds(pupil.cost.totalPence)}</dd>
              <dt>{t('provisionMapUi.pupil.threshold')}</dt>
              <dd>{formatPounds(map.totals.cost.thresholdPence)}</dd>
              <dt>{t('provisionMapUi.pupil.above')}</dt>
              <dd data-testid="pupil-top-up">
                {pupil.cost.aboveThresholdPence > 0 ? formatPounds(pupil.cost.aboveThresholdPence) : t('provisionMapUi.pupil.aboveNone')}
              </dd>
            </Box>
          ) : null}
          {pupil.cost && !pupil.cost.complete ? (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {t('provisionMapUi.pupil.incomplete')}
            </Alert>
          ) : null}
        </>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 3, alignItems: 'center' }}>
        {canFund && costs ? (
          <Button
            variant="contained"
            onClick={() => void fund()}
            disabled={printing}
            startIcon={printing ? <CircularProgress size={16} aria-hidden /> : <PictureAsPdfOutlined />}
            data-testid="funding-request"
          >
            {printing ? t('provisionMapUi.printing') : t('provisionMapUi.pupil.funding')}
          </Button>
        ) : null}
        {!fromProfile && pupil ? (
          <Link component={RouterLink} to={`/pupils/${pupilId}`}>
            {t('provisionMapUi.pupil.profile', { name: pupil.name })}
          </Link>
        ) : null}
      </Box>
      <Box role="status" aria-live="polite" sx={{ mt: 1.5 }}>
        {message ? (
          <Alert severity={message.kind} onClose={() => setMessage(null)}>
            {message.text}
          </Alert>
        ) : null}
      </Box>
    </Box>
  );
}

/**
 * The profile's button: the pupil's provision this school year, for everyone who may read the map. The SENCo and
 * headteacher see it costed ("Costed provision"); a teacher or therapist sees what the pupil receives and its hours.
 */
export function PupilProvisionButton({ pupilId }: { readonly pupilId: string }) {
  const { t } = useTranslation();
  const canSee = useCan('provision.map');
  const costed = useCan('provision.funding.pdf');
  const [open, setOpen] = useState(false);
  if (!canSee) return null;
  return (
    <>
      <Button variant="outlined" startIcon={costed ? <PaidOutlined /> : <ViewListOutlined />} onClick={() => setOpen(true)}>
        {costed ? t('provisionMapUi.pupil.button') : t('provisionMapUi.pupil.buttonNoCost')}
      </Button>
      <PupilProvisionDrawer pupilId={open ? pupilId : null} onClose={() => setOpen(false)} fromProfile />
    </>
  );
}
