import { useTranslation } from 'react-i18next';
import Chip from '@mui/material/Chip';
import type { SenStatus } from '../../../shared/domain';

/** Colour is never the only signal: the chip always carries the census letter and its words. */
const STYLE: Record<SenStatus, { bg: string; fg: string; border: string }> = {
  E: { bg: '#efe7fa', fg: '#4a2a7a', border: '#b9a2dc' },
  K: { bg: '#e6f0fb', fg: '#14406f', border: '#9dbfe6' },
  N: { bg: '#f1f3f5', fg: '#3f4a55', border: '#cfd6dd' },
};

export function SenStatusChip({ status, size = 'small' }: { readonly status: SenStatus; readonly size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  const s = STYLE[status];
  return (
    <Chip
      size={size}
      label={`${status} · ${t(`senStatus.${status}`)}`}
      title={t(`senStatusLong.${status}`)}
      sx={{ bgcolor: s.bg, color: s.fg, border: `1px solid ${s.border}`, fontWeight: 500 }}
    />
  );
}
