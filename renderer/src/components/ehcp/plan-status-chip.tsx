import { useTranslation } from 'react-i18next';
import Chip from '@mui/material/Chip';
import type { PlanStatus } from '../../../../shared/ehcp';

/** Colour is never the only signal: the chip always says the status in words. */
const STYLE: Record<PlanStatus, { bg: string; fg: string; border: string }> = {
  draft: { bg: '#fff6e0', fg: '#6b4600', border: '#e2c27a' },
  final: { bg: '#e7f3ec', fg: '#1e5631', border: '#9fcdb0' },
  ceased: { bg: '#f1f3f5', fg: '#3f4a55', border: '#cfd6dd' },
};

export function PlanStatusChip({ status, size = 'small' }: { readonly status: PlanStatus; readonly size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  const s = STYLE[status];
  return (
    <Chip
      size={size}
      label={t(`ehcpUi.status.${status}`)}
      title={t(`ehcpUi.statusLong.${status}`)}
      sx={{ bgcolor: s.bg, color: s.fg, border: `1px solid ${s.border}`, fontWeight: 500 }}
    />
  );
}
