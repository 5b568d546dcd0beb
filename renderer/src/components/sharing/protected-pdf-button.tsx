/**
 * "Export protected PDF": the review pack as an AES-256 password-protected PDF for another organisation, with the
 * lawful basis recorded in the sharing log. Sits beside the ordinary pack download (reviews/pack-button.tsx).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import type { Article6Basis, Article9Condition, SharingRecord } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { saveBlob } from '../register/download';
import { pdfFileName } from '../reviews/review-model';
import { ExportDoneDialog, ExportFormDialog } from './export-dialog';
import { BasisSection, NoteField, OrganisationField, SecretFields } from './share-fields';
import { DEFAULT_BASIS, base64ToBytes, checkSecret, formatBytes, type FieldErrors } from './sharing-model';
import { useExportForm } from './use-export-form';

type PdfField = 'organisation' | 'password' | 'confirm' | 'note';
const FIELD_IDS: Readonly<Record<PdfField, string>> = {
  organisation: 'pdf-organisation',
  password: 'pdf-secret',
  confirm: 'pdf-confirm',
  note: 'pdf-note',
};
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

export function ProtectedPdfButton({
  reviewId,
  size = 'medium',
  label,
}: {
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
  const initial: PdfForm = { organisation: '', ...DEFAULT_BASIS, password: '', confirm: '', note: '' };
  const { form, errors, summary, items, busy, change, passes, send, refused } = useExportForm<PdfForm, PdfField>(
    initial,
    FIELD_IDS,
    FIELD_ORDER,
  );
  const [done, setDone] = useState<{ readonly record: SharingRecord; readonly bytes: Uint8Array<ArrayBuffer> } | null>(null);

  const submit = async () => {
    const errs: FieldErrors<PdfField> = {};
    if (form.organisation.trim() === '') errs.organisation = t('sharingUi.share.organisationNeeded');
    const secret = checkSecret(form.password, form.confirm, {
      mismatch: t('sharingUi.pdf.mismatch'),
      confirmNeeded: t('sharingUi.pdf.confirmNeeded'),
    });
    if (secret.secret) errs.password = secret.secret;
    if (secret.confirm) errs.confirm = secret.confirm;
    if (!passes(errs, t('sharingUi.share.checkForm'))) return;
    const result = await send(() =>
      invoke('exports.reviewPackPdf', {
        reviewId,
        organisation: form.organisation.trim(),
        basis: { article6: form.article6, article9: form.article9 },
        password: form.password,
        note: form.note.trim() === '' ? null : form.note.trim(),
      }),
    );
    if (!result.ok) {
      refused(result.error, ['organisation', 'password', 'note'], t('sharingUi.share.checkForm'));
      return;
    }
    const bytes = base64ToBytes(result.value.fileBase64);
    savePdf(result.value.record, bytes);
    setDone({ record: result.value.record, bytes });
  };

  const title = t('sharingUi.pdf.title');
  if (done) {
    return (
      <ExportDoneDialog idPrefix="pdf" title={title} onClose={onClose} onSaveAgain={() => savePdf(done.record, done.bytes)}>
        <Alert severity="success" role="status" data-testid="pdf-done">
          <AlertTitle>{t('sharingUi.pdf.doneTitle', { file: pdfFileName(done.record.fileName) })}</AlertTitle>
          {t('sharingUi.pdf.doneBody', { organisation: done.record.organisation })}
        </Alert>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {t('sharingUi.log.fileLine', { file: pdfFileName(done.record.fileName), size: formatBytes(done.record.bytes) })}
        </Typography>
      </ExportDoneDialog>
    );
  }

  return (
    <ExportFormDialog
      idPrefix="pdf"
      title={title}
      intro={t('sharingUi.pdf.intro')}
      summary={summary}
      items={items}
      busy={busy}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sharingUi.pdf.submit')}
      busyLabel={t('sharingUi.pdf.working')}
      icon={<LockOutlined />}
    >
      <OrganisationField
        id={FIELD_IDS.organisation}
        value={form.organisation}
        error={errors.organisation}
        disabled={busy}
        onChange={(organisation) => change({ organisation }, ['organisation'])}
      />
      <BasisSection idPrefix="pdf" article6={form.article6} article9={form.article9} disabled={busy} onChange={(p) => change(p, [])} />
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
      <NoteField
        id={FIELD_IDS.note}
        value={form.note}
        error={errors.note}
        disabled={busy}
        onChange={(note) => change({ note }, ['note'])}
      />
    </ExportFormDialog>
  );
}
