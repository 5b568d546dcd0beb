/** All referrals for therapy, newest first, filtered by state; new referrals; the moves each may make next. */
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ForwardToInboxOutlined from '@mui/icons-material/ForwardToInboxOutlined';
import NoteAddOutlined from '@mui/icons-material/NoteAddOutlined';
import { REFERRAL_STATES, type ReferralState } from '../../../../shared/therapy';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { ReferralDialog, newReferral } from '../../components/therapy/referral-dialog';
import { MOVERS, REFERRERS, ReferralsList } from '../../components/therapy/referrals-list';
import { sentenceCase } from '../../components/therapy/therapy-chips';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

const READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher'] as const;
/** "Open" covers everything still moving: received, accepted and booked. */
const OPEN: readonly ReferralState[] = ['received', 'accepted', 'assessment_booked'];
type Filter = ReferralState | 'open' | 'all';

export default function ReferralsPage() {
  const { t } = useTranslation();
  usePageTitle(t('therapyUi.referrals.title'));
  const info = useSessionInfo();
  const role = info.user.role;
  const headingId = useId();
  const canRead = (READERS as readonly string[]).includes(role);
  const canRefer = REFERRERS.includes(role);
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const filter: Filter =
    stateParam === 'open' || (REFERRAL_STATES as readonly string[]).includes(stateParam ?? '') ? (stateParam as Filter) : 'all';
  const [creating, setCreating] = useState<number | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const query = useQuery({
    queryKey: qk('referrals.list', { state: filter }),
    queryFn: () => call('referrals.list', filter === 'all' || filter === 'open' ? {} : { state: filter }),
    enabled: canRead,
  });
  const rows = (query.data ?? [])
    .filter((r) => filter !== 'open' || OPEN.includes(r.state))
    .slice()
    .sort((a, b) => (a.receivedDate === b.receivedDate ? 0 : a.receivedDate < b.receivedDate ? 1 : -1));

  const newButton = canRefer ? (
    <Button
      variant="contained"
      startIcon={<NoteAddOutlined />}
      onClick={() => {
        setCreated(null);
        setCreating(Date.now());
      }}
    >
      {t('therapyUi.referrals.new')}
    </Button>
  ) : undefined;

  return (
    <>
      <PageHeader title={t('therapyUi.referrals.title')} subtitle={t('therapyUi.referrals.subtitle')} actions={newButton} />
      {created ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setCreated(null)} role="status">
          {created}
        </Alert>
      ) : null}
      {!canRead ? (
        <Paper variant="outlined">
          <EmptyState
            icon={<ForwardToInboxOutlined />}
            title={t('therapyUi.referrals.noAccessTitle')}
            body={canRefer ? t('therapyUi.referrals.noAccessRefer') : t('therapyUi.referrals.noAccess')}
          />
        </Paper>
      ) : (
        <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 2.5 }}>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
            <Typography id={headingId} variant="h2" sx={{ fontSize: '1.15rem', flex: 1, minWidth: 200 }}>
              {filter === 'all'
                ? t('therapyUi.referrals.allHeading')
                : filter === 'open'
                  ? t('therapyUi.referrals.openHeading')
                  : t('therapyUi.referrals.stateHeading', { state: sentenceCase(t(`referralStates.${filter}`)) })}
              {query.data ? ` (${rows.length})` : ''}
            </Typography>
            <TextField
              select
              size="small"
              label={t('therapyUi.referrals.filterState')}
              value={filter}
              onChange={(e) => setParams(e.target.value === 'all' ? {} : { state: e.target.value }, { replace: true })}
              sx={{ width: 260 }}
              fullWidth={false}
            >
              <MenuItem value="all">{t('therapyUi.referrals.filterAll')}</MenuItem>
              <MenuItem value="open">{t('therapyUi.referrals.filterOpen')}</MenuItem>
              {REFERRAL_STATES.map((s) => (
                <MenuItem key={s} value={s}>
                  {sentenceCase(t(`referralStates.${s}`))}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          {query.isPending ? (
            <Loading />
          ) : query.error ? (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          ) : rows.length === 0 ? (
            <EmptyState
              icon={<ForwardToInboxOutlined />}
              title={
                filter === 'open' || filter === 'all'
                  ? t('therapyUi.referrals.emptyTitle')
                  : t('therapyUi.referrals.emptyStateTitle', { state: t(`referralStates.${filter}`) })
              }
              body={
                filter === 'open'
                  ? t('therapyUi.referrals.emptyOpen')
                  : filter === 'all'
                    ? t('therapyUi.referrals.emptyAll')
                    : t('therapyUi.referrals.emptyState')
              }
              action={
                filter !== 'all' ? (
                  <Button variant="outlined" onClick={() => setParams({}, { replace: true })}>
                    {t('therapyUi.referrals.showAll')}
                  </Button>
                ) : (
                  newButton
                )
              }
            />
          ) : (
            <>
              <ReferralsList
                referrals={rows}
                role={role}
                userName={info.user.displayName}
                showPupil
                labelledBy={headingId}
                onNotice={setCreated}
              />
              {!MOVERS.includes(role) ? (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
                  {t('therapyUi.referrals.readOnly')}
                </Typography>
              ) : null}
            </>
          )}
        </Paper>
      )}
      {creating !== null ? (
        <ReferralDialog
          key={creating}
          initial={newReferral('', info.user.displayName)}
          pupil={null}
          onClose={(saved) => {
            setCreating(null);
            if (saved) setCreated(t('therapyUi.referralForm.createdNotice', { pupil: saved.pupilName }));
          }}
        />
      ) : null}
    </>
  );
}
