/** The pupil profile's "Referrals and assessments" tab: the pupil's referrals (with their moves) and assessments. */
import { useId, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import EditOutlined from '@mui/icons-material/EditOutlined';
import NoteAddOutlined from '@mui/icons-material/NoteAddOutlined';
import PostAddOutlined from '@mui/icons-material/PostAddOutlined';
import type { AssessmentRecord, PupilProfile } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain';
import { THRIVE_RESULTS } from '../../../../shared/therapy';
import { formatLongDate } from '../../../../shared/dates';
import { codeLabel, yearGroupLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { Loading, QueryError } from '../../components/status';
import { AssessmentDialog, assessmentToInput, newAssessment, type AssessmentIn } from '../../components/therapy/assessment-dialog';
import { ReferralDialog, newReferral } from '../../components/therapy/referral-dialog';
import { REFERRERS, ReferralsList } from '../../components/therapy/referrals-list';
import { formatScore, groupScores } from '../../components/therapy/therapy-model';
import { useDisciplines } from '../../components/therapy/use-disciplines';
import { qk } from '../../lib/query-keys';

const READERS: readonly Role[] = ['senco', 'therapy_lead', 'therapist', 'headteacher'];
const ASSESSORS: readonly Role[] = ['senco', 'therapy_lead', 'therapist'];
// '1px', not 1: in sx a number up to 1 is a fraction (100%), which would stretch the page sideways.
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

function Section({
  id,
  title,
  intro,
  action,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly action?: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 1.5, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography id={id} variant="h2" sx={{ fontSize: '1.15rem' }}>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 760 }}>
            {intro}
          </Typography>
        </Box>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

function Empty({ title, body }: { readonly title: string; readonly body: string }) {
  return (
    <Box sx={{ py: 1 }}>
      <Typography sx={{ fontWeight: 500 }}>{title}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 760 }}>
        {body}
      </Typography>
    </Box>
  );
}

/** "TOMs: Impairment 3 · Activity 2.5" per measure, and Thrive results counted ("2 secure, 1 gap"). */
export function ScoresSummary({ assessment }: { readonly assessment: AssessmentRecord }) {
  const { t } = useTranslation();
  const groups = groupScores(assessment.scores);
  const thrive = THRIVE_RESULTS.map((r) => ({ r, n: assessment.thrive.filter((x) => x.result === r).length })).filter((x) => x.n > 0);
  if (groups.length === 0 && thrive.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('therapyUi.assessment.noScores')}
      </Typography>
    );
  }
  const scaleLabel = (m: string, s: string) => codeLabel('therapyUi.measures', `${m}.scales.${s}`, s);
  return (
    <Box sx={{ display: 'grid', gap: 0.25 }}>
      {groups.map((g) => (
        <Typography key={g.measure} variant="body2">
          <Box component="span" sx={{ fontWeight: 500 }}>
            {codeLabel('therapyUi.measures', `${g.measure}.short`, g.measure)}:
          </Box>{' '}
          {g.items.map((i) => `${scaleLabel(g.measure, i.scale)} ${formatScore(i.value)}`).join(' · ')}
        </Typography>
      ))}
      {thrive.length ? (
        <Typography variant="body2">
          <Box component="span" sx={{ fontWeight: 500 }}>
            {t('therapyUi.measures.thrive')}:
          </Box>{' '}
          {thrive
            .map((x) => t('therapyUi.assessment.thriveCount', { count: x.n, result: t(`therapyUi.thriveResults.${x.r}`).toLowerCase() }))
            .join(', ')}
        </Typography>
      ) : null}
    </Box>
  );
}

function ReferralsSection({ pupil, role, userName }: { readonly pupil: PupilProfile; readonly role: Role; readonly userName: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [creating, setCreating] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: qk('referrals.list', { pupilId: pupil.id }),
    queryFn: () => call('referrals.list', { pupilId: pupil.id }),
  });
  const rows = [...(query.data ?? [])].sort((a, b) => (a.receivedDate === b.receivedDate ? 0 : a.receivedDate < b.receivedDate ? 1 : -1));
  return (
    <Section
      id={id}
      title={t('therapyUi.profile.referralsTitle')}
      intro={t('therapyUi.profile.referralsIntro')}
      action={
        REFERRERS.includes(role) ? (
          <Button
            variant="outlined"
            startIcon={<NoteAddOutlined />}
            onClick={() => {
              setNotice(null);
              setCreating(Date.now());
            }}
          >
            {t('therapyUi.referrals.new')}
          </Button>
        ) : undefined
      }
    >
      {notice ? (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setNotice(null)} role="status">
          {notice}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <Empty
          title={t('therapyUi.profile.noReferrals')}
          body={REFERRERS.includes(role) ? t('therapyUi.profile.noReferralsBody') : t('therapyUi.profile.noReferralsRead')}
        />
      ) : (
        <ReferralsList referrals={rows} role={role} userName={userName} showPupil={false} labelledBy={id} />
      )}
      {creating !== null ? (
        <ReferralDialog
          key={creating}
          initial={newReferral(pupil.id, userName)}
          pupil={{ id: pupil.id, name: pupil.name, detail: `${yearGroupLabel(pupil.yearGroup)} · UPN ${pupil.upn}` }}
          onClose={(saved) => {
            setCreating(null);
            if (saved) setNotice(t('therapyUi.referralForm.createdNotice', { pupil: saved.pupilName }));
          }}
        />
      ) : null}
    </Section>
  );
}

function AssessmentsSection({ pupil, role, userName }: { readonly pupil: PupilProfile; readonly role: Role; readonly userName: string }) {
  const { t } = useTranslation();
  const id = useId();
  const disciplines = useDisciplines();
  const canEdit = ASSESSORS.includes(role);
  const [editing, setEditing] = useState<{ key: number; initial: AssessmentIn } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({ queryKey: qk('assessments.list', pupil.id), queryFn: () => call('assessments.list', { pupilId: pupil.id }) });
  const referrals = useQuery({
    queryKey: qk('referrals.list', { pupilId: pupil.id }),
    queryFn: () => call('referrals.list', { pupilId: pupil.id }),
  });
  const linkedReferral = editing?.initial.referralId ? (referrals.data?.find((r) => r.id === editing.initial.referralId) ?? null) : null;
  return (
    <Section
      id={id}
      title={t('therapyUi.profile.assessmentsTitle')}
      intro={t('therapyUi.profile.assessmentsIntro')}
      action={
        canEdit ? (
          <Button
            variant="outlined"
            startIcon={<PostAddOutlined />}
            onClick={() => {
              setNotice(null);
              setEditing({ key: Date.now(), initial: newAssessment(pupil.id, userName, null) });
            }}
          >
            {t('therapyUi.assessment.add')}
          </Button>
        ) : undefined
      }
    >
      {notice ? (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setNotice(null)} role="status">
          {notice}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Empty
          title={t('therapyUi.profile.noAssessments')}
          body={canEdit ? t('therapyUi.profile.noAssessmentsBody') : t('therapyUi.profile.noAssessmentsRead')}
        />
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby={id} data-testid="assessments-table" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('therapyUi.columns.date')}</TableCell>
                <TableCell>{t('therapyUi.columns.kind')}</TableCell>
                <TableCell>{t('therapyUi.columns.discipline')}</TableCell>
                <TableCell>{t('therapyUi.columns.assessor')}</TableCell>
                <TableCell>{t('therapyUi.columns.needLevel')}</TableCell>
                <TableCell>{t('therapyUi.columns.scores')}</TableCell>
                {canEdit ? (
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      {t('therapyUi.edit')}
                    </Box>
                  </TableCell>
                ) : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.map((a) => (
                <TableRow key={a.id}>
                  <TableCell sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>{formatLongDate(a.date)}</TableCell>
                  <TableCell>{t(`therapyUi.assessmentKinds.${a.kind}`)}</TableCell>
                  <TableCell>{disciplines.label(a.discipline)}</TableCell>
                  <TableCell>{a.assessorName}</TableCell>
                  <TableCell>
                    {a.needLevel ? (
                      t(`needLevels.${a.needLevel}`)
                    ) : (
                      <Typography component="span" variant="body2" color="text.secondary">
                        {t('therapyUi.notSet')}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <ScoresSummary assessment={a} />
                  </TableCell>
                  {canEdit ? (
                    <TableCell align="right">
                      <Tooltip title={t('therapyUi.assessment.editLabel', { date: formatLongDate(a.date) })}>
                        <IconButton
                          size="small"
                          aria-label={t('therapyUi.assessment.editLabel', { date: formatLongDate(a.date) })}
                          onClick={() => {
                            setNotice(null);
                            setEditing({ key: Date.now(), initial: assessmentToInput(a) });
                          }}
                        >
                          <EditOutlined fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {editing ? (
        <AssessmentDialog
          key={editing.key}
          initial={editing.initial}
          referral={linkedReferral}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setNotice(t('therapyUi.assessment.savedNotice', { pupil: pupil.name }));
          }}
        />
      ) : null}
    </Section>
  );
}

export default function PupilReferralsTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const role = info.user.role;
  if (!READERS.includes(role)) {
    return (
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography color="text.secondary">{t('therapyUi.profile.noAccess')}</Typography>
      </Paper>
    );
  }
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <ReferralsSection pupil={pupil} role={role} userName={info.user.displayName} />
      <AssessmentsSection pupil={pupil} role={role} userName={info.user.displayName} />
    </Box>
  );
}
