/**
 * Fields both export dialogs use: the lawful basis (two selects, each option in plain English with its legal
 * reference, the school default already chosen but shown), and a passphrase or password with its confirmation,
 * a show/hide switch and "Suggest one" (five random words); and the organisation and the note for the sharing log.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AutoAwesomeOutlined from '@mui/icons-material/AutoAwesomeOutlined';
import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';
import VisibilityOutlined from '@mui/icons-material/VisibilityOutlined';
import type { Article6Basis, Article9Condition } from '../../../../shared/contract';
import { ARTICLE6_OPTIONS, ARTICLE9_OPTIONS, suggestPassphrase } from './sharing-model';

export function BasisFields({
  article6,
  article9,
  onChange,
  disabled,
}: {
  readonly article6: Article6Basis;
  readonly article9: Article9Condition;
  readonly onChange: (patch: { article6?: Article6Basis; article9?: Article9Condition }) => void;
  readonly disabled?: boolean;
}) {
  const { t } = useTranslation();
  const helpId = useId();
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        <TextField
          select
          label={t('sharingUi.basis.article6Label')}
          value={article6}
          disabled={disabled}
          onChange={(e) => onChange({ article6: e.target.value as Article6Basis })}
          slotProps={{ select: { SelectDisplayProps: { 'aria-describedby': helpId } } }}
          data-testid="basis-article6"
        >
          {ARTICLE6_OPTIONS.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={t('sharingUi.basis.article9Label')}
          value={article9}
          disabled={disabled}
          onChange={(e) => onChange({ article9: e.target.value as Article9Condition })}
          slotProps={{ select: { SelectDisplayProps: { 'aria-describedby': helpId } } }}
          data-testid="basis-article9"
        >
          {ARTICLE9_OPTIONS.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Typography id={helpId} variant="body2" color="text.secondary">
        {t('sharingUi.basis.help')}
      </Typography>
    </Box>
  );
}

/** The words for the passphrase (an .age package) or the password (a protected PDF). */
export interface SecretWords {
  readonly label: string;
  readonly help: string;
  readonly confirmLabel: string;
  readonly show: string;
  readonly hide: string;
}

export function SecretFields({
  idPrefix,
  words,
  value,
  confirm,
  errors,
  onChange,
  disabled,
}: {
  readonly idPrefix: string;
  readonly words: SecretWords;
  readonly value: string;
  readonly confirm: string;
  readonly errors: { readonly secret?: string; readonly confirm?: string };
  readonly onChange: (value: string, confirm: string) => void;
  readonly disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const toggle = (
    <InputAdornment position="end">
      <IconButton
        onClick={() => setShown((s) => !s)}
        aria-label={shown ? words.hide : words.show}
        aria-pressed={shown}
        edge="end"
        disabled={disabled}
      >
        {shown ? <VisibilityOffOutlined /> : <VisibilityOutlined />}
      </IconButton>
    </InputAdornment>
  );
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
        <TextField
          id={`${idPrefix}-secret`}
          label={words.label}
          type={shown ? 'text' : 'password'}
          value={value}
          required
          disabled={disabled}
          autoComplete="new-password"
          onChange={(e) => onChange(e.target.value, confirm)}
          error={!!errors.secret}
          helperText={errors.secret ?? words.help}
          slotProps={{ input: { endAdornment: toggle }, htmlInput: { spellCheck: false, 'data-testid': `${idPrefix}-secret` } }}
        />
        <TextField
          id={`${idPrefix}-confirm`}
          label={words.confirmLabel}
          type={shown ? 'text' : 'password'}
          value={confirm}
          required
          disabled={disabled}
          autoComplete="new-password"
          onChange={(e) => onChange(value, e.target.value)}
          error={!!errors.confirm}
          helperText={errors.confirm ?? ' '}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          size="small"
          startIcon={<AutoAwesomeOutlined />}
          disabled={disabled}
          onClick={() => {
            const p = suggestPassphrase();
            onChange(p, p);
            setShown(true);
          }}
        >
          {t('sharingUi.passphrase.suggest')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t('sharingUi.passphrase.suggestHelp')}
        </Typography>
      </Box>
    </Box>
  );
}

/** Who the file is for: the organisation, required, as it will stand in the sharing log. */
export function OrganisationField({
  id,
  value,
  error,
  disabled,
  onChange,
}: {
  readonly id: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly disabled?: boolean;
  readonly onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      label={t('sharingUi.share.organisation')}
      value={value}
      required
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? t('sharingUi.share.organisationHelp')}
      slotProps={{ htmlInput: { maxLength: 200 } }}
    />
  );
}

/** The lawful basis under its own heading. */
export function BasisSection({ idPrefix, ...fields }: { readonly idPrefix: string } & Parameters<typeof BasisFields>[0]) {
  const { t } = useTranslation();
  const headingId = `${idPrefix}-basis-heading`;
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ display: 'grid', gap: 1.5 }}>
      <Typography id={headingId} variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600 }}>
        {t('sharingUi.share.basisHeading')}
      </Typography>
      <BasisFields {...fields} />
    </Box>
  );
}

/** An optional note for the sharing log. */
export function NoteField({
  id,
  value,
  error,
  disabled,
  onChange,
}: {
  readonly id: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly disabled?: boolean;
  readonly onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      label={t('sharingUi.share.note')}
      value={value}
      disabled={disabled}
      multiline
      minRows={2}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? t('sharingUi.share.noteHelp')}
      slotProps={{ htmlInput: { maxLength: 500 } }}
    />
  );
}
