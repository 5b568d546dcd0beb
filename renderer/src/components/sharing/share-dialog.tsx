/**
 * "Share with an agency" (pupil profile): choose the organisation, only the sections they need, the lawful basis,
 * and how to lock the file. The default is a password-protected PDF (AES-256), which any PDF reader opens on a
 * locked-down council or NHS laptop: the core makes a strong password, and this dialog shows it once, after the file
 * is saved, to be given separately (it is kept nowhere). Or an .age package, locked with a passphrase given by phone
 * or the agency's age public key, for a recipient with the age tool or another SENCo Desk. Every share is recorded in
 * the sharing log; the file downloads and the dialog says how the agency opens it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ShareOutlined from '@mui/icons-material/ShareOutlined';
import { EXPORT_SECTIONS, type ExportSection, type SharingRecord } from '../../../../shared/contract';
import { LongWorkProgress, useLongWork } from '../long-work/long-work';
import { useCan } from '../../auth/use-can';
import { saveBlob } from '../register/download';
import { ExportDoneDialog, ExportFormDialog } from './export-dialog';
import { BasisSection, NoteField, OrganisationField, SecretFields } from './share-fields';
import {
  EMPTY_SHARE_FORM,
  ageCommand,
  base64ToBytes,
  checkShareForm,
  formatBytes,
  sectionLabel,
  shareInput,
  type LockMethod,
  type ShareField,
  type ShareForm,
} from './sharing-model';
import { useExportForm } from './use-export-form';
import { visuallyHidden } from '../../lib/visually-hidden';

const FIELD_IDS: Readonly<Record<ShareField, string>> = {
  organisation: 'share-organisation',
  sections: 'share-section-details',
  passphrase: 'share-secret',
  confirm: 'share-confirm',
  recipient: 'share-recipient',
  note: 'share-note',
};
const FIELD_ORDER: readonly ShareField[] = ['organisation', 'sections', 'passphrase', 'confirm', 'recipient', 'note'];

function savePackage(record: SharingRecord, bytes: Uint8Array<ArrayBuffer>): void {
  saveBlob(
    record.fileName,
    new Blob([bytes], { type: record.format === 'protected_pdf' ? 'application/pdf' : 'application/octet-stream' }),
  );
}

/** The password, in a large monospaced box, its words apart so it can be read out. */
function PasswordBox({ password }: { readonly password: string }) {
  return (
    <Box
      component="p"
      data-testid="share-password"
      sx={{
        m: 0,
        mb: 1.5,
        p: 1.5,
        fontSize: '1.375rem',
        letterSpacing: '0.02em',
        wordSpacing: '0.4em',
        bgcolor: 'grey.100',
        border: 2,
        borderColor: 'primary.main',
        borderRadius: 1,
        fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
        overflowWrap: 'anywhere',
      }}
    >
      {password}
    </Box>
  );
}

/** The button for the profile's header; nothing for roles that may not export. */
export function ShareWithAgencyButton({ pupil }: { readonly pupil: { readonly id: string; readonly name: string } }) {
  const { t } = useTranslation();
  const allowed = useCan('exports.create');
  const [open, setOpen] = useState<number | null>(null);
  if (!allowed) return null;
  return (
    <>
      <Button variant="outlined" startIcon={<ShareOutlined />} onClick={() => setOpen(Date.now())} sx={{ bgcolor: 'background.paper' }}>
        {t('sharingUi.share.button')}
      </Button>
      {open !== null ? <ShareDialog key={open} pupil={pupil} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

export function ShareDialog({
  pupil,
  onClose,
}: {
  readonly pupil: { readonly id: string; readonly name: string };
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const { form, errors, summary, items, busy, change, passes, send, refused } = useExportForm<ShareForm, ShareField>(
    EMPTY_SHARE_FORM,
    FIELD_IDS,
    FIELD_ORDER,
  );
  // The password of a protected PDF lives only here, in memory, until the dialog closes.
  const [done, setDone] = useState<{
    readonly record: SharingRecord;
    readonly bytes: Uint8Array<ArrayBuffer>;
    readonly password: string | null;
  } | null>(null);
  // Long work: a progress bar with Cancel while the core gathers, builds and seals the package (cancelled: nothing saved, nothing logged).
  const work = useLongWork();

  const toggleSection = (s: ExportSection, on: boolean) =>
    change({ sections: on ? [...form.sections, s] : form.sections.filter((x) => x !== s) }, ['sections']);

  const submit = async () => {
    if (!passes(checkShareForm(form), t('sharingUi.share.checkForm'))) return;
    const result = await send(() => work.run('exports.create', shareInput(pupil.id, form)));
    if (!result.ok) {
      refused(result.error, ['organisation', 'sections', 'passphrase', 'recipient', 'note'], t('sharingUi.share.checkForm'));
      return;
    }
    const bytes = base64ToBytes(result.value.fileBase64);
    savePackage(result.value.record, bytes);
    setDone({ record: result.value.record, bytes, password: result.value.password });
  };

  const title = t('sharingUi.share.title', { name: pupil.name });
  if (done && done.record.format === 'protected_pdf') {
    const { record } = done;
    return (
      <ExportDoneDialog idPrefix="share" title={title} onClose={onClose} onSaveAgain={() => savePackage(record, done.bytes)}>
        <Alert severity="success" role="status" sx={{ mb: 2 }} data-testid="share-done">
          <AlertTitle>{t('sharingUi.share.doneTitle', { file: record.fileName })}</AlertTitle>
          {t('sharingUi.share.pdfDoneBody', { organisation: record.organisation })}
        </Alert>
        {done.password !== null ? (
          <Box component="section" aria-labelledby="share-password-heading">
            <Typography id="share-password-heading" variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600, mb: 1 }}>
              {t('sharingUi.share.passwordHeading')}
            </Typography>
            <PasswordBox password={done.password} />
            <Alert severity="warning" data-testid="share-password-once">
              {t('sharingUi.share.passwordOnce')}
            </Alert>
          </Box>
        ) : null}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {t('sharingUi.log.fileLine', { file: record.fileName, size: formatBytes(record.bytes) })}
        </Typography>
      </ExportDoneDialog>
    );
  }
  if (done) {
    const { record } = done;
    return (
      <ExportDoneDialog idPrefix="share" title={title} onClose={onClose} onSaveAgain={() => savePackage(record, done.bytes)}>
        <Alert severity="success" role="status" sx={{ mb: 2 }} data-testid="share-done">
          <AlertTitle>{t('sharingUi.share.doneTitle', { file: record.fileName })}</AlertTitle>
          {t('sharingUi.share.doneBody', { organisation: record.organisation })}
        </Alert>
        <Typography variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600, mb: 1 }}>
          {t('sharingUi.share.howToOpen')}
        </Typography>
        <Typography sx={{ mb: 1 }}>
          {record.lockedWith === 'public_key' ? t('sharingUi.share.howToOpenKey') : t('sharingUi.share.howToOpenPassphrase')}
        </Typography>
        <Box
          component="pre"
          data-testid="age-command"
          sx={{
            m: 0,
            mb: 1,
            p: 1.5,
            bgcolor: 'grey.100',
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
          }}
        >
          {ageCommand(record.fileName, record.lockedWith)}
        </Box>
        <Typography sx={{ mb: 2 }}>{t('sharingUi.share.howToOpenAfter')}</Typography>
        {record.lockedWith === 'passphrase' ? <Alert severity="warning">{t('sharingUi.share.phoneReminder')}</Alert> : null}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {t('sharingUi.log.fileLine', { file: record.fileName, size: formatBytes(record.bytes) })}
        </Typography>
      </ExportDoneDialog>
    );
  }

  const sectionsHelpId = 'share-sections-help';
  return (
    <ExportFormDialog
      idPrefix="share"
      title={title}
      intro={t('sharingUi.share.intro')}
      summary={summary}
      items={items}
      summaryTestId="share-summary"
      busy={busy}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sharingUi.share.submit')}
      busyLabel={t('sharingUi.share.working')}
      icon={<ShareOutlined />}
    >
      <OrganisationField
        id={FIELD_IDS.organisation}
        value={form.organisation}
        error={errors.organisation}
        disabled={busy}
        onChange={(organisation) => change({ organisation }, ['organisation'])}
      />

      <FormControl component="fieldset" error={!!errors.sections} disabled={busy}>
        <FormLabel component="legend" sx={{ fontWeight: 600, color: 'text.primary' }}>
          {t('sharingUi.share.sections')}
        </FormLabel>
        <Typography id={sectionsHelpId} variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('sharingUi.share.sectionsHelp')}
        </Typography>
        <FormGroup
          sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}
          aria-describedby={sectionsHelpId}
        >
          {EXPORT_SECTIONS.map((s) => (
            <FormControlLabel
              key={s}
              label={sectionLabel(s)}
              control={
                <Checkbox
                  id={`share-section-${s}`}
                  checked={form.sections.includes(s)}
                  onChange={(e) => toggleSection(s, e.target.checked)}
                />
              }
            />
          ))}
        </FormGroup>
        {errors.sections ? <FormHelperText data-testid="sections-error">{errors.sections}</FormHelperText> : null}
      </FormControl>

      <BasisSection idPrefix="share" article6={form.article6} article9={form.article9} disabled={busy} onChange={(p) => change(p, [])} />

      <Box component="section" aria-labelledby="share-lock-heading" sx={{ display: 'grid', gap: 1.5 }}>
        <Typography id="share-lock-heading" variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600 }}>
          {t('sharingUi.share.lockHeading')}
        </Typography>
        <FormControl component="fieldset" disabled={busy}>
          <FormLabel component="legend" sx={visuallyHidden}>
            {t('sharingUi.share.lockLabel')}
          </FormLabel>
          <RadioGroup
            value={form.lock}
            onChange={(e) => change({ lock: e.target.value as LockMethod }, ['passphrase', 'confirm', 'recipient'])}
          >
            <FormControlLabel value="pdf" control={<Radio />} label={t('sharingUi.share.byPdf')} />
            <FormControlLabel value="passphrase" control={<Radio />} label={t('sharingUi.share.byPassphrase')} />
            <FormControlLabel value="public_key" control={<Radio />} label={t('sharingUi.share.byKey')} />
          </RadioGroup>
        </FormControl>
        {form.lock === 'pdf' ? (
          <Alert severity="info" data-testid="share-pdf-help">
            {t('sharingUi.share.byPdfHelp')}
          </Alert>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('sharingUi.share.packageHelp')}
          </Typography>
        )}
        {form.lock === 'pdf' ? null : form.lock === 'passphrase' ? (
          <SecretFields
            idPrefix="share"
            words={{
              label: t('sharingUi.share.passphrase'),
              help: t('sharingUi.share.passphraseHelp'),
              confirmLabel: t('sharingUi.share.confirmPassphrase'),
              show: t('sharingUi.passphrase.show'),
              hide: t('sharingUi.passphrase.hide'),
            }}
            value={form.passphrase}
            confirm={form.confirm}
            errors={{ secret: errors.passphrase, confirm: errors.confirm }}
            disabled={busy}
            onChange={(passphrase, confirm) => change({ passphrase, confirm }, ['passphrase', 'confirm'])}
          />
        ) : (
          <TextField
            id={FIELD_IDS.recipient}
            label={t('sharingUi.share.publicKey')}
            value={form.recipient}
            required
            disabled={busy}
            placeholder="age1…"
            onChange={(e) => change({ recipient: e.target.value }, ['recipient'])}
            error={!!errors.recipient}
            helperText={errors.recipient ?? t('sharingUi.share.publicKeyHelp')}
            slotProps={{
              htmlInput: { spellCheck: false, autoComplete: 'off', style: { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' } },
            }}
          />
        )}
      </Box>

      <NoteField
        id={FIELD_IDS.note}
        value={form.note}
        error={errors.note}
        disabled={busy}
        onChange={(note) => change({ note }, ['note'])}
      />
      <LongWorkProgress work={work} title={t('sharingUi.share.submit')} testId="share-progress" />
    </ExportFormDialog>
  );
}
