import { useId, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import ArrowBack from '@mui/icons-material/ArrowBack';
import EditOutlined from '@mui/icons-material/EditOutlined';
import NoteAddOutlined from '@mui/icons-material/NoteAddOutlined';
import ConstructionOutlined from '@mui/icons-material/ConstructionOutlined';
import type { OpName, PupilProfile } from '../../../shared/contract';
import { ageOn, formatLongDate, todayIso } from '../../../shared/dates';
import { yearGroupLabel, type I18nKeyUnder } from '../../../shared/i18n';
import { ApiError, call } from '../api/client';
import { useSessionInfo } from '../auth/auth';
import { canRole, canUse, useAllowed } from '../auth/use-can';
import { AccessRefused } from '../components/access-refused';
import { AllocationsCard } from '../components/therapy/allocations-card';
import { ReferralDialog, newReferral } from '../components/therapy/referral-dialog';
import { RaiseConcernButton } from '../components/safeguarding/raise-concern-button';
import { PageHeader } from '../components/page-header';
import { PupilClocksPanel } from '../components/clocks/pupil-clocks-panel';
import { SenStatusChip } from '../components/sen-status-chip';
import { EmptyState, Loading, QueryError } from '../components/status';
import { usePageTitle } from '../lib/use-page-title';
import { EhcpTab } from './ehcp/ehcp-tab';
import { PlansTab } from '../components/ipp/plans-tab';
import PupilReferralsTab from './therapy/pupil-referrals-tab';
import PupilBandTab from './therapy/pupil-band-tab';
import { PupilSessionsTab } from './sessions/pupil-sessions-tab';
import { ProgressTab } from './progress/progress-tab';
import { ParentsTab } from './parents/parents-tab';
import { ReviewsTab } from './reviews/reviews-tab';
import { SharedTab } from './sharing/shared-tab';
import { PassportTab } from './passports/passport-tab';
import { ShareWithAgencyButton } from '../components/sharing/share-dialog';
import { MoveSchoolButton } from '../components/trust/move-school';
import { PupilProvisionButton } from '../components/provision-map/pupil-provision-drawer';
import { qk } from '../lib/query-keys';

export const PROFILE_TABS = [
  'overview',
  'ehcp',
  'referrals',
  'band',
  'plans',
  'passport',
  'sessions',
  'reviews',
  'progress',
  'parents',
  'shared',
] as const;
type ProfileTab = (typeof PROFILE_TABS)[number];

/**
 * The operation each tab is built on (any of several: the tab shows whichever parts the role may see). A tab is
 * left out for a role the contract does not allow it, rather than opening on an error.
 */
const TAB_OPS: Readonly<Record<ProfileTab, OpName | readonly OpName[] | undefined>> = {
  overview: undefined,
  ehcp: 'ehcp.listForPupil',
  referrals: 'referrals.list',
  band: 'bands.history',
  plans: ['ipps.listForPupil', 'placements.listForPupil'],
  passport: 'passports.get',
  sessions: 'sessions.list',
  reviews: 'reviews.listForPupil',
  progress: 'progress.forPupil',
  parents: 'parentUpdates.list',
  shared: 'exports.log',
};
const GATED_TABS = PROFILE_TABS.map((key) => ({ key, op: TAB_OPS[key] }));

function Card({ title, children, action }: { readonly title: string; readonly children: ReactNode; readonly action?: ReactNode }) {
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1.5 }}>
        <Typography id={id} variant="h2" sx={{ fontSize: '1.15rem', flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

function Details({ rows }: { readonly rows: ReadonlyArray<readonly [string, ReactNode]> }) {
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'minmax(140px, 40%) 1fr', rowGap: 1, columnGap: 2 }}>
      {rows.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography component="dt" color="text.secondary">
            {label}
          </Typography>
          <Typography component="dd" sx={{ m: 0 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function Overview({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const none = (
    <Typography component="span" color="text.secondary">
      {t('profile.notRecorded')}
    </Typography>
  );
  const legal = `${pupil.legalFirstName} ${pupil.legalLastName}`;
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, alignItems: 'start' }}>
      <PupilClocksPanel pupilId={pupil.id} sx={{ gridColumn: { lg: '1 / -1' } }} />
      <Card title={t('profile.details')}>
        <Details
          rows={[
            [
              t('pupilForm.upn'),
              <Box component="span" sx={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
                {pupil.upn}
              </Box>,
            ],
            [t('profile.legalName'), legal],
            [t('profile.preferredName'), pupil.name !== legal ? pupil.name : none],
            [
              t('pupilForm.dateOfBirth'),
              t('profile.dobAge', { date: formatLongDate(pupil.dateOfBirth), age: ageOn(pupil.dateOfBirth, todayIso()) }),
            ],
            [t('pupilForm.yearGroup'), yearGroupLabel(pupil.yearGroup)],
            [t('pupilForm.className'), pupil.className ?? none],
            [t('pupilForm.dateJoined'), formatLongDate(pupil.dateJoined)],
            ...(pupil.dateLeft ? [[t('pupilForm.dateLeft'), formatLongDate(pupil.dateLeft)] as const] : []),
            ...(pupil.homeSchoolName
              ? [
                  [
                    t('pupilForm.homeSchool.name'),
                    pupil.homeSchoolUrn
                      ? t('profile.homeSchoolWithUrn', { name: pupil.homeSchoolName, urn: pupil.homeSchoolUrn })
                      : pupil.homeSchoolName,
                  ] as const,
                ]
              : []),
          ]}
        />
      </Card>
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Card title={t('profile.needs')}>
          {pupil.needs.length === 0 ? (
            <Typography color="text.secondary">{pupil.senStatus === 'N' ? t('profile.noNeedsNoSen') : t('profile.noNeeds')}</Typography>
          ) : (
            <Box component="ol" sx={{ m: 0, pl: 3, display: 'grid', gap: 0.75 }}>
              {pupil.needs.map((n, i) => (
                <li key={n}>
                  <Typography component="span">
                    {t(`needs.${n}`)} ({n})
                  </Typography>
                  {i < 2 ? (
                    <Chip
                      size="small"
                      variant="outlined"
                      sx={{ ml: 1, height: 22, verticalAlign: 'text-bottom' }}
                      label={i === 0 ? t('pupilForm.needs.primary') : t('pupilForm.needs.secondary')}
                    />
                  ) : null}
                </li>
              ))}
            </Box>
          )}
        </Card>
        <Card title={t('profile.senHistory')}>
          <Table size="small" aria-label={t('profile.senHistory')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('profile.history.status')}</TableCell>
                <TableCell>{t('profile.history.from')}</TableCell>
                <TableCell>{t('profile.history.to')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...pupil.senHistory].reverse().map((h) => (
                <TableRow key={`${h.status}-${h.startDate}`}>
                  <TableCell>
                    <SenStatusChip status={h.status} />
                  </TableCell>
                  <TableCell>{formatLongDate(h.startDate)}</TableCell>
                  <TableCell>{h.endDate ? formatLongDate(h.endDate) : t('profile.history.current')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      </Box>
      <Box sx={{ gridColumn: { lg: '1 / -1' } }}>
        <AllocationsCard pupil={pupil} />
      </Box>
      <Box sx={{ gridColumn: { lg: '1 / -1' } }}>
        <Card title={t('profile.contacts')}>
          {pupil.contacts.length === 0 ? (
            <Typography color="text.secondary">{t('profile.noContacts')}</Typography>
          ) : (
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, 1fr)', xl: 'repeat(3, 1fr)' } }}>
              {pupil.contacts.map((c, i) => (
                <Box key={`${c.name}-${i}`} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
                  <Typography sx={{ fontWeight: 500 }}>{c.name}</Typography>
                  <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                    {t(`relationships.${c.relationship}`)}
                    {c.parentalResponsibility ? ` · ${t('profile.parentalResponsibility')}` : ''}
                  </Typography>
                  <Typography variant="body2">{c.phone ?? t('profile.noPhone')}</Typography>
                  <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
                    {c.email ?? t('profile.noEmail')}
                  </Typography>
                </Box>
              ))}
            </Box>
          )}
        </Card>
      </Box>
    </Box>
  );
}

function ComingTab({ tab }: { readonly tab: Exclude<I18nKeyUnder<'profile.coming'>, 'title'> }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined">
      <EmptyState icon={<ConstructionOutlined />} title={t('profile.coming.title')} body={t(`profile.coming.${tab}`)} />
    </Paper>
  );
}

export default function PupilProfilePage() {
  const { t } = useTranslation();
  // The window title names the screen, never the pupil.
  usePageTitle(t('profile.title'));
  const { id = '' } = useParams();
  const location = useLocation();
  const info = useSessionInfo();
  const role = info.user.role;
  const canEdit = role === 'senco' || role === 'office';
  // Those who may make a referral but not see the Referrals tab (teachers and TAs) refer from the page header.
  const canReferOnly = canRole(role, 'referrals.save') && !canUse(role, TAB_OPS.referrals);
  const canShare = canRole(role, 'exports.create');
  const [referring, setReferring] = useState<number | null>(null);
  const [referred, setReferred] = useState(false);
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tabs = useAllowed(GATED_TABS).map((g) => g.key);
  const tab: ProfileTab = (tabs as readonly string[]).includes(tabParam ?? '') ? (tabParam as ProfileTab) : 'overview';
  const [saved, setSaved] = useState<string | null>(() => {
    const s = (location.state as { saved?: string } | null)?.saved;
    return s === 'created' || s === 'updated' ? s : null;
  });
  const query = useQuery({ queryKey: qk('pupils.get', id), queryFn: () => call('pupils.get', { id }) });

  const back = (
    <Link component={RouterLink} to="/pupils" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <ArrowBack fontSize="small" aria-hidden />
      {t('profile.back')}
    </Link>
  );
  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && query.error.error.code === 'forbidden') {
    // A pupil outside the person's caseload or classes: the core's message says why and whom to ask.
    return (
      <AccessRefused
        testId="pupil-refused"
        title={t('scopeUi.refused.title')}
        reason={query.error.message}
        next={t('scopeUi.refused.next')}
        action={
          <Button component={RouterLink} to="/pupils" variant="contained" startIcon={<ArrowBack />}>
            {t('scopeUi.refused.back')}
          </Button>
        }
      />
    );
  }
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader eyebrow={back} title={t('profile.title')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const pupil = query.data;
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={pupil.name}
        subtitle={
          <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <span>
              {yearGroupLabel(pupil.yearGroup)}
              {pupil.className ? ` · ${t('profile.classShort', { name: pupil.className })}` : ''} ·{' '}
              {t('profile.upnShort', { upn: pupil.upn })}
            </span>
            <SenStatusChip status={pupil.senStatus} />
            {pupil.dateLeft ? (
              <Chip size="small" variant="outlined" label={t('profile.formerChip', { date: formatLongDate(pupil.dateLeft) })} />
            ) : null}
          </Box>
        }
        actions={
          canEdit || canReferOnly || canShare ? (
            <>
              <RaiseConcernButton pupil={pupil} />
              <PupilProvisionButton pupilId={pupil.id} />
              {canReferOnly ? (
                <Button
                  variant="contained"
                  startIcon={<NoteAddOutlined />}
                  onClick={() => {
                    setReferred(false);
                    setReferring(Date.now());
                  }}
                >
                  {t('scopeUi.refer.button')}
                </Button>
              ) : null}
              {canShare ? <ShareWithAgencyButton pupil={pupil} /> : null}
              {canEdit ? <MoveSchoolButton pupil={pupil} /> : null}
              {canEdit ? (
                <Button component={RouterLink} to={`/pupils/${pupil.id}/edit`} variant="contained" startIcon={<EditOutlined />}>
                  {t('profile.edit')}
                </Button>
              ) : null}
            </>
          ) : (
            <>
              <RaiseConcernButton pupil={pupil} />
              <PupilProvisionButton pupilId={pupil.id} />
            </>
          )
        }
      />
      {referred ? (
        <Alert severity="success" sx={{ mb: 2 }} role="status" onClose={() => setReferred(false)}>
          <AlertTitle>{t('scopeUi.refer.sent')}</AlertTitle>
          {t('scopeUi.refer.sentBody', { pupil: pupil.name })}
        </Alert>
      ) : null}
      {referring !== null ? (
        <ReferralDialog
          key={referring}
          initial={{ ...newReferral(pupil.id, info.user.displayName), referrerKind: 'teacher' }}
          pupil={{ id: pupil.id, name: pupil.name, detail: `${yearGroupLabel(pupil.yearGroup)} · UPN ${pupil.upn}` }}
          onClose={(saved) => {
            setReferring(null);
            if (saved) setReferred(true);
          }}
        />
      ) : null}
      {saved ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setSaved(null)}>
          {saved === 'created' ? t('profile.created') : t('profile.updated')}
        </Alert>
      ) : null}
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs
          value={tab}
          onChange={(_, v: ProfileTab) => setParams(v === 'overview' ? {} : { tab: v }, { replace: true })}
          aria-label={t('profile.tabsLabel')}
          variant="scrollable"
          scrollButtons="auto"
          allowScrollButtonsMobile
        >
          {tabs.map((k) => (
            <Tab
              key={k}
              value={k}
              label={
                k === 'passport'
                  ? t('passports.ui.tab')
                  : k === 'shared'
                    ? t('sharingUi.tab')
                    : k === 'progress' || k === 'parents'
                      ? t(`progressUi.tabs.${k}`)
                      : k === 'referrals' || k === 'band'
                        ? t(`therapyUi.tabs.${k}`)
                        : t(`profile.tabs.${k}`)
              }
              id={`tab-${k}`}
              aria-controls={`panel-${k}`}
            />
          ))}
        </Tabs>
      </Box>
      <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' ? (
          <Overview pupil={pupil} />
        ) : tab === 'ehcp' ? (
          <EhcpTab pupil={pupil} />
        ) : tab === 'plans' ? (
          <PlansTab pupil={pupil} />
        ) : tab === 'referrals' ? (
          <PupilReferralsTab pupil={pupil} />
        ) : tab === 'band' ? (
          <PupilBandTab pupil={pupil} />
        ) : tab === 'sessions' ? (
          <PupilSessionsTab pupil={pupil} />
        ) : tab === 'progress' ? (
          <ProgressTab pupil={pupil} />
        ) : tab === 'parents' ? (
          <ParentsTab pupil={pupil} />
        ) : tab === 'reviews' ? (
          <ReviewsTab pupil={pupil} />
        ) : tab === 'shared' ? (
          <SharedTab pupil={pupil} />
        ) : tab === 'passport' ? (
          <PassportTab pupil={pupil} />
        ) : (
          <ComingTab tab={tab} />
        )}
      </Box>
    </>
  );
}
