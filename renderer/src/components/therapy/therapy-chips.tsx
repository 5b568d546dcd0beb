/**
 * Chips for the therapy screens. Colour is never the only signal: every chip carries words, and the referral
 * state and band chips an icon or a letter as well, so they read in greyscale and in print.
 */
import { useTranslation } from 'react-i18next';
import Chip from '@mui/material/Chip';
import InboxOutlined from '@mui/icons-material/InboxOutlined';
import CheckOutlined from '@mui/icons-material/CheckOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import EventOutlined from '@mui/icons-material/EventOutlined';
import TaskAltOutlined from '@mui/icons-material/TaskAltOutlined';
import ArchiveOutlined from '@mui/icons-material/ArchiveOutlined';
import HourglassEmptyOutlined from '@mui/icons-material/HourglassEmptyOutlined';
import type { Band, ConsentStatus, NeedLevel, ReferralState } from '../../../../shared/therapy';

type Style = { readonly bg: string; readonly fg: string; readonly border: string };

export const REFERRAL_STATE_STYLE: Record<ReferralState, Style & { readonly Icon: typeof InboxOutlined }> = {
  received: { bg: '#e6f0fb', fg: '#14406f', border: '#9dbfe6', Icon: InboxOutlined },
  accepted: { bg: '#efe7fa', fg: '#4a2a7a', border: '#b9a2dc', Icon: CheckOutlined },
  assessment_booked: { bg: '#fff4e0', fg: '#6b4500', border: '#e8c17a', Icon: EventOutlined },
  assessed: { bg: '#e7f4ec', fg: '#1e5631', border: '#9fcfb0', Icon: TaskAltOutlined },
  declined: { bg: '#fdecea', fg: '#8c1d18', border: '#e6a9a4', Icon: BlockOutlined },
  closed: { bg: '#f1f3f5', fg: '#3f4a55', border: '#cfd6dd', Icon: ArchiveOutlined },
};

/** "assessment booked" → "Assessment booked": the shared labels are lower case for use inside sentences. */
export function sentenceCase(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

export function ReferralStateChip({ state }: { readonly state: ReferralState }) {
  const { t } = useTranslation();
  const s = REFERRAL_STATE_STYLE[state];
  return (
    <Chip
      size="small"
      icon={<s.Icon aria-hidden sx={{ '&&': { color: s.fg } }} />}
      label={sentenceCase(t(`referralStates.${state}`))}
      data-testid="referral-state"
      sx={{ bgcolor: s.bg, color: s.fg, border: `1px solid ${s.border}`, fontWeight: 500 }}
    />
  );
}

export const BAND_STYLE: Record<Band, Style & { readonly letter: string }> = {
  universal: { bg: '#e7f4ec', fg: '#1e5631', border: '#9fcfb0', letter: 'U' },
  targeted: { bg: '#fff4e0', fg: '#6b4500', border: '#e8c17a', letter: 'T' },
  specific: { bg: '#efe7fa', fg: '#4a2a7a', border: '#b9a2dc', letter: 'S' },
};

/** The band with its initial and, where given, its need level: "U · Universal · High need". */
export function BandChip({
  band,
  needLevel,
  size = 'small',
}: {
  readonly band: Band;
  readonly needLevel?: NeedLevel | null;
  readonly size?: 'small' | 'medium';
}) {
  const { t } = useTranslation();
  const s = BAND_STYLE[band];
  const label = needLevel
    ? t('therapyUi.band.chipWithNeed', { letter: s.letter, band: t(`bands.${band}`), need: t(`needLevels.${needLevel}`) })
    : t('therapyUi.band.chip', { letter: s.letter, band: t(`bands.${band}`) });
  return (
    <Chip
      size={size}
      label={label}
      title={t(`therapyUi.band.describe.${band}`)}
      data-testid="band-chip"
      sx={{ bgcolor: s.bg, color: s.fg, border: `1px solid ${s.border}`, fontWeight: 500 }}
    />
  );
}

const CONSENT_STYLE: Record<ConsentStatus, Style & { readonly Icon: typeof InboxOutlined }> = {
  pending: { bg: '#fff4e0', fg: '#6b4500', border: '#e8c17a', Icon: HourglassEmptyOutlined },
  given: { bg: '#e7f4ec', fg: '#1e5631', border: '#9fcfb0', Icon: CheckOutlined },
  refused: { bg: '#fdecea', fg: '#8c1d18', border: '#e6a9a4', Icon: BlockOutlined },
};

export function ConsentChip({ status }: { readonly status: ConsentStatus }) {
  const { t } = useTranslation();
  const s = CONSENT_STYLE[status];
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={<s.Icon aria-hidden sx={{ '&&': { color: s.fg } }} />}
      label={t(`therapyUi.consent.chip.${status}`)}
      sx={{ color: s.fg, borderColor: s.border, bgcolor: s.bg }}
    />
  );
}
