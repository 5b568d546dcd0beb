/**
 * A pupil's "Progress" tab (progress.forPupil): each goal's GAS ratings over time, each plan's T-score at its
 * reviews, the band history as a timeline, Thrive strand results, and sessions by month (attendance; hours
 * delivered against planned). Every chart has a text alternative and reads in greyscale; "Print progress" prints
 * the tab alone on A4 (the print stylesheet hides the navigation, the header and the tabs).
 */
import { useId, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import TimelineOutlined from '@mui/icons-material/TimelineOutlined';
import type { PupilProfile, PupilProgress } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { yearGroupLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { printInPlaceCss } from '../../components/progress/print-css';
import { GoalChart } from '../../components/progress/goal-chart';
import { TScoreChart, tScoresByPlan } from '../../components/progress/tscore-chart';
import { BandTimeline } from '../../components/progress/band-timeline';
import { ThriveTable } from '../../components/progress/thrive-table';
import { MonthCharts } from '../../components/progress/month-charts';
import { qk } from '../../lib/query-keys';

const READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher'];
const KEEP = 'progress-print-area';

function Card({
  title,
  intro,
  children,
  testId,
}: {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2.5 }} data-testid={testId}>
      <Typography id={id} variant="h2" sx={{ fontSize: '1.15rem', mb: intro ? 0.5 : 1.5 }}>
        {title}
      </Typography>
      {intro ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      ) : null}
      {children}
    </Paper>
  );
}

function Muted({ children }: { readonly children: ReactNode }) {
  return <Typography color="text.secondary">{children}</Typography>;
}

/** Goals grouped by plan, in the order the service gave them. */
function byPlan(goals: PupilProgress['goals']) {
  const plans = new Map<string, { title: string; goals: PupilProgress['goals'][number][] }>();
  for (const g of goals) {
    const p = plans.get(g.ippId) ?? { title: g.planTitle, goals: [] };
    p.goals.push(g);
    plans.set(g.ippId, p);
  }
  return [...plans.entries()].map(([ippId, p]) => ({ ippId, ...p }));
}

function ProgressView({ pupil, progress }: { readonly pupil: PupilProfile; readonly progress: PupilProgress }) {
  const { t } = useTranslation();
  const plans = byPlan(progress.goals);
  const tPlans = tScoresByPlan(progress.tScores);
  const hasSessions = progress.months.some(
    (m) => m.attended + m.absent + m.cancelled > 0 || m.minutesPlanned > 0 || m.minutesDelivered > 0,
  );
  const css = printInPlaceCss({
    keepClass: KEEP,
    left: t('progressUi.print.confidential'),
    right: t('progressUi.print.header', { name: pupil.name }),
    footerLeft: t('progressUi.print.printed', { date: formatLongDate(todayIso()) }),
    page: t('progressUi.print.page'),
    of: t('progressUi.print.of'),
  });
  return (
    <Box className={KEEP} sx={{ display: 'grid', gap: 2 }} data-testid="progress-tab">
      <style>{css}</style>
      <Box className="print-only">
        <Typography component="p" sx={{ fontSize: '17pt', fontWeight: 700, lineHeight: 1.2 }}>
          {t('progressUi.print.title', { name: pupil.name })}
        </Typography>
        <Typography sx={{ fontSize: '10.5pt', mb: '6pt' }}>
          {yearGroupLabel(pupil.yearGroup)}
          {pupil.className ? ` · ${t('profile.classShort', { name: pupil.className })}` : ''} · {t('profile.upnShort', { upn: pupil.upn })}
        </Typography>
      </Box>
      <Box className="no-print" sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography color="text.secondary" sx={{ flex: 1, minWidth: 240 }}>
          {t('progressUi.progress.intro', { name: pupil.name })}
        </Typography>
        <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()}>
          {t('progressUi.print.button')}
        </Button>
      </Box>

      <Card
        title={t('progressUi.progress.goals.title')}
        intro={plans.length ? t('progressUi.progress.goals.intro') : undefined}
        testId="progress-goals"
      >
        {plans.length === 0 ? (
          <EmptyState
            icon={<TimelineOutlined />}
            title={t('progressUi.progress.goals.empty')}
            body={t('progressUi.progress.goals.emptyBody', { name: pupil.name })}
          />
        ) : (
          <Box sx={{ display: 'grid', gap: 3 }}>
            {plans.map((p) => (
              <Box key={p.ippId} sx={{ display: 'grid', gap: 1.5 }}>
                <Typography variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600 }}>
                  {t('progressUi.progress.goals.planLine', { title: p.title })}
                </Typography>
                <Box className="print-grid" sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
                  {p.goals.map((g, i) => (
                    <GoalChart key={g.goalKey} goal={g} n={i + 1} />
                  ))}
                </Box>
              </Box>
            ))}
          </Box>
        )}
      </Card>

      <Card title={t('progressUi.progress.tScores.title')} intro={t('progressUi.progress.tScores.explain')} testId="progress-tscores">
        {tPlans.length === 0 ? (
          <Muted>{t('progressUi.progress.tScores.empty')}</Muted>
        ) : (
          <Box className="print-grid" sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
            {tPlans.map((p, i) => (
              <TScoreChart key={p.ippId} plan={p} n={i + 1} />
            ))}
          </Box>
        )}
      </Card>

      <Card
        title={t('progressUi.progress.bands.title')}
        intro={progress.bands.length ? t('progressUi.progress.bands.intro') : undefined}
        testId="progress-bands"
      >
        {progress.bands.length === 0 ? <Muted>{t('progressUi.progress.bands.empty')}</Muted> : <BandTimeline bands={progress.bands} />}
      </Card>

      <Card
        title={t('progressUi.progress.thrive.title')}
        intro={progress.thrive.length ? t('progressUi.progress.thrive.intro') : undefined}
        testId="progress-thrive"
      >
        {progress.thrive.length === 0 ? <Muted>{t('progressUi.progress.thrive.empty')}</Muted> : <ThriveTable thrive={progress.thrive} />}
      </Card>

      <Card title={t('progressUi.progress.sessions.title')} testId="progress-sessions">
        {hasSessions ? <MonthCharts months={progress.months} /> : <Muted>{t('progressUi.progress.sessions.empty')}</Muted>}
      </Card>
    </Box>
  );
}

export function ProgressTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const allowed = READERS.includes(info.user.role);
  const query = useQuery({
    queryKey: qk('progress.forPupil', pupil.id),
    queryFn: () => call('progress.forPupil', { pupilId: pupil.id }),
    enabled: allowed,
  });
  if (!allowed) {
    return (
      <Paper variant="outlined" sx={{ p: 2.5 }}>
        <Muted>{t('progressUi.progress.noAccess')}</Muted>
      </Paper>
    );
  }
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <ProgressView pupil={pupil} progress={query.data} />;
}

export default ProgressTab;
