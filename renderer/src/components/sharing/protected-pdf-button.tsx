/**
 * "Export protected PDF": the review pack as an AES-256 password-protected PDF for another organisation, with the
 * lawful basis recorded in the sharing log. Sits beside the ordinary pack download (reviews/pack-button.tsx).
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import type { Article6Basis, Article9Condition, SharingRecord } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { saveBlob } from '../register/download';
import { pdfFileName } from '../reviews/review-model';
import { BasisFields, SecretFields } from './share-fields';
import { DEFAULT_BASIS, base64ToBytes, checkSecret, formatBytes, splitFieldErrors, type FieldErrors } from './sharing-model';

type PdfField = 'organisation' | 'password' | 'confirm' | 'note';
const FIELD_IDS: Readonly<Record<PdfField, string>> = { organisation: 'pdf-organisation', password: 'pdf-secret', confirm: 'pdf-confirm', note: 'pdf-note' };
const FIELD_ORDER: readonly PdfField[] = ['organisation', 'password', 'confirm', 'note'];

interface PdfForm {
  readonly organisation: string;
  readonly article6: Article6Basis;
  readonly article9: Article9Condition;
  readonly password: string;
  readonly confirm: string;
  readonly note: string;
}

function savePdf(record: SharingRecord, bytes: Uint8Array<ArrayBuffer>): void {
  saveBlob(pdfFileName(record.fileName), new Blob([bytes], { type: 'application/pdf' }));
}

export function ProtectedPdfButton({ reviewId, size = 'medium', label }: {
  readonly reviewId: string;
  readonly size?: 'small' | 'medium';
  /** An accessible name naming the review, where several share a screen. */
  readonly label?: string;
}) {
  const { t } = useTranslation();
  const allowed = useCan('exports.reviewPackPdf');
  const [open, setOpen] = useState<number | null>(null);
  if (!allowed) return null;
  return (
    <>
      <Button
        variant="outlined"
        size={size}
        startIcon={<LockOutlined />}
        onClick={() => setOpen(Date.now())}
        aria-label={label}
        data-testid="protected-pdf-button"
        sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        {t('sharingUi.pdf.button')}
      </Button>
      {open !== null ? <ProtectedPdfDialog key={open} reviewId={reviewId} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

export function ProtectedPdfDialog({ reviewId, onClose }: { readonly reviewId: string; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<PdfForm>({ organisation: '', ...DEFAULT_BASIS, password: '', confirm: '', note: '' });
  const [errors, setErrors] = useState<FieldErrors<PdfField>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ readonly record: SharingRecord; readonly bytes: Uint8Array<ArrayBuffer> } | null>(null);

  const change = (patch: Partial<PdfForm>, clear: readonly PdfField[]) => {
    setForm((f) => ({ ...f, ...patch }));
    if (clear.some((c) => errors[c])) {
      const left = Object.fromEntries(Object.entries(errors).filter(([k]) => !clear.includes(k as PdfField)));
      setErrors(left);
      // Every message answered: the summary at the top has nothing left to point to.
      if (Object.keys(left).length === 0) setSummary(null);
    }
  };
  const focusFirst = (errs: FieldErrors<PdfField>) => {
    const first = FIELD_ORDER.find((f) => errs[f]);
    if (first) window.setTimeout(() => document.getElementById(FIELD_IDS[first])?.focus(), 0);
  };

  const submit = async () => {
    const errs: FieldErrors<PdfField> = {};
    if (form.organisation.trim() === '') errs.organisation = t('sharingUi.share.organisationNeeded');
    const secret = checkSecret(form.password, form.confirm, { mismatch: t('sharingUi.pdf.mismatch'), confirmNeeded: t('sharingUi.pdf.confirmNeeded') });
    if (secret.secret) errs.password = secret.secret;
    if (secret.confirm) errs.confirm = secret.confirm;
    setErrors(errs);
    if (Object.keys(errs).length) {
      setSummary(t('sharingUi.share.checkForm'));
      focusFirst(errs);
      return;
    }
    setSummary(null);
    setBusy(true);
    const result = await invoke('exports.reviewPackPdf', {
      reviewId,
      organisation: form.organisation.trim(),
      basis: { article6: form.article6, article9: form.article9 },
      password: form.password,
      note: form.note.trim() === '' ? null : form.note.trim(),
    });
    setBusy(false);
    if (!result.ok) {
      const split = splitFieldErrors<PdfField>(result.error.fields, ['organisation', 'password', 'note']);
      setErrors(split.fields);
      setSummary([Object.keys(split.fields).length ? t('sharingUi.share.checkForm') : result.error.message, ...split.other].join(' '));
      focusFirst(split.fields);
      return;
    }
    const bytes = base64ToBytes(result.value.fileBase64);
    savePdf(result.value.record, bytes);
    setDone({ record: result.value.record, bytes });
    void queryClient.invalidateQueries({ queryKey: ['exports.log'] });
  };

  const title = t('sharingUi.pdf.title');
  if (done) {
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="pdf-dialog-title">
        <DialogTitle id="pdf-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Alert severity="success" role="status" data-testid="pdf-done">
            <AlertTitle>{t('sharingUi.pdf.doneTitle', { file: pdfFileName(done.record.fileName) })}</AlertTitle>
            {t('sharingUi.pdf.doneBody', { organisation: done.record.organisation })}
          </Alert>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            {t('sharingUi.log.fileLine', { file: pdfFileName(done.record.fileName), size: formatBytes(done.record.bytes) })}
          </Typography>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => savePdf(done.record, done.bytes)}>{t('sharingUi.share.saveAgain')}</Button>
          <Button variant="contained" onClick={onClose}>
            {t('sharingUi.close')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="pdf-dialog-title" data-testid="pdf-dialog">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id="pdf-dialog-title">{title}</DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 3 }}>
          <Typography color="text.secondary">{t('sharingUi.pdf.intro')}</Typography>
          {summary ? (
            <Alert severity="error" role="alert">
              {summary}
            </Alert>
          ) : null}
          <TextField
            id={FIELD_IDS.organisation}
            label={t('sharingUi.share.organisation')}
            value={form.organisation}
            required
            disabled={busy}
            onChange={(e) => change({ organisation: e.target.value }, ['organisation'])}
            error={!!errors.organisation}
            helperText={errors.organisation ?? t('sharingUi.share.organisationHelp')}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
          <Box component="section" aria-labelledby="pdf-basis-heading" sx={{ display: 'grid', gap: 1.5 }}>
            <Typography id="pdf-basis-heading" variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600 }}>
              {t('sharingUi.share.basisHeading')}
            </Typography>
            <BasisFields article6={form.article6} article9={form.article9} disabled={busy} onChange={(p) => change(p, [])} />
          </Box>
          <SecretFields
            idPrefix="pdf"
            words={{
              label: t('sharingUi.pdf.password'),
              help: t('sharingUi.pdf.passwordHelp'),
              confirmLabel: t('sharingUi.pdf.confirmPassword'),
              show: t('sharingUi.pdf.show'),
              hide: t('sharingUi.pdf.hide'),
            }}
            value={form.password}
            confirm={form.confirm}
            errors={{ secret: errors.password, confirm: errors.confirm }}
            disabled={busy}
            onChange={(password, confirm) => change({ password, confirm }, ['password', 'confirm'])}
          />
          <TextField
            id={FIELD_IDS.note}
            label={t('sharingUi.share.note')}
            value={form.note}
            disabled={busy}
            multiline
            minRows={2}
            onChange={(e) => change({ note: e.target.value }, ['note'])}
            error={!!errors.note}
            helperText={errors.note ?? t('sharingUi.share.noteHelp')}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={busy}>
            {t('sharingUi.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={busy} startIcon={busy ? <CircularProgress size={16} aria-hidden /> : <LockOutlined />}>
            {busy ? t('sharingUi.pdf.working') : t('sharingUi.pdf.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
