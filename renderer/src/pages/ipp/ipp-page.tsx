/**
 * One individual pupil plan, read-only: goals with their GAS ladders, interventions, classroom strategies and
 * expected outcomes, progress at each review, and every saved version (?version=N shows an old one, read-only,
 * under a banner). Therapy roles revise the plan (a new version) and record reviews; anyone who can see it prints it.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowBack from '@mui/icons-material/ArrowBack';
import EditOutlined from '@mui/icons-material/EditOutlined';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import type { IppView } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { PageHeader } from '../../components/page-header';
import { Loading, QueryError } from '../../components/status';
import { ClassroomStrategies, ExpectedOutcomes, Goals, Interventions, PlanDetails, Section } from '../../components/ipp/ipp-document';
import { IppPrint } from '../../components/ipp/ipp-print';
import { ProgressChart, ReviewsTable } from '../../components/ipp/progress-card';
import { ReviewDialog } from '../../components/ipp/review-dialog';
import { canWriteIpps } from '../../components/ipp/roles';
import { viewLength } from '../../components/ipp/ipp-model';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

export function ippQueryKey(id: string, version: number | null) {
  return qk('ipps.get', id, version ?? 'current');
}

function VersionSelect({ view, onPick }: { readonly view: IppView; readonly onPick: (n: number) => void }) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      size="small"
      label={t('ippUi.page.versionLabel')}
      value={view.version}
      onChange={(e) => onPick(Number(e.target.value))}
      sx={{ minWidth: 260 }}
      fullWidth={false}
      slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 360 } } } } } }}
    >
      {[...view.versions].reverse().map((v) => (
        <MenuItem key={v.number} value={v.number}>
          {t(v.number === view.currentVersion ? 'ippUi.page.versionOptionCurrent' : 'ippUi.page.versionOption', {
            n: v.number,
            date: formatLongDate(v.createdAt.slice(0, 10)),
          })}
        </MenuItem>
      ))}
    </TextField>
  );
}

export default function IppPage() {
  const { t } = useTranslation();
  usePageTitle(t('ippUi.page.title'));
  const { pupilId = '', ippId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const info = useSessionInfo();
  const canWrite = canWriteIpps(info.user.role);
  const versionParam = Number(params.get('version'));
  const version = Number.isInteger(versionParam) && versionParam >= 1 ? versionParam : null;
  const [reviewOpen, setReviewOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(() => {
    const s = location.state as { saved?: 'created' | 'revised'; version?: number } | null;
    if (s?.saved === 'created') return t('ippUi.page.savedCreated');
    if (s?.saved === 'revised') return t('ippUi.page.savedRevised', { n: s.version ?? '' });
    return null;
  });
  const query = useQuery({
    queryKey: ippQueryKey(ippId, version),
    queryFn: () => call('ipps.get', version ? { id: ippId, version } : { id: ippId }),
  });

  const back = (name: string | null) => (
    <Link component={RouterLink} to={`/pupils/${pupilId}?tab=plans`} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <ArrowBack fontSize="small" aria-hidden />
      {name ? t('ippUi.page.back', { name }) : t('profile.back')}
    </Link>
  );
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader eyebrow={back(null)} title={t('ippUi.page.title')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const view = query.data;
  const isCurrent = view.version === view.currentVersion;
  const shown = view.versions.find((v) => v.number === view.version);
  const pickVersion = (n: number) => setParams(n === view.currentVersion ? {} : { version: String(n) }, { replace: true });

  return (
    <Box sx={{ maxWidth: 1200 }}>
      <PageHeader
        eyebrow={back(view.pupilName)}
        title={view.title}
        subtitle={
          <Box component="span" sx={{ display: 'block' }}>
            <Box component="span" sx={{ fontWeight: 500, color: 'text.primary' }}>
              {view.pupilName}
            </Box>
            {' · '}
            {t('ippUi.page.subtitle', {
              start: formatLongDate(view.startDate),
              end: formatLongDate(view.endDate),
              length: viewLength(view),
              review: formatLongDate(view.reviewDate),
            })}
          </Box>
        }
        actions={
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
            <VersionSelect view={view} onPick={pickVersion} />
            <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()}>
              {t('ippUi.page.print')}
            </Button>
            {canWrite && isCurrent ? (
              <>
                <Button variant="outlined" startIcon={<FactCheckOutlined />} onClick={() => setReviewOpen(true)}>
                  {t('ippUi.page.record')}
                </Button>
                <Button
                  variant="contained"
                  startIcon={<EditOutlined />}
                  component={RouterLink}
                  to={`/pupils/${pupilId}/ipps/${ippId}/revise`}
                >
                  {t('ippUi.page.revise')}
                </Button>
              </>
            ) : null}
          </Box>
        }
      />
      {notice ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      {!isCurrent ? (
        <Alert
          severity="info"
          sx={{ mb: 2 }}
          data-testid="old-version-banner"
          action={
            <Button color="inherit" size="small" onClick={() => pickVersion(view.currentVersion)}>
              {t('ippUi.page.viewCurrent')}
            </Button>
          }
        >
          {t('ippUi.page.oldVersion', {
            n: view.version,
            count: view.versions.length,
            date: formatLongDate(shown?.createdAt.slice(0, 10)),
            by: shown?.createdBy ?? '',
          })}
          {shown?.reason ? <Box sx={{ mt: 0.5 }}>{t('ippUi.page.reasonLine', { reason: shown.reason })}</Box> : null}
        </Alert>
      ) : null}

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 2fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <Section print={false} title={t('ippUi.page.goals')} intro={t('ippUi.page.goalsIntro')} testId="ipp-goals">
            <Goals view={view} print={false} />
          </Section>
          <Section
            print={false}
            title={t('ippUi.progress.title')}
            intro={view.reviews.length ? t('ippUi.progress.intro') : undefined}
            testId="ipp-progress"
          >
            {view.reviews.length === 0 ? (
              <Typography color="text.secondary">{t('ippUi.progress.none')}</Typography>
            ) : (
              <>
                <ProgressChart view={view} />
                <ReviewsTable view={view} />
              </>
            )}
          </Section>
        </Box>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <Section print={false} title={t('ippUi.page.details')}>
            <PlanDetails view={view} print={false} />
          </Section>
          <Section print={false} title={t('ippUi.page.expectedOutcomes')}>
            <ExpectedOutcomes view={view} print={false} />
          </Section>
          <Section print={false} title={t('ippUi.page.interventions')}>
            <Interventions view={view} print={false} />
          </Section>
          <Section print={false} title={t('ippUi.page.strategies')} intro={t('ippUi.page.strategiesIntro')}>
            <ClassroomStrategies view={view} print={false} />
          </Section>
          <Section print={false} title={t('ippUi.page.history')}>
            <Box component="ol" reversed sx={{ m: 0, pl: 0, listStyle: 'none', display: 'grid', gap: 1 }} data-testid="ipp-versions">
              {[...view.versions].reverse().map((v) => (
                <Box component="li" key={v.number}>
                  {v.number === view.version ? (
                    <Typography sx={{ fontWeight: 600 }}>
                      {t('ippUi.page.historyRow', { n: v.number, date: formatLongDate(v.createdAt.slice(0, 10)), by: v.createdBy })}
                    </Typography>
                  ) : (
                    <Link component="button" type="button" onClick={() => pickVersion(v.number)} sx={{ textAlign: 'left' }}>
                      {t('ippUi.page.historyRow', { n: v.number, date: formatLongDate(v.createdAt.slice(0, 10)), by: v.createdBy })}
                    </Link>
                  )}
                  <Typography variant="body2" color="text.secondary">
                    {v.reason ?? t('ippUi.page.historyFirst')}
                  </Typography>
                </Box>
              ))}
            </Box>
          </Section>
        </Box>
      </Box>

      <IppPrint view={view} />
      {reviewOpen ? (
        <ReviewDialog
          view={view}
          open
          onClose={() => setReviewOpen(false)}
          onSaved={(next) => {
            setReviewOpen(false);
            queryClient.setQueryData(ippQueryKey(ippId, version), next);
            setNotice(t('ippUi.page.reviewSaved'));
          }}
        />
      ) : null}
    </Box>
  );
}
