/**
 * One concern in a list, folded until opened: the pupil, who raised it and when, its status in words, and (while
 * waiting) its deadline, "Overdue: not acknowledged by 23:59 on 23/11/2026" when missed. Opened, it shows the text
 * (the core sends it only to the DSL and to whoever raised it) and, for the DSL, "Acknowledge" and "Logged on
 * CPOMS – close". The text is only put on the page while the concern is open.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import CheckOutlined from '@mui/icons-material/CheckOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import ExpandMoreOutlined from '@mui/icons-material/ExpandMoreOutlined';
import TaskAltOutlined from '@mui/icons-material/TaskAltOutlined';
import type { Concern, ConcernStatus } from '../../../../shared/contract';
import { yearGroupLabel } from '../../../../shared/i18n';
import { deadlineParts, formatInstant, formatLocalDateTime } from './concern-model';

const CHIP_COLOUR: Record<ConcernStatus, 'warning' | 'info' | 'success'> = { raised: 'warning', acknowledged: 'info', closed: 'success' };

export function StatusChip({ status }: { readonly status: ConcernStatus }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={CHIP_COLOUR[status]}
      label={t(`safeguardingUi.status.${status}`)}
      sx={{ fontWeight: 600 }}
      data-testid="concern-status"
    />
  );
}

function Row({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <Box sx={{ display: 'contents' }}>
      <Typography component="dt" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

export function ConcernItem({
  concern: c,
  dsl,
  expanded,
  onToggle,
  busy,
  onAcknowledge,
  onClose,
}: {
  readonly concern: Concern;
  /** The DSL's view: who raised it, and the actions. */
  readonly dsl: boolean;
  readonly expanded: boolean;
  readonly onToggle: () => void;
  readonly busy?: boolean;
  readonly onAcknowledge?: () => void;
  readonly onClose?: () => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const deadline = deadlineParts(c.acknowledgeBy);
  const notYet = (
    <Typography component="span" color="text.secondary">
      {t('safeguardingUi.list.notYet')}
    </Typography>
  );
  return (
    <Accordion
      expanded={expanded}
      onChange={onToggle}
      disableGutters
      variant="outlined"
      data-testid="concern-item"
      data-status={c.status}
      slotProps={{ transition: { unmountOnExit: true } }}
      sx={{
        '&:before': { display: 'none' },
        borderLeft: 4,
        borderLeftColor: c.overdue ? 'error.main' : c.status === 'raised' ? 'warning.main' : 'divider',
      }}
    >
      <AccordionSummary expandIcon={<ExpandMoreOutlined />} id={`${ids}-summary`} aria-controls={`${ids}-details`}>
        <Box sx={{ display: 'grid', gap: 0.5, flex: 1, minWidth: 0 }}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography component="span" sx={{ fontWeight: 600 }}>
              {c.pupilName}
            </Typography>
            {c.yearGroup ? (
              <Typography component="span" color="text.secondary">
                {yearGroupLabel(c.yearGroup)}
              </Typography>
            ) : null}
            <StatusChip status={c.status} />
          </Box>
          <Typography component="span" variant="body2" color="text.secondary">
            {dsl
              ? t('safeguardingUi.list.raisedBy', { name: c.raisedBy, when: formatInstant(c.raisedAt) })
              : t('safeguardingUi.list.raisedOn', { when: formatInstant(c.raisedAt) })}
          </Typography>
          {c.overdue ? (
            <Typography
              component="span"
              variant="body2"
              data-testid="concern-overdue"
              sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, color: 'error.main', fontWeight: 700 }}
            >
              <ErrorOutline fontSize="inherit" aria-hidden />
              {t('safeguardingUi.list.overdue', deadline)}
            </Typography>
          ) : dsl && c.status === 'raised' ? (
            <Typography component="span" variant="body2" sx={{ fontWeight: 500 }}>
              {t('safeguardingUi.list.acknowledgeBy', deadline)}
            </Typography>
          ) : !dsl ? (
            <Typography component="span" variant="body2">
              {c.status === 'raised'
                ? t('safeguardingUi.list.waitingDsl')
                : c.status === 'acknowledged'
                  ? t('safeguardingUi.list.withDsl')
                  : t('safeguardingUi.list.closedWith', { reference: c.cpomsReference ?? '' })}
            </Typography>
          ) : c.status === 'closed' && c.cpomsReference ? (
            <Typography component="span" variant="body2">
              {t('safeguardingUi.list.closedWith', { reference: c.cpomsReference })}
            </Typography>
          ) : null}
        </Box>
      </AccordionSummary>
      <AccordionDetails
        id={`${ids}-details`}
        role="region"
        aria-labelledby={`${ids}-summary`}
        sx={{ borderTop: 1, borderColor: 'divider', pt: 2 }}
      >
        <Box
          component="dl"
          sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(160px, 22%) 1fr' }, rowGap: 1.25, columnGap: 2 }}
        >
          <Row label={t('safeguardingUi.list.happened')}>{formatLocalDateTime(c.happenedAt)}</Row>
          {c.what !== null ? <Row label={t('safeguardingUi.list.what')}>{c.what}</Row> : null}
          {c.what !== null ? (
            <Row label={t('safeguardingUi.list.childWords')}>
              {c.childWords ? (
                `“${c.childWords}”`
              ) : (
                <Typography component="span" color="text.secondary">
                  {t('safeguardingUi.list.noChildWords')}
                </Typography>
              )}
            </Row>
          ) : null}
          <Row label={t('safeguardingUi.list.acknowledged')}>
            {c.acknowledgedAt
              ? t('safeguardingUi.list.acknowledgedBy', { name: c.acknowledgedBy ?? '', when: formatInstant(c.acknowledgedAt) })
              : notYet}
          </Row>
          <Row label={t('safeguardingUi.list.closed')}>
            {c.closedAt ? t('safeguardingUi.list.closedBy', { name: c.closedBy ?? '', when: formatInstant(c.closedAt) }) : notYet}
          </Row>
          <Row label={t('safeguardingUi.list.reference')}>{c.cpomsReference ?? notYet}</Row>
        </Box>
        {dsl && c.status !== 'closed' ? (
          <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
            {c.status === 'raised' ? (
              <Button variant="contained" startIcon={<CheckOutlined />} onClick={onAcknowledge} disabled={busy}>
                {busy ? t('safeguardingUi.list.acknowledging') : t('safeguardingUi.list.acknowledge')}
              </Button>
            ) : null}
            <Button
              variant={c.status === 'raised' ? 'outlined' : 'contained'}
              startIcon={<TaskAltOutlined />}
              onClick={onClose}
              disabled={busy}
            >
              {t('safeguardingUi.list.close')}
            </Button>
          </Box>
        ) : null}
      </AccordionDetails>
    </Accordion>
  );
}
