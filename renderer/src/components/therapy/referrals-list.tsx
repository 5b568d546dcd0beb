/**
 * A table of referrals with the moves each may make next (only the allowed ones), a drawer with a referral's
 * details and history, and the dialogs behind them. Used by the Referrals page (all pupils) and by the pupil
 * profile's "Referrals and assessments" tab (one pupil).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import type { ReferralRecord } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain';
import type { ReferralState } from '../../../../shared/therapy';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { AssessmentDialog, newAssessment } from './assessment-dialog';
import { MoveDialog } from './move-dialog';
import { ReferralDialog, referralToInput } from './referral-dialog';
import { ConsentChip, ReferralStateChip, sentenceCase } from './therapy-chips';
import { assessmentTiming, daysBetween, offeredMoves } from './therapy-model';
import { useDisciplines } from './use-disciplines';
import { visuallyHidden } from '../../lib/visually-hidden';

export const MOVERS: readonly Role[] = ['senco', 'therapy_lead'];
export const REFERRERS: readonly Role[] = ['senco', 'therapy_lead', 'therapist', 'teacher'];
const ASSESSORS: readonly Role[] = ['senco', 'therapy_lead', 'therapist'];

/** "today", "3 days ago", "5 weeks ago" */
export function agoText(from: string, today: string): string {
  const days = daysBetween(from, today);
  if (days <= 0) return translate('therapyUi.relative.today');
  if (days < 14) return translate('therapyUi.relative.daysAgo', { count: days });
  return translate('therapyUi.relative.weeksAgo', { count: Math.floor(days / 7) });
}

function inText(days: number): string {
  if (days === 0) return translate('therapyUi.relative.dueToday');
  if (days < 14) return translate('therapyUi.relative.inDays', { count: days });
  return translate('therapyUi.relative.inWeeks', { count: Math.floor(days / 7) });
}

function overdueText(days: number): string {
  if (days < 14) return translate('therapyUi.relative.overdueDays', { count: days });
  return translate('therapyUi.relative.overdueWeeks', { count: Math.floor(days / 7) });
}

/** The initial assessment's due date with a relative hint; overdue is red and says "overdue" (never colour alone). */
export function AssessmentDue({ referral, today }: { readonly referral: ReferralRecord; readonly today: string }) {
  const { t } = useTranslation();
  const timing = assessmentTiming(referral, today);
  switch (timing.kind) {
    case 'assessed':
      return (
        <Box>
          <Typography variant="body2">{t('therapyUi.timing.assessedOn', { date: formatLongDate(timing.date) })}</Typography>
          <Typography variant="caption" color="text.secondary">
            {timing.onTime ? t('therapyUi.timing.onTime') : t('therapyUi.timing.late')}
          </Typography>
        </Box>
      );
    case 'not_needed':
      return (
        <Typography variant="body2" color="text.secondary">
          {t('therapyUi.timing.notNeeded')}
        </Typography>
      );
    case 'overdue':
      return (
        <Box sx={{ color: 'error.main' }}>
          <Typography variant="body2" sx={{ display: 'flex', alignItems: 'center', gap: 0.5, fontWeight: 500 }}>
            <ErrorOutline sx={{ fontSize: 16 }} aria-hidden />
            {overdueText(timing.days)}
          </Typography>
          <Typography variant="caption">{t('therapyUi.timing.dueOn', { date: formatLongDate(timing.due) })}</Typography>
        </Box>
      );
    default:
      return (
        <Box>
          <Typography
            variant="body2"
            sx={{ fontWeight: timing.kind === 'due_soon' ? 500 : 400, color: timing.kind === 'due_soon' ? 'warning.main' : undefined }}
          >
            {t('therapyUi.timing.dueOn', { date: formatLongDate(timing.due) })}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {inText(timing.days)}
          </Typography>
        </Box>
      );
  }
}

/** The buttons for a referral's next moves. "Record assessment" opens the assessment form instead of a plain move. */
export function MoveButtons({
  referral,
  role,
  onMove,
  size = 'small',
}: {
  readonly referral: ReferralRecord;
  readonly role: Role;
  readonly onMove: (to: ReferralState) => void;
  readonly size?: 'small' | 'medium';
}) {
  const { t } = useTranslation();
  if (!MOVERS.includes(role)) return null;
  const moves = offeredMoves(referral.state).filter((to) => to !== 'assessed' || ASSESSORS.includes(role));
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
      {moves.map((to, i) => (
        <Button
          key={to}
          size={size}
          variant={i === 0 ? 'contained' : 'outlined'}
          color={to === 'declined' ? 'error' : 'primary'}
          onClick={() => onMove(to)}
          aria-label={t('therapyUi.moveAria', { action: t(`therapyUi.moves.${to}`), pupil: referral.pupilName })}
        >
          {t(`therapyUi.moves.${to}`)}
        </Button>
      ))}
    </Box>
  );
}

function DetailRow({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <Box sx={{ display: 'contents' }}>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}

function ReferralDrawer({
  referral,
  role,
  onClose,
  onMove,
  onEdit,
}: {
  readonly referral: ReferralRecord;
  readonly role: Role;
  readonly onClose: () => void;
  readonly onMove: (to: ReferralState) => void;
  readonly onEdit: () => void;
}) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const today = todayIso();
  const canEdit = REFERRERS.includes(role) && referral.state !== 'declined' && referral.state !== 'closed';
  return (
    // Above the shell's app bar (which sits over the permanent navigation), so the drawer's header is never hidden.
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      slotProps={{
        paper: { sx: { width: { xs: '100%', sm: 460 } }, role: 'dialog', 'aria-labelledby': 'referral-drawer-title' } as object,
      }}
    >
      <Box sx={{ p: 3, display: 'grid', gap: 2.5 }}>
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
          <Box sx={{ flex: 1 }}>
            <Typography variant="overline" color="text.secondary">
              {t('therapyUi.drawer.eyebrow')}
            </Typography>
            <Typography id="referral-drawer-title" variant="h2">
              {disciplines.label(referral.discipline)}
            </Typography>
            <Link component={RouterLink} to={`/pupils/${referral.pupilId}?tab=referrals`} onClick={onClose}>
              {referral.pupilName}
            </Link>
          </Box>
          <IconButton onClick={onClose} aria-label={t('therapyUi.drawer.close')}>
            <CloseOutlined />
          </IconButton>
        </Box>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <ReferralStateChip state={referral.state} />
          <ConsentChip status={referral.consentStatus} />
        </Box>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: '150px 1fr', rowGap: 1, columnGap: 2 }}>
          <DetailRow label={t('therapyUi.fields.referrer')}>
            {referral.referrerName} ({t(`therapyUi.referrerKinds.${referral.referrerKind}`)}
            {referral.laCategory ? ` · ${t(`therapyUi.laCategories.${referral.laCategory}`)}` : ''})
          </DetailRow>
          <DetailRow label={t('therapyUi.fields.receivedDate')}>
            {formatLongDate(referral.receivedDate)} ({agoText(referral.receivedDate, today)})
          </DetailRow>
          <DetailRow label={t('therapyUi.fields.initialAssessment')}>
            <AssessmentDue referral={referral} today={today} />
          </DetailRow>
          <DetailRow label={t('therapyUi.fields.consent')}>
            {referral.consentStatus === 'pending'
              ? t('therapyUi.consent.pendingLong')
              : t('therapyUi.consent.recorded', {
                  status: t(`therapyUi.consent.status.${referral.consentStatus}`),
                  by: referral.consentBy ?? '',
                  date: formatLongDate(referral.consentDate),
                })}
          </DetailRow>
          {referral.declinedReason ? <DetailRow label={t('therapyUi.fields.declinedReason')}>{referral.declinedReason}</DetailRow> : null}
        </Box>
        <Box>
          <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
            {t('therapyUi.referralForm.reason')}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{referral.reason}</Typography>
        </Box>
        {MOVERS.includes(role) && offeredMoves(referral.state).length > 0 ? (
          <Box>
            <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
              {t('therapyUi.drawer.next')}
            </Typography>
            <Box sx={{ display: 'flex' }}>
              <MoveButtons referral={referral} role={role} onMove={onMove} size="medium" />
            </Box>
            {referral.state === 'received' && referral.consentStatus !== 'given' ? (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {t('therapyUi.drawer.consentFirst')}
              </Typography>
            ) : null}
          </Box>
        ) : null}
        <Divider />
        <Box component="section" aria-labelledby="referral-history-heading">
          <Typography id="referral-history-heading" variant="h3" component="h3" sx={{ mb: 1.5 }}>
            {t('therapyUi.drawer.history')}
          </Typography>
          <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
            {referral.history.map((h, i) => (
              <Box component="li" key={`${h.to}-${h.date}-${i}`} sx={{ display: 'grid', gridTemplateColumns: '20px 1fr', columnGap: 1.5 }}>
                <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }} aria-hidden>
                  <Box
                    sx={{
                      width: 12,
                      height: 12,
                      mt: 0.5,
                      borderRadius: '50%',
                      bgcolor: i === referral.history.length - 1 ? 'primary.main' : 'background.paper',
                      border: 2,
                      borderColor: 'primary.main',
                    }}
                  />
                  {i < referral.history.length - 1 ? <Box sx={{ flex: 1, width: 2, bgcolor: 'divider', my: 0.5 }} /> : null}
                </Box>
                <Box sx={{ pb: 2 }}>
                  <Typography sx={{ fontWeight: 500 }}>
                    {h.from
                      ? t('therapyUi.drawer.moved', { from: t(`referralStates.${h.from}`), to: t(`referralStates.${h.to}`) })
                      : sentenceCase(t(`referralStates.${h.to}`))}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t('therapyUi.drawer.when', { date: formatLongDate(h.date), by: h.by })}
                  </Typography>
                  {h.reason ? (
                    <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
                      {h.reason}
                    </Typography>
                  ) : null}
                </Box>
              </Box>
            ))}
          </Box>
        </Box>
        {canEdit ? (
          <Box>
            <Button variant="outlined" startIcon={<EditOutlined />} onClick={onEdit}>
              {t('therapyUi.drawer.edit')}
            </Button>
          </Box>
        ) : null}
      </Box>
    </Drawer>
  );
}

type Open =
  | { readonly kind: 'move'; readonly referral: ReferralRecord; readonly to: ReferralState }
  | { readonly kind: 'assess'; readonly referral: ReferralRecord }
  | { readonly kind: 'edit'; readonly referral: ReferralRecord };

export function ReferralsList({
  referrals,
  role,
  userName,
  showPupil,
  labelledBy,
  onNotice,
}: {
  readonly referrals: readonly ReferralRecord[];
  /** Where to say what was done; without it the list shows its own message above the table. */
  readonly onNotice?: (message: string | null) => void;
  readonly role: Role;
  readonly userName: string;
  readonly showPupil: boolean;
  readonly labelledBy: string;
}) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const today = todayIso();
  const [drawerId, setDrawerId] = useState<string | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [ownNotice, setOwnNotice] = useState<string | null>(null);
  const notice = onNotice ? null : ownNotice;
  const setNotice = onNotice ?? setOwnNotice;
  const drawer = drawerId ? (referrals.find((r) => r.id === drawerId) ?? null) : null;

  const startMove = (referral: ReferralRecord, to: ReferralState) => {
    setNotice(null);
    setOpen(to === 'assessed' ? { kind: 'assess', referral } : { kind: 'move', referral, to });
  };

  return (
    <>
      {notice ? (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setNotice(null)} role="status">
          {notice}
        </Alert>
      ) : null}
      <TableContainer>
        <Table
          size="small"
          aria-labelledby={labelledBy}
          data-testid="referrals-table"
          sx={{ '& th': { verticalAlign: 'bottom' }, '& th, & td': { px: 1 } }}
        >
          <TableHead>
            <TableRow>
              {showPupil ? <TableCell>{t('therapyUi.columns.pupil')}</TableCell> : null}
              <TableCell>{t('therapyUi.columns.discipline')}</TableCell>
              <TableCell>{t('therapyUi.columns.referrer')}</TableCell>
              <TableCell>{t('therapyUi.columns.received')}</TableCell>
              <TableCell>{t('therapyUi.columns.consent')}</TableCell>
              <TableCell>{t('therapyUi.columns.state')}</TableCell>
              <TableCell>{t('therapyUi.columns.initialAssessment')}</TableCell>
              <TableCell align="right">
                <Box component="span" sx={visuallyHidden}>
                  {t('therapyUi.columns.actions')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {referrals.map((r) => (
              <TableRow key={r.id} hover data-testid={`referral-row-${r.id}`}>
                {showPupil ? (
                  <TableCell sx={{ fontWeight: 500 }}>
                    <Link component={RouterLink} to={`/pupils/${r.pupilId}?tab=referrals`}>
                      {r.pupilName}
                    </Link>
                  </TableCell>
                ) : null}
                <TableCell>{disciplines.label(r.discipline)}</TableCell>
                <TableCell>
                  <Typography variant="body2">{r.referrerName}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {t(`therapyUi.referrerKinds.${r.referrerKind}`)}
                  </Typography>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Typography variant="body2">{formatLongDate(r.receivedDate)}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {agoText(r.receivedDate, today)}
                  </Typography>
                </TableCell>
                <TableCell>
                  <ConsentChip status={r.consentStatus} />
                </TableCell>
                <TableCell>
                  <ReferralStateChip state={r.state} />
                </TableCell>
                <TableCell sx={{ minWidth: 150 }}>
                  <AssessmentDue referral={r} today={today} />
                </TableCell>
                <TableCell align="right">
                  <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', alignItems: 'center', flexWrap: 'wrap' }}>
                    <MoveButtons referral={r} role={role} onMove={(to) => startMove(r, to)} />
                    <Button
                      size="small"
                      onClick={() => setDrawerId(r.id)}
                      aria-label={t('therapyUi.detailsAria', { pupil: r.pupilName, discipline: disciplines.label(r.discipline) })}
                    >
                      {t('therapyUi.details')}
                    </Button>
                  </Box>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {drawer && !open ? (
        <ReferralDrawer
          referral={drawer}
          role={role}
          onClose={() => setDrawerId(null)}
          onMove={(to) => startMove(drawer, to)}
          onEdit={() => setOpen({ kind: 'edit', referral: drawer })}
        />
      ) : null}
      {open?.kind === 'move' ? (
        <MoveDialog
          referral={open.referral}
          to={open.to}
          onClose={(moved) => {
            setOpen(null);
            if (moved) setNotice(t('therapyUi.movedNotice', { pupil: moved.pupilName, state: t(`referralStates.${moved.state}`) }));
          }}
        />
      ) : null}
      {open?.kind === 'assess' ? (
        <AssessmentDialog
          initial={newAssessment(open.referral.pupilId, userName, open.referral)}
          referral={open.referral}
          onClose={(saved) => {
            const pupil = open.referral.pupilName;
            setOpen(null);
            if (saved) setNotice(t('therapyUi.assessment.savedNotice', { pupil }));
          }}
        />
      ) : null}
      {open?.kind === 'edit' ? (
        <ReferralDialog
          initial={referralToInput(open.referral)}
          pupil={{ id: open.referral.pupilId, name: open.referral.pupilName, detail: translate('therapyUi.pupilPicker.fixed') }}
          onClose={(saved) => {
            setOpen(null);
            if (saved) setNotice(t('therapyUi.referralForm.savedNotice', { pupil: saved.pupilName }));
          }}
        />
      ) : null}
    </>
  );
}
