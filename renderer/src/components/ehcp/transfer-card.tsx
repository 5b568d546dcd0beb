/**
 * The pupil's phase transfer on their EHC plan page (SEND Regulations 2014 reg. 18): the kind of move, its date and
 * the next school if known, with the deadline that follows (15 February of the year of the move; 31 March from
 * secondary school to post-16) and the latest date for the annual review. The SENCo records, changes or removes
 * it; everyone who can read the plan sees it. The clocks read this record, not the year group.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import SchoolOutlined from '@mui/icons-material/SchoolOutlined';
import { transferInput, type PhaseTransfer } from '../../../../shared/contract';
import { PHASE_TRANSFER_KINDS } from '../../../../shared/clock-types';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { Loading, QueryError } from '../status';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { qk } from '../../lib/query-keys';

type TransferIn = z.input<typeof transferInput>;
type TransferOut = z.output<typeof transferInput>;

function TransferDialog({ initial, onClose }: { readonly initial: TransferIn; readonly onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<TransferIn, unknown, TransferOut>({
    resolver: zodResolver(transferInput),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3); closing with changes asks first.
  const draft = useFormDraft(form, { draftKey: `ehcp.transfer:${initial.pupilId}`, pupilId: initial.pupilId });
  const guard = useCloseGuard({ draft, onClose: () => onClose(false), title: t('transfers.card.dialogTitle') });
  const onSubmit = handleSubmit(async (values) => {
    setSummary(null);
    const result = await invoke('ehcp.transfer.record', values);
    if (result.ok) {
      void draft.saved();
      queryClient.setQueryData(qk('ehcp.transfer.get', initial.pupilId), result.value);
      onClose(true);
      return;
    }
    // Keep what was typed; each message beside its field, the rest at the top.
    const { fields, other } = splitServerErrors(result.error, (p) => hasPath(initial, p) && p !== 'pupilId');
    for (const [p, m] of fields) setError(p as keyof TransferIn, { type: 'server', message: m });
    setSummary([fields.length ? t('errors.invalidInput') : result.error.message, ...other].join(' '));
  });
  const kindOptions = PHASE_TRANSFER_KINDS.map((k) => ({ value: k, label: translate(`transfers.kinds.${k}`) }));
  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="sm" aria-labelledby="transfer-dialog-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="transfer-dialog-title">{t('transfers.card.dialogTitle')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
            <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            <Typography variant="body2" color="text.secondary">
              {t('transfers.card.intro')}
            </Typography>
            <FormSelect control={control} name="kind" label={t('transfers.card.kind')} required options={kindOptions} />
            <FormDate
              control={control}
              name="transferDate"
              label={t('transfers.card.transferDate')}
              required
              helperText={t('transfers.card.transferDateHelp')}
            />
            <FormText
              control={control}
              name="nextSetting"
              nullable
              label={t('transfers.card.nextSetting')}
              helperText={t('transfers.card.nextSettingHelp')}
              autoComplete="off"
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={guard.requestClose}>{t('transfers.card.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('transfers.card.save')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}

export function TransferCard({ pupilId, canEdit }: { readonly pupilId: string; readonly canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ key: number; initial: TransferIn } | null>(null);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const query = useQuery({ queryKey: qk('ehcp.transfer.get', pupilId), queryFn: () => call('ehcp.transfer.get', { pupilId }) });
  const transfer: PhaseTransfer | null = query.data ?? null;

  const open = () => {
    setMessage(null);
    setEditing({
      key: Date.now(),
      initial: transfer
        ? { pupilId, kind: transfer.kind, transferDate: transfer.transferDate, nextSetting: transfer.nextSetting }
        : { pupilId, kind: undefined as unknown as TransferIn['kind'], transferDate: '', nextSetting: null },
    });
  };
  const clear = async () => {
    setBusy(true);
    setMessage(null);
    const result = await invoke('ehcp.transfer.clear', { pupilId });
    setBusy(false);
    if (!result.ok) {
      setMessage({ severity: 'error', text: result.error.message });
      return;
    }
    queryClient.setQueryData(qk('ehcp.transfer.get', pupilId), null);
    setMessage({ severity: 'success', text: t('transfers.card.cleared') });
  };

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="transfer-heading"
      sx={{ p: { xs: 2, md: 2.5 }, mb: 2 }}
      data-testid="transfer-card"
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <SchoolOutlined color="primary" aria-hidden sx={{ mt: 0.25 }} />
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography id="transfer-heading" variant="h2" sx={{ fontSize: '1.2rem' }}>
            {t('transfers.card.title')}
          </Typography>
          {query.isPending ? (
            <Loading />
          ) : query.error ? (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          ) : transfer ? (
            <Box data-testid="transfer-summary">
              <Typography sx={{ fontWeight: 500 }}>
                {t('transfers.move', {
                  kind: t(`transfers.kinds.${transfer.kind}`),
                  transferDate: transfer.transferDate,
                  next: transfer.nextSetting ? t('transfers.noteNext', { name: transfer.nextSetting }) : '',
                })}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t('transfers.card.deadline', { deadline: transfer.deadline })}{' '}
                {t('transfers.card.latestReview', { date: transfer.latestReview })}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {t('transfers.card.recordedBy', { name: transfer.recordedBy, date: transfer.updatedAt.slice(0, 10) })}
              </Typography>
            </Box>
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t('transfers.card.none')}
            </Typography>
          )}
        </Box>
        {canEdit && !query.isPending && !query.error ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="outlined" onClick={open}>
              {transfer ? t('transfers.card.change') : t('transfers.card.record')}
            </Button>
            {transfer ? (
              <Button color="inherit" onClick={() => void clear()} disabled={busy}>
                {t('transfers.card.clear')}
              </Button>
            ) : null}
          </Box>
        ) : null}
      </Box>
      {message ? (
        <Alert
          severity={message.severity}
          sx={{ mt: 1.5 }}
          onClose={() => setMessage(null)}
          role={message.severity === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </Alert>
      ) : null}
      {editing ? (
        <TransferDialog
          key={editing.key}
          initial={editing.initial}
          onClose={(ok) => {
            setEditing(null);
            if (ok) setMessage({ severity: 'success', text: translate('transfers.card.saved') });
          }}
        />
      ) : null}
    </Paper>
  );
}
