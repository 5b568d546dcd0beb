/**
 * Transfer in (SENCo): a pupil's record exported from another school's SENCo Desk. Choose the .age file, unlock it
 * with the passphrase or the school's age secret key, and "Preview" shows the pupil, who made the package (its
 * signature: this school, a trusted sender, an unknown one or nobody, issue 14 item 7), and every field importing
 * would write, with the value on record and the value in the package, before anything is written. "Import" then
 * writes exactly that: it names the previewed file's digest and the preview's own, and from a sender that is not
 * trusted it needs the person to tick that they accept the risk. A wrong passphrase, a damaged or tampered file or
 * a file that is not an export is said beside the field.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import FileOpenOutlined from '@mui/icons-material/FileOpenOutlined';
import MoveToInboxOutlined from '@mui/icons-material/MoveToInboxOutlined';
import PreviewOutlined from '@mui/icons-material/PreviewOutlined';
import { senderNeedsConfirmation, type TransferPreview } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { yearGroupLabel } from '../../../../shared/i18n';
import { invoke } from '../../api/client';
import { LongWorkProgress, useLongWork } from '../long-work/long-work';
import { bytesToBase64, formatBytes, sectionLabel, splitFieldErrors, type FieldErrors } from './sharing-model';
import { diffGroups } from './transfer-diff-model';
import { SenderPanel } from './transfer-sender';

type Unlock = 'passphrase' | 'identity';
type TransferField = 'packageBase64' | 'passphrase' | 'identity' | 'acceptUnverified';
interface Chosen {
  readonly name: string;
  readonly size: number;
  readonly base64: string;
}

export function TransferIn() {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<Chosen | null>(null);
  const [unlock, setUnlock] = useState<Unlock>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [identity, setIdentity] = useState('');
  const [errors, setErrors] = useState<FieldErrors<TransferField>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState<'reading' | 'preview' | 'import' | null>(null);
  // Long work: the import shows its progress and can be cancelled (rolled back whole: nothing saved).
  const work = useLongWork();
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [imported, setImported] = useState<(TransferPreview & { readonly pupilId: string }) | null>(null);
  const [accepted, setAccepted] = useState(false);

  /** Anything changed: the preview no longer describes what Import would do. */
  const changed = (clear: readonly TransferField[]) => {
    setPreview(null);
    setImported(null);
    setAccepted(false);
    setSummary(null);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k as TransferField))));
  };

  const choose = async (chosen: File | undefined) => {
    changed(['packageBase64', 'passphrase', 'identity']);
    if (!chosen) {
      setFile(null);
      return;
    }
    setBusy('reading');
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      setFile({ name: chosen.name, size: chosen.size, base64: bytesToBase64(bytes) });
    } catch {
      setFile(null);
      setErrors({ packageBase64: t('sharingUi.transfer.readFailed') });
    } finally {
      setBusy(null);
    }
  };

  const input = () => ({
    packageBase64: file?.base64 ?? '',
    passphrase: unlock === 'passphrase' ? passphrase : null,
    identity: unlock === 'identity' ? identity.trim() : null,
  });

  const check = (): boolean => {
    const errs: FieldErrors<TransferField> = {};
    if (!file) errs.packageBase64 = t('sharingUi.transfer.fileNeeded');
    if (unlock === 'passphrase' && passphrase === '') errs.passphrase = t('sharingUi.transfer.passphraseNeeded');
    if (unlock === 'identity' && identity.trim() === '') errs.identity = t('sharingUi.transfer.identityNeeded');
    setErrors(errs);
    return Object.keys(errs).length === 0;
  };

  const refused = (error: { readonly message: string; readonly fields?: Readonly<Record<string, string>> }) => {
    const split = splitFieldErrors<TransferField>(error.fields, ['packageBase64', 'passphrase', 'identity', 'acceptUnverified']);
    setErrors(split.fields);
    const rest = Object.keys(split.fields).length ? split.other : [error.message, ...split.other];
    setSummary(rest.length ? rest.join(' ') : null);
  };

  const runPreview = async () => {
    setSummary(null);
    setImported(null);
    setAccepted(false);
    if (!check()) return;
    setBusy('preview');
    const result = await invoke('transfers.preview', input());
    setBusy(null);
    if (!result.ok) {
      setPreview(null);
      refused(result.error);
      return;
    }
    setPreview(result.value);
  };

  const runImport = async () => {
    if (!preview) return;
    // Checked here first so the message sits beside the box; the core refuses without it too.
    if (senderNeedsConfirmation(preview.sender) && !accepted) {
      setErrors((e) => ({ ...e, acceptUnverified: t('sharingUi.transfer.acceptNeeded') }));
      return;
    }
    setBusy('import');
    const result = await work.run('transfers.import', {
      ...input(),
      confirm: true,
      packageSha256: preview.packageSha256,
      planSha256: preview.planSha256,
      acceptUnverified: accepted,
    });
    setBusy(null);
    if (!result.ok) {
      refused(result.error);
      return;
    }
    setPreview(null);
    setImported(result.value);
  };

  const fileErrorId = 'transfer-file-message';
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="transfer-title"
      sx={{ p: 2.5, display: 'grid', gap: 2 }}
      data-testid="transfer-in"
    >
      <Box>
        <Typography id="transfer-title" variant="h2" sx={{ fontSize: '1.15rem', mb: 0.5 }}>
          {t('sharingUi.transfer.title')}
        </Typography>
        <Typography color="text.secondary">{t('sharingUi.transfer.intro')}</Typography>
      </Box>

      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void runPreview();
        }}
        sx={{ display: 'grid', gap: 2, maxWidth: 760 }}
      >
        <FormControl error={!!errors.packageBase64}>
          <FormLabel sx={{ mb: 1, color: 'text.primary' }} id="transfer-file-label">
            {t('sharingUi.transfer.file')}
          </FormLabel>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
            <input
              ref={fileInput}
              type="file"
              accept=".age,application/octet-stream"
              aria-labelledby="transfer-file-label"
              aria-describedby={fileErrorId}
              data-testid="transfer-file"
              style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', pointerEvents: 'none' }}
              tabIndex={-1}
              onChange={(e) => {
                void choose(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <Button
              variant="outlined"
              startIcon={busy === 'reading' ? <CircularProgress size={16} aria-hidden /> : <FileOpenOutlined />}
              onClick={() => fileInput.current?.click()}
              disabled={busy !== null}
              aria-describedby={fileErrorId}
            >
              {t('sharingUi.transfer.choose')}
            </Button>
            <Typography data-testid="transfer-file-name" color={file ? 'text.primary' : 'text.secondary'}>
              {file ? t('sharingUi.transfer.chosen', { name: file.name, size: formatBytes(file.size) }) : t('sharingUi.transfer.noFile')}
            </Typography>
          </Box>
          <FormHelperText id={fileErrorId} data-testid="transfer-file-error">
            {errors.packageBase64 ?? ''}
          </FormHelperText>
        </FormControl>

        <FormControl component="fieldset" disabled={busy !== null}>
          <FormLabel component="legend" sx={{ color: 'text.primary' }}>
            {t('sharingUi.transfer.unlockWith')}
          </FormLabel>
          <RadioGroup
            row
            value={unlock}
            onChange={(e) => {
              setUnlock(e.target.value as Unlock);
              changed(['passphrase', 'identity']);
            }}
          >
            <FormControlLabel value="passphrase" control={<Radio />} label={t('sharingUi.transfer.byPassphrase')} />
            <FormControlLabel value="identity" control={<Radio />} label={t('sharingUi.transfer.byIdentity')} />
          </RadioGroup>
        </FormControl>

        {unlock === 'passphrase' ? (
          <TextField
            id="transfer-passphrase"
            label={t('sharingUi.transfer.passphrase')}
            type="password"
            value={passphrase}
            required
            disabled={busy !== null}
            autoComplete="off"
            onChange={(e) => {
              setPassphrase(e.target.value);
              changed(['passphrase']);
            }}
            error={!!errors.passphrase}
            helperText={errors.passphrase ?? t('sharingUi.transfer.passphraseHelp')}
            slotProps={{ formHelperText: { 'data-testid': 'transfer-passphrase-message' } as object }}
          />
        ) : (
          <TextField
            id="transfer-identity"
            label={t('sharingUi.transfer.identity')}
            value={identity}
            required
            multiline
            minRows={2}
            disabled={busy !== null}
            autoComplete="off"
            onChange={(e) => {
              setIdentity(e.target.value);
              changed(['identity']);
            }}
            error={!!errors.identity}
            helperText={errors.identity ?? t('sharingUi.transfer.identityHelp')}
            slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' } } }}
          />
        )}

        {summary ? (
          <Alert severity="error" role="alert" data-testid="transfer-summary">
            {summary}
          </Alert>
        ) : null}

        <Box>
          <Button
            type="submit"
            variant="contained"
            disabled={busy !== null}
            startIcon={busy === 'preview' ? <CircularProgress size={16} aria-hidden /> : <PreviewOutlined />}
          >
            {busy === 'preview' ? t('sharingUi.transfer.previewing') : t('sharingUi.transfer.preview')}
          </Button>
        </Box>
      </Box>

      {preview ? (
        <PreviewPanel
          preview={preview}
          busy={busy !== null}
          importing={busy === 'import'}
          accepted={accepted}
          acceptError={errors.acceptUnverified ?? null}
          onAccept={(v) => {
            setAccepted(v);
            setErrors((e) => ({ ...e, acceptUnverified: undefined }));
          }}
          onTrusted={() => void runPreview()}
          onImport={() => void runImport()}
          onStartAgain={() => {
            setPreview(null);
            setFile(null);
            setPassphrase('');
            setIdentity('');
          }}
        />
      ) : null}
      <LongWorkProgress work={work} title={t('sharingUi.transfer.title')} testId="transfer-progress" />

      {imported ? (
        <Alert severity="success" role="status" data-testid="transfer-imported">
          <AlertTitle>{t('sharingUi.transfer.imported', { name: imported.pupil.name })}</AlertTitle>
          <Typography sx={{ mb: 1 }}>
            {imported.action === 'create' ? t('sharingUi.transfer.importedCreate') : t('sharingUi.transfer.importedUpdate')}
          </Typography>
          <Link component={RouterLink} to={`/pupils/${imported.pupilId}`}>
            {t('sharingUi.transfer.openPupil', { name: imported.pupil.name })}
          </Link>
        </Alert>
      ) : null}
    </Paper>
  );
}

function PreviewPanel({
  preview,
  busy,
  importing,
  accepted,
  acceptError,
  onAccept,
  onTrusted,
  onImport,
  onStartAgain,
}: {
  readonly preview: TransferPreview;
  readonly busy: boolean;
  readonly importing: boolean;
  readonly accepted: boolean;
  readonly acceptError: string | null;
  readonly onAccept: (accepted: boolean) => void;
  readonly onTrusted: () => void;
  readonly onImport: () => void;
  readonly onStartAgain: () => void;
}) {
  const { t } = useTranslation();
  const { pupil, from, sender } = preview;
  const rows: ReadonlyArray<readonly [string, string]> = [
    [
      t('sharingUi.transfer.pupil'),
      t('sharingUi.transfer.pupilLine', {
        name: pupil.name,
        dob: formatLongDate(pupil.dateOfBirth),
        year: yearGroupLabel(pupil.yearGroup),
        upn: pupil.upn,
      }),
    ],
    [
      t('sharingUi.transfer.from'),
      t('sharingUi.transfer.fromLine', {
        school: from.school,
        date: formatLongDate(from.exportedAt.slice(0, 10)),
        organisation: from.organisation,
      }),
    ],
    [
      t('sharingUi.transfer.actionLabel'),
      preview.action === 'create' ? t('sharingUi.transfer.actionCreate') : t('sharingUi.transfer.actionUpdate'),
    ],
  ];
  const dash = (
    <Typography component="span" color="text.secondary" aria-hidden>
      —
    </Typography>
  );
  const groups = diffGroups(preview.diff);
  const needsAccept = senderNeedsConfirmation(sender);
  const none = (
    <Typography component="span" variant="body2" color="text.secondary">
      {t('sharingUi.transfer.diff.none')}
    </Typography>
  );
  return (
    <Box
      component="section"
      aria-labelledby="transfer-preview-title"
      sx={{ display: 'grid', gap: 2, borderTop: 1, borderColor: 'divider', pt: 2 }}
      data-testid="transfer-preview"
      data-action={preview.action}
    >
      <Typography id="transfer-preview-title" variant="h3" sx={{ fontSize: '1.05rem', fontWeight: 600 }}>
        {t('sharingUi.transfer.previewTitle')}
      </Typography>
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'minmax(100px, 160px) 1fr', rowGap: 1, columnGap: 2 }}>
        {rows.map(([label, value]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Typography component="dt" color="text.secondary">
              {label}
            </Typography>
            <Typography
              component="dd"
              sx={{ m: 0 }}
              data-testid={label === t('sharingUi.transfer.actionLabel') ? 'transfer-action' : undefined}
            >
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
      <SenderPanel sender={sender} onTrusted={onTrusted} />
      <Table size="small" aria-label={t('sharingUi.transfer.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('sharingUi.transfer.section')}</TableCell>
            <TableCell align="right">{t('sharingUi.transfer.add')}</TableCell>
            <TableCell align="right">{t('sharingUi.transfer.update')}</TableCell>
            <TableCell align="right">{t('sharingUi.transfer.unchanged')}</TableCell>
            <TableCell>{t('sharingUi.log.note')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.changes.map((c) => (
            <TableRow key={c.section} data-testid="transfer-change" data-kept={c.kept ? 'true' : 'false'}>
              <TableCell component="th" scope="row">
                {sectionLabel(c.section)}
              </TableCell>
              <TableCell align="right">{c.kept ? dash : c.add}</TableCell>
              <TableCell align="right">{c.kept ? dash : c.update}</TableCell>
              <TableCell align="right">{c.kept ? dash : c.unchanged}</TableCell>
              <TableCell>
                {c.kept ? (
                  <>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {t('sharingUi.transfer.kept')}
                    </Typography>
                    <Typography variant="body2" color="text.secondary">
                      {t('sharingUi.transfer.keptNote')}
                    </Typography>
                  </>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Box component="section" aria-labelledby="transfer-diff-title" sx={{ display: 'grid', gap: 1 }} data-testid="transfer-diff">
        <Typography id="transfer-diff-title" variant="h4" sx={{ fontSize: '1rem', fontWeight: 600 }}>
          {t('sharingUi.transfer.diff.title')}
        </Typography>
        {groups.length === 0 ? (
          <Typography color="text.secondary" data-testid="transfer-diff-empty">
            {t('sharingUi.transfer.diff.empty')}
          </Typography>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary">
              {preview.action === 'create' ? t('sharingUi.transfer.diff.introCreate') : t('sharingUi.transfer.diff.introUpdate')}
            </Typography>
            <Table size="small" aria-label={t('sharingUi.transfer.diff.tableLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('sharingUi.transfer.diff.field')}</TableCell>
                  {preview.action === 'update' ? <TableCell>{t('sharingUi.transfer.diff.onRecord')}</TableCell> : null}
                  <TableCell>{t('sharingUi.transfer.diff.inPackage')}</TableCell>
                </TableRow>
              </TableHead>
              {groups.map((g) => (
                <TableBody key={g.section} data-testid="transfer-diff-section" data-section={g.section}>
                  <TableRow>
                    <TableCell
                      component="th"
                      scope="rowgroup"
                      colSpan={preview.action === 'update' ? 3 : 2}
                      sx={{ fontWeight: 600, bgcolor: 'action.hover' }}
                    >
                      {g.title}
                    </TableCell>
                  </TableRow>
                  {g.rows.map((r) => (
                    <TableRow key={r.key} data-testid="transfer-diff-row" data-change={r.change}>
                      <TableCell component="th" scope="row">
                        {r.field}
                        <Typography component="span" variant="body2" color="text.secondary">
                          {` (${t(`sharingUi.transfer.diff.change.${r.change}`).toLowerCase()})`}
                        </Typography>
                      </TableCell>
                      {preview.action === 'update' ? (
                        <TableCell
                          data-testid="transfer-diff-before"
                          sx={
                            r.before !== null && r.change !== 'added'
                              ? { textDecoration: 'line-through', color: 'text.secondary' }
                              : undefined
                          }
                        >
                          {r.before ?? none}
                        </TableCell>
                      ) : null}
                      <TableCell data-testid="transfer-diff-after" sx={{ fontWeight: r.change === 'removed' ? undefined : 500 }}>
                        {r.after ?? none}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              ))}
            </Table>
          </>
        )}
      </Box>

      {needsAccept ? (
        <FormControl error={acceptError !== null} disabled={busy}>
          <FormControlLabel
            sx={{ alignItems: 'flex-start' }}
            control={
              <Checkbox
                checked={accepted}
                onChange={(e) => onAccept(e.target.checked)}
                sx={{ mt: -0.75 }}
                slotProps={{ input: { 'aria-describedby': 'transfer-accept-message' } as object }}
              />
            }
            label={
              sender.status === 'unsigned'
                ? t('sharingUi.transfer.acceptUnsigned', { name: pupil.name })
                : t('sharingUi.transfer.acceptUnknown', { school: sender.school, name: pupil.name })
            }
            data-testid="transfer-accept"
          />
          <FormHelperText id="transfer-accept-message" data-testid="transfer-accept-message">
            {acceptError ?? ''}
          </FormHelperText>
        </FormControl>
      ) : null}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          onClick={onImport}
          disabled={busy}
          startIcon={importing ? <CircularProgress size={16} aria-hidden /> : <MoveToInboxOutlined />}
        >
          {importing ? t('sharingUi.transfer.importing') : t('sharingUi.transfer.import')}
        </Button>
        <Button onClick={onStartAgain} disabled={busy}>
          {t('sharingUi.transfer.startAgain')}
        </Button>
      </Box>
    </Box>
  );
}
