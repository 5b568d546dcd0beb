/**
 * "Move to another school of the trust" (pupil profile; issue 16, item 5): on a trust's server, the SENCo of the
 * school a pupil leaves moves their whole record to the school they join (pupils.moveSchool: audited, no export).
 * Shown only where the server holds more than one school. From today: the leaving school's therapists' allocations
 * end yesterday, the pupil leaves its sessions from today on, and the record is no longer this school's to open.
 */
import { useId, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import MoveUpOutlined from '@mui/icons-material/MoveUpOutlined';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import type { SchoolMove } from '../../../../shared/contract';
import { ApiError, call } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { FormDialog } from '../form-dialog';
import { qk } from '../../lib/query-keys';

export function MoveSchoolButton({ pupil }: { readonly pupil: { readonly id: string; readonly name: string } }) {
  const { t } = useTranslation();
  const allowed = useCan('pupils.moveSchool');
  const schools = useQuery({ queryKey: qk('trust.schools.list'), queryFn: () => call('trust.schools.list', {}), enabled: allowed });
  const [open, setOpen] = useState<number | null>(null);
  const others = (schools.data ?? []).filter((s) => !s.own);
  if (!allowed || others.length === 0) return null;
  return (
    <>
      <Button variant="outlined" startIcon={<MoveUpOutlined />} onClick={() => setOpen(Date.now())} sx={{ bgcolor: 'background.paper' }}>
        {t('tenancyUi.move.button')}
      </Button>
      {open !== null ? <MoveSchoolDialog key={open} pupil={pupil} schools={others} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function MoveSchoolDialog({
  pupil,
  schools,
  onClose,
}: {
  readonly pupil: { readonly id: string; readonly name: string };
  readonly schools: readonly { readonly id: string; readonly name: string }[];
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const queryClient = useQueryClient();
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SchoolMove | null>(null);
  const today = todayIso();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!to) {
      setFieldError(t('tenancyUi.move.chooseSchool'));
      setError(t('tenancyUi.move.chooseSchool'));
      return;
    }
    setBusy(true);
    try {
      const moved = await call('pupils.moveSchool', { pupilId: pupil.id, toSchoolId: to, date: today });
      // The record is no longer this school's: forget what the screens had of it.
      await queryClient.invalidateQueries();
      setDone(moved);
    } catch (err) {
      const message = err instanceof ApiError ? (err.error.fields?.toSchoolId ?? err.message) : String(err);
      setError(message);
      setFieldError(err instanceof ApiError ? (err.error.fields?.toSchoolId ?? null) : null);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{t('tenancyUi.move.doneTitle')}</DialogTitle>
        <DialogContent>
          <Alert severity="success" role="status">
            <AlertTitle>{t('tenancyUi.move.done', { pupil: pupil.name, school: done.to.name })}</AlertTitle>
            {t('tenancyUi.move.doneBody', { allocations: done.allocationsEnded, sessions: done.futureSessionsLeft })}
          </Alert>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button component={RouterLink} to="/pupils" variant="contained">
            {t('tenancyUi.move.back')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }
  return (
    <FormDialog
      titleId={titleId}
      title={t('tenancyUi.move.title', { pupil: pupil.name })}
      intro={t('tenancyUi.move.intro', { date: formatLongDate(today) })}
      maxWidth="sm"
      gap={2}
      summary={error}
      onSubmit={submit}
      onCancel={onClose}
      cancelLabel={t('tenancyUi.move.cancel')}
      submitLabel={t('tenancyUi.move.submit')}
      submitting={busy}
    >
      <TextField
        id="move-school-to"
        select
        required
        label={t('tenancyUi.move.to')}
        value={to}
        onChange={(e) => {
          setTo(e.target.value);
          setFieldError(null);
        }}
        error={fieldError !== null}
        helperText={fieldError ?? t('tenancyUi.move.toHelp')}
      >
        {schools.map((s) => (
          <MenuItem key={s.id} value={s.id}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
}
