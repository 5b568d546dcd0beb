/**
 * The pupil profile's "Band" tab (seed policy 6): the current band with its need level, start and planned length;
 * the history as a timeline with each change's reason; the "Change band" dialog; and, when the pupil has made no
 * progress on Specific at the last two reviews, the policy's warning that the school may be unable to meet needs.
 */
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import SwapVertOutlined from '@mui/icons-material/SwapVertOutlined';
import LayersOutlined from '@mui/icons-material/LayersOutlined';
import type { BandPeriod, PupilProfile } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { BandDialog, newBand, type BandIn } from '../../components/therapy/band-dialog';
import { BAND_STYLE, BandChip } from '../../components/therapy/therapy-chips';
import { bandTimeline, daysBetween, formatMean, plannedEnd } from '../../components/therapy/therapy-model';
import { qk } from '../../lib/query-keys';

const READERS: readonly Role[] = ['senco', 'therapy_lead', 'therapist', 'headteacher'];
const SETTERS: readonly Role[] = ['senco', 'therapy_lead'];

function Fact({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ fontWeight: 500 }}>{value}</Typography>
    </Box>
  );
}

function weeksSince(start: string): number {
  return Math.max(0, Math.floor(daysBetween(start, todayIso()) / 7));
}

function CurrentBand({ current }: { readonly current: BandPeriod }) {
  const { t } = useTranslation();
  const end = plannedEnd(current);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <BandChip band={current.band} size="medium" />
        <Typography color="text.secondary">{t(`therapyUi.band.describe.${current.band}`)}</Typography>
      </Box>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' } }}>
        <Fact
          label={t('therapyUi.fields.needLevel')}
          value={current.needLevel ? t(`needLevels.${current.needLevel}`) : t('therapyUi.notSet')}
        />
        <Fact
          label={t('therapyUi.band.since')}
          value={
            weeksSince(current.startDate) === 0
              ? t('therapyUi.band.sinceNew', { date: formatLongDate(current.startDate) })
              : t('therapyUi.band.sinceValue', { date: formatLongDate(current.startDate), count: weeksSince(current.startDate) })
          }
        />
        <Fact
          label={t('therapyUi.fields.plannedWeeks')}
          value={current.plannedWeeks ? t('therapyUi.band.weeksValue', { count: current.plannedWeeks }) : t('therapyUi.notSet')}
        />
        <Fact label={t('therapyUi.band.plannedEnd')} value={end ? formatLongDate(end) : t('therapyUi.band.noPlannedEnd')} />
      </Box>
      <Typography variant="body2" color="text.secondary">
        {t('therapyUi.band.setBy', { by: current.by })}
      </Typography>
    </Box>
  );
}

/** A vertical timeline, newest first: a marker in the band's colour with its letter, a line between periods. */
function BandTimeline({ history }: { readonly history: readonly BandPeriod[] }) {
  const { t } = useTranslation();
  const items = bandTimeline(history);
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="band-timeline">
      {items.map((p, i) => {
        const s = BAND_STYLE[p.band];
        const last = i === items.length - 1;
        return (
          <Box component="li" key={`${p.startDate}-${p.band}-${i}`} sx={{ display: 'grid', gridTemplateColumns: '36px 1fr', columnGap: 2 }}>
            <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }} aria-hidden>
              <Box
                sx={{
                  width: 32,
                  height: 32,
                  borderRadius: '50%',
                  display: 'grid',
                  placeItems: 'center',
                  fontWeight: 700,
                  fontSize: '0.85rem',
                  bgcolor: p.current ? s.fg : s.bg,
                  color: p.current ? '#fff' : s.fg,
                  border: `2px solid ${s.fg}`,
                }}
              >
                {s.letter}
              </Box>
              {!last ? <Box sx={{ flex: 1, width: 2, bgcolor: 'divider', my: 0.5, minHeight: 16 }} /> : null}
            </Box>
            <Box sx={{ pb: last ? 0 : 3, pt: 0.5 }}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Typography sx={{ fontWeight: 500 }}>{t(`bands.${p.band}`)}</Typography>
                {p.needLevel ? (
                  <Typography color="text.secondary">
                    · {t('therapyUi.band.needShort', { need: t(`needLevels.${p.needLevel}`) })}
                  </Typography>
                ) : null}
                {p.plannedWeeks ? (
                  <Typography color="text.secondary">· {t('therapyUi.band.weeksValue', { count: p.plannedWeeks })}</Typography>
                ) : null}
                {p.current ? (
                  <Box
                    component="span"
                    sx={{
                      fontSize: '0.75rem',
                      fontWeight: 500,
                      px: 1,
                      py: 0.25,
                      borderRadius: 1,
                      border: 1,
                      borderColor: 'primary.main',
                      color: 'primary.main',
                    }}
                  >
                    {t('therapyUi.band.current')}
                  </Box>
                ) : null}
              </Box>
              <Typography variant="body2" color="text.secondary">
                {p.endDate
                  ? t('therapyUi.band.period', { from: formatLongDate(p.startDate), to: formatLongDate(p.endDate) })
                  : t('therapyUi.band.periodOpen', { from: formatLongDate(p.startDate) })}
                {' · '}
                {t('therapyUi.band.by', { by: p.by })}
              </Typography>
              <Typography sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>{p.reason}</Typography>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

export default function PupilBandTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const role = info.user.role;
  const currentId = useId();
  const historyId = useId();
  const canRead = READERS.includes(role);
  const canSet = SETTERS.includes(role);
  const [editing, setEditing] = useState<{ key: number; initial: BandIn } | null>(null);
  const [saved, setSaved] = useState(false);
  const query = useQuery({
    queryKey: qk('bands.history', pupil.id),
    queryFn: () => call('bands.history', { pupilId: pupil.id }),
    enabled: canRead,
  });
  // The review means behind the flag come with the school's distribution (the flag's own rule is in shared/therapy).
  const distribution = useQuery({
    queryKey: qk('bands.distribution'),
    queryFn: () => call('bands.distribution', {}),
    enabled: canRead && !!query.data?.flagged,
  });
  const means = distribution.data?.flagged.find((f) => f.pupilId === pupil.id)?.reviewMeans ?? null;

  if (!canRead) {
    return (
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography color="text.secondary">{t('therapyUi.band.noAccess')}</Typography>
      </Paper>
    );
  }
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { current, history, flagged, nextStep } = query.data;
  const open = () => {
    setSaved(false);
    setEditing({ key: Date.now(), initial: newBand(pupil.id, current) });
  };
  const changeButton = canSet ? (
    <Button variant={current ? 'outlined' : 'contained'} startIcon={<SwapVertOutlined />} onClick={open}>
      {current ? t('therapyUi.band.change') : t('therapyUi.band.set')}
    </Button>
  ) : undefined;

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {saved ? (
        <Alert severity="success" onClose={() => setSaved(false)} role="status">
          {t('therapyUi.band.saved')}
        </Alert>
      ) : null}
      {flagged ? (
        <Alert severity="warning" data-testid="band-flag">
          <AlertTitle>{t('therapyUi.band.flagTitle')}</AlertTitle>
          {t('therapyUi.band.flagBody')}
          {nextStep ? (
            <Box sx={{ mt: 1, fontWeight: 600 }} data-testid="band-flag-step">
              {t(`therapyRules.specific.step.${nextStep}`)}
            </Box>
          ) : null}
          {means && means.length ? (
            <Box sx={{ mt: 1 }}>{t('therapyUi.band.flagMeans', { means: means.map(formatMean).join(', ') })}</Box>
          ) : null}
        </Alert>
      ) : null}
      {current === null ? (
        <Paper variant="outlined">
          <EmptyState
            icon={<LayersOutlined />}
            title={t('therapyUi.band.noneTitle')}
            body={canSet ? t('therapyUi.band.noneBody') : t('therapyUi.band.noneRead')}
            action={changeButton}
          />
        </Paper>
      ) : (
        <>
          <Paper variant="outlined" component="section" aria-labelledby={currentId} sx={{ p: 2.5 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2, flexWrap: 'wrap' }}>
              <Typography id={currentId} variant="h2" sx={{ fontSize: '1.15rem', flex: 1 }}>
                {t('therapyUi.band.currentTitle')}
              </Typography>
              {changeButton}
            </Box>
            <CurrentBand current={current} />
          </Paper>
          <Paper variant="outlined" component="section" aria-labelledby={historyId} sx={{ p: 2.5 }}>
            <Typography id={historyId} variant="h2" sx={{ fontSize: '1.15rem', mb: 0.5 }}>
              {t('therapyUi.band.historyTitle')}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {t('therapyUi.band.historyIntro')}
            </Typography>
            <BandTimeline history={history} />
          </Paper>
        </>
      )}
      {editing ? (
        <BandDialog
          key={editing.key}
          initial={editing.initial}
          pupilName={pupil.name}
          onClose={(ok) => {
            setEditing(null);
            if (ok) setSaved(true);
          }}
        />
      ) : null}
    </Box>
  );
}
