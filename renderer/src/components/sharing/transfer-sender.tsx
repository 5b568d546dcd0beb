/**
 * Transfer in: who made the package (issue 14, item 7). The sender block says whether the package is this school's,
 * a trusted sender's, from a key nobody here has trusted, or unsigned, with the school, URN and fingerprint it
 * names; a warning when a package names this school or a trusted one without its key; and "Trust this sender",
 * which asks the SENCo to phone the school and compare the fingerprint group by group before trusting it.
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
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import VerifiedUserOutlined from '@mui/icons-material/VerifiedUserOutlined';
import type { TransferSender } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { FormDialog } from '../form-dialog';
import { keyMismatchText } from './transfer-diff-model';

/**
 * A fingerprint large and spaced, four groups to a line (four lines), so it can be read out and compared line by
 * line and group by group. The text is the fingerprint itself (each line ends in a space), so it copies as one.
 */
export function Fingerprint({ value, testId }: { readonly value: string; readonly testId?: string }) {
  const groups = value.split(' ');
  const lines = Array.from({ length: Math.ceil(groups.length / 4) }, (_, i) => groups.slice(i * 4, i * 4 + 4).join(' '));
  return (
    <Typography
      component="span"
      data-testid={testId}
      sx={{
        fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
        fontSize: '1.05rem',
        letterSpacing: '0.04em',
        wordSpacing: '0.3em',
        display: 'inline-block',
      }}
    >
      {lines.map((line, i) => (
        <Box component="span" key={i} sx={{ display: 'block', whiteSpace: 'nowrap' }}>
          {i < lines.length - 1 ? `${line} ` : line}
        </Box>
      ))}
    </Typography>
  );
}

const SEVERITY = { own: 'success', trusted: 'success', unknown: 'warning', unsigned: 'warning' } as const;

export function SenderPanel({ sender, onTrusted }: { readonly sender: TransferSender; readonly onTrusted: () => void }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const [trusting, setTrusting] = useState(false);
  const mismatch = keyMismatchText(sender, info.school.urn);
  const body = (() => {
    switch (sender.status) {
      case 'own':
        return t('sharingUi.transfer.sender.ownBody');
      case 'trusted':
        return t('sharingUi.transfer.sender.trustedBody', {
          school: sender.trusted?.school ?? sender.school,
          urn: sender.trusted?.urn ?? sender.urn,
          date: formatLongDate(sender.trusted?.trustedAt.slice(0, 10)),
          by: sender.trusted?.trustedBy ?? '',
        });
      case 'unknown':
        return t('sharingUi.transfer.sender.unknownBody', { school: sender.school, urn: sender.urn });
      case 'unsigned':
        return t('sharingUi.transfer.sender.unsignedBody');
    }
  })();
  const title =
    sender.status === 'trusted'
      ? t('sharingUi.transfer.sender.trusted', { school: sender.trusted?.school ?? sender.school })
      : t(`sharingUi.transfer.sender.${sender.status}`);
  return (
    <Box
      component="section"
      aria-labelledby="transfer-sender-title"
      sx={{ display: 'grid', gap: 1.5 }}
      data-testid="transfer-sender"
      data-status={sender.status}
    >
      <Typography id="transfer-sender-title" variant="h4" sx={{ fontSize: '1rem', fontWeight: 600 }}>
        {t('sharingUi.transfer.sender.title')}
      </Typography>
      {mismatch ? (
        <Alert severity="error" role="alert" data-testid="transfer-key-mismatch">
          {mismatch}
        </Alert>
      ) : null}
      <Alert
        severity={SEVERITY[sender.status]}
        data-testid="transfer-sender-status"
        role={sender.status === 'unknown' || sender.status === 'unsigned' ? 'alert' : undefined}
      >
        <AlertTitle>{title}</AlertTitle>
        <Typography variant="body2" sx={{ mb: 1.5 }}>
          {body}
        </Typography>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', rowGap: 0.5, columnGap: 2 }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('sharingUi.transfer.sender.school')}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0 }} data-testid="transfer-sender-school">
            {sender.school}
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('sharingUi.transfer.sender.urn')}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0 }}>
            {sender.urn}
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('sharingUi.transfer.sender.fingerprint')}
          </Typography>
          <Box component="dd" sx={{ m: 0 }}>
            {sender.fingerprint ? (
              <Fingerprint value={sender.fingerprint} testId="transfer-sender-fingerprint" />
            ) : (
              <Typography variant="body2">{t('sharingUi.transfer.sender.noFingerprint')}</Typography>
            )}
          </Box>
        </Box>
        {sender.status === 'unknown' ? (
          <Button
            variant="outlined"
            color="inherit"
            startIcon={<VerifiedUserOutlined />}
            onClick={() => setTrusting(true)}
            sx={{ mt: 1.5 }}
          >
            {t('sharingUi.transfer.sender.trust')}
          </Button>
        ) : null}
      </Alert>
      {trusting ? (
        <TrustSenderDialog
          sender={sender}
          onClose={() => setTrusting(false)}
          onTrusted={() => {
            setTrusting(false);
            onTrusted();
          }}
        />
      ) : null}
    </Box>
  );
}

function TrustSenderDialog({
  sender,
  onClose,
  onTrusted,
}: {
  readonly sender: TransferSender;
  readonly onClose: () => void;
  readonly onTrusted: () => void;
}) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(false);
  const [note, setNote] = useState('');
  const [checkedError, setCheckedError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <FormDialog
      titleId="trust-sender-title"
      title={t('sharingUi.transfer.trust.title', { school: sender.school })}
      intro={t('sharingUi.transfer.trust.intro', { school: sender.school })}
      maxWidth="sm"
      gap={2}
      summary={summary}
      cancelLabel={t('sharingUi.transfer.trust.cancel')}
      submitLabel={busy ? t('sharingUi.transfer.trust.saving') : t('sharingUi.transfer.trust.submit')}
      submitting={busy}
      onCancel={onClose}
      onSubmit={async (e) => {
        e.preventDefault();
        setSummary(null);
        if (!checked) {
          setCheckedError(t('sharingUi.transfer.trust.checkedNeeded'));
          return;
        }
        setBusy(true);
        const result = await invoke('transfers.senders.trust', {
          publicKey: sender.publicKey ?? '',
          school: sender.school,
          urn: sender.urn,
          fingerprint: sender.fingerprint ?? '',
          note,
        });
        setBusy(false);
        if (!result.ok) {
          setSummary(
            [result.error.message, ...Object.values(result.error.fields ?? {})].filter((m, i, all) => all.indexOf(m) === i).join(' '),
          );
          return;
        }
        onTrusted();
      }}
    >
      <Box>
        <Typography variant="body2" color="text.secondary" id="trust-fingerprint-label">
          {t('sharingUi.transfer.trust.fingerprint')}
        </Typography>
        <Box
          aria-labelledby="trust-fingerprint-label"
          role="group"
          sx={{ p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1, mt: 0.5 }}
        >
          <Fingerprint value={sender.fingerprint ?? ''} testId="trust-fingerprint" />
        </Box>
      </Box>
      <FormControl error={checkedError !== null}>
        <FormControlLabel
          control={
            <Checkbox
              checked={checked}
              onChange={(e) => {
                setChecked(e.target.checked);
                setCheckedError(null);
              }}
              slotProps={{ input: { 'aria-describedby': 'trust-checked-message' } }}
            />
          }
          label={t('sharingUi.transfer.trust.checked')}
        />
        <FormHelperText id="trust-checked-message">{checkedError ?? ''}</FormHelperText>
      </FormControl>
      <TextField
        label={t('sharingUi.transfer.trust.note')}
        helperText={t('sharingUi.transfer.trust.noteHelp')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 300 } }}
      />
    </FormDialog>
  );
}
