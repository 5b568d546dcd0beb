/**
 * "Share with an agency" (pupil profile): choose the organisation, only the sections they need, the lawful basis,
 * and how to lock the file (a passphrase given by phone, or the agency's age public key). The core makes an .age
 * package and records it in the sharing log; the file downloads and the dialog says how the agency opens it.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
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
import { invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { saveBlob } from '../register/download';
import { BasisFields, SecretFields } from './share-fields';
import {
  EMPTY_SHARE_FORM,
  ageCommand,
  base64ToBytes,
  checkShareForm,
  formatBytes,
  sectionLabel,
  shareInput,
  splitFieldErrors,
  type FieldErrors,
  type LockMethod,
  type ShareField,
  type ShareForm,
} from './sharing-model';

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
  saveBlob(record.fileName, new Blob([bytes], { type: 'application/octet-stream' }));
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

export function ShareDialog({ pupil, onClose }: { readonly pupil: { readonly id: string; readonly name: string }; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ShareForm>(EMPTY_SHARE_FORM);
  const [errors, setErrors] = useState<FieldErrors<ShareField>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ readonly record: SharingRecord; readonly bytes: Uint8Array<ArrayBuffer> } | null>(null);

  const change = (patch: Partial<ShareForm>, clear: readonly ShareField[]) => {
    setForm((f) => ({ ...f, ...patch }));
    if (clear.some((c) => errors[c])) {
      const left = Object.fromEntries(Object.entries(errors).filter(([k]) => !clear.includes(k as ShareField)));
      setErrors(left);
      // Every message answered: the summary at the top has nothing left to point to.
      if (Object.keys(left).length === 0) setSummary(null);
    }
  };
  const toggleSection = (s: ExportSection, on: boolean) =>
    change({ sections: on ? [...form.sections, s] : form.sections.filter((x) => x !== s) }, ['sections']);

  const focusFirst = (errs: FieldErrors<ShareField>) => {
    const first = FIELD_ORDER.find((f) => errs[f]);
    if (first) window.setTimeout(() => document.getElementById(FIELD_IDS[first])?.focus(), 0);
  };

  const submit = async () => {
    const errs = checkShareForm(form);
    setErrors(errs);
    if (Object.keys(errs).length) {
      setSummary(t('sharingUi.share.checkForm'));
      focusFirst(errs);
      return;
    }
    setSummary(null);
    setBusy(true);
    const result = await invoke('exports.create', shareInput(pupil.id, form));
    setBusy(false);
    if (!result.ok) {
      const split = splitFieldErrors<ShareField>(result.error.fields, ['organisation', 'sections', 'passphrase', 'recipient', 'note']);
      setErrors(split.fields);
      const hasFields = Object.keys(split.fields).length > 0;
      setSummary([hasFields ? t('sharingUi.share.checkForm') : result.error.message, ...split.other].join(' '));
      focusFirst(split.fields);
      return;
    }
    const bytes = base64ToBytes(result.value.fileBase64);
    savePackage(result.value.record, bytes);
    setDone({ record: result.value.record, bytes });
    void queryClient.invalidateQueries({ queryKey: ['exports.log'] });
  };

  const title = t('sharingUi.share.title', { name: pupil.name });
  if (done) {
    const { record } = done;
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="share-dialog-title">
        <DialogTitle id="share-dialog-title">{title}</DialogTitle>
        <DialogContent>
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
            sx={{ m: 0, mb: 1, p: 1.5, bgcolor: 'grey.100', border: 1, borderColor: 'divider', borderRadius: 1, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {ageCommand(record.fileName, record.lockedWith)}
          </Box>
          <Typography sx={{ mb: 2 }}>{t('sharingUi.share.howToOpenAfter')}</Typography>
          {record.lockedWith === 'passphrase' ? <Alert severity="warning">{t('sharingUi.share.phoneReminder')}</Alert> : null}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            {t('sharingUi.log.fileLine', { file: record.fileName, size: formatBytes(record.bytes) })}
          </Typography>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => savePackage(record, done.bytes)}>{t('sharingUi.share.saveAgain')}</Button>
          <Button variant="contained" onClick={onClose}>
            {t('sharingUi.close')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  const sectionsHelpId = 'share-sections-help';
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="share-dialog-title" data-testid="share-dialog">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id="share-dialog-title">{title}</DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 3 }}>
          <Typography color="text.secondary">{t('sharingUi.share.intro')}</Typography>
          {summary ? (
            <Alert severity="error" role="alert" data-testid="share-summary">
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

          <FormControl component="fieldset" error={!!errors.sections} disabled={busy}>
            <FormLabel component="legend" sx={{ fontWeight: 600, color: 'text.primary' }}>
              {t('sharingUi.share.sections')}
            </FormLabel>
            <Typography id={sectionsHelpId} variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {t('sharingUi.share.sectionsHelp')}
            </Typography>
            <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }} aria-describedby={sectionsHelpId}>
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

          <Box component="section" aria-labelledby="share-basis-heading" sx={{ display: 'grid', gap: 1.5 }}>
            <Typography id="share-basis-heading" variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600 }}>
              {t('sharingUi.share.basisHeading')}
            </Typography>
            <BasisFields article6={form.article6} article9={form.article9} disabled={busy} onChange={(p) => change(p, [])} />
          </Box>

          <Box component="section" aria-labelledby="share-lock-heading" sx={{ display: 'grid', gap: 1.5 }}>
            <Typography id="share-lock-heading" variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600 }}>
              {t('sharingUi.share.lockHeading')}
            </Typography>
            <FormControl component="fieldset" disabled={busy}>
              <FormLabel component="legend" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                {t('sharingUi.share.lockLabel')}
              </FormLabel>
              <RadioGroup
                row
                value={form.lock}
                onChange={(e) => change({ lock: e.target.value as LockMethod }, ['passphrase', 'confirm', 'recipient'])}
              >
                <FormControlLabel value="passphrase" control={<Radio />} label={t('sharingUi.share.byPassphrase')} />
                <FormControlLabel value="public_key" control={<Radio />} label={t('sharingUi.share.byKey')} />
              </RadioGroup>
            </FormControl>
            {form.lock === 'passphrase' ? (
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
                slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', style: { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' } } }}
              />
            )}
          </Box>

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
          <Button type="submit" variant="contained" disabled={busy} startIcon={busy ? <CircularProgress size={16} aria-hidden /> : <ShareOutlined />}>
            {busy ? t('sharingUi.share.working') : t('sharingUi.share.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
