import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import { NEED_CODES, type NeedCode } from '../../../shared/domain';
import { moveItem } from '../lib/lists';
import { visuallyHidden } from '../lib/visually-hidden';

export const MAX_NEEDS = 4;

/** Ranked need types: the first is the primary need, the second the secondary (school census). */
export function NeedsEditor({
  value,
  onChange,
  error,
}: {
  readonly value: readonly NeedCode[];
  readonly onChange: (next: NeedCode[]) => void;
  readonly error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const remaining = NEED_CODES.filter((n) => !value.includes(n));
  const rankLabel = (i: number) =>
    i === 0 ? t('pupilForm.needs.primary') : i === 1 ? t('pupilForm.needs.secondary') : t('pupilForm.needs.rank', { n: i + 1 });

  const move = (from: number, to: number) => {
    const code = value[from];
    if (!code) return;
    onChange(moveItem(value, from, to));
    setAnnouncement(t('pupilForm.needs.moved', { need: t(`needs.${code}`), rank: rankLabel(to) }));
  };

  return (
    <Box>
      {value.length === 0 ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('pupilForm.needs.none')}
        </Typography>
      ) : (
        <Box
          component="ol"
          aria-label={t('pupilForm.needs.listLabel')}
          sx={{ listStyle: 'none', p: 0, m: 0, mb: 2, display: 'grid', gap: 1 }}
        >
          {value.map((code, i) => {
            const name = t(`needs.${code}`);
            return (
              <Box
                component="li"
                key={code}
                sx={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 1.5,
                  border: 1,
                  borderColor: 'divider',
                  borderRadius: 1,
                  px: 1.5,
                  py: 0.75,
                  bgcolor: i === 0 ? '#f5f8fc' : 'background.paper',
                }}
              >
                <Box
                  sx={{
                    width: 28,
                    height: 28,
                    borderRadius: '50%',
                    bgcolor: 'primary.main',
                    color: 'primary.contrastText',
                    display: 'grid',
                    placeItems: 'center',
                    fontWeight: 600,
                    flexShrink: 0,
                  }}
                  aria-hidden
                >
                  {i + 1}
                </Box>
                <Box sx={{ flex: 1, minWidth: 0 }}>
                  <Typography variant="caption" color="text.secondary" component="p">
                    {rankLabel(i)}
                  </Typography>
                  <Typography component="p">
                    {name}{' '}
                    <Typography component="span" color="text.secondary">
                      ({code})
                    </Typography>
                  </Typography>
                </Box>
                <Tooltip title={t('pupilForm.needs.up')}>
                  <span>
                    <IconButton
                      aria-label={t('pupilForm.needs.upLabel', { need: name })}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                      size="small"
                    >
                      <ArrowUpward fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title={t('pupilForm.needs.down')}>
                  <span>
                    <IconButton
                      aria-label={t('pupilForm.needs.downLabel', { need: name })}
                      disabled={i === value.length - 1}
                      onClick={() => move(i, i + 1)}
                      size="small"
                    >
                      <ArrowDownward fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title={t('pupilForm.needs.remove')}>
                  <IconButton
                    aria-label={t('pupilForm.needs.removeLabel', { need: name })}
                    onClick={() => onChange(value.filter((n) => n !== code))}
                    size="small"
                  >
                    <DeleteOutline fontSize="small" />
                  </IconButton>
                </Tooltip>
              </Box>
            );
          })}
        </Box>
      )}
      <TextField
        select
        size="small"
        label={value.length === 0 ? t('pupilForm.needs.addPrimary') : t('pupilForm.needs.add')}
        value=""
        disabled={value.length >= MAX_NEEDS}
        helperText={value.length >= MAX_NEEDS ? t('pupilForm.needs.max', { max: MAX_NEEDS }) : t('pupilForm.needs.help')}
        onChange={(e) => {
          const code = e.target.value as NeedCode;
          if (code) onChange([...value, code]);
        }}
        sx={{ maxWidth: 520 }}
      >
        {remaining.map((n) => (
          <MenuItem key={n} value={n}>
            {t(`needs.${n}`)} ({n})
          </MenuItem>
        ))}
      </TextField>
      {error ? <FormHelperText error>{error}</FormHelperText> : null}
      <Box aria-live="polite" sx={visuallyHidden}>
        {announcement}
      </Box>
    </Box>
  );
}
