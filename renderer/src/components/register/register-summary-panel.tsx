/**
 * Counts of the pupils the register shows (with its current filters) by SEN status, primary need, year group and
 * class. Each count is a button that applies that filter; pressing a chosen one removes it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { RegisterSummary } from '../../../../shared/contract';
import { SEN_STATUSES } from '../../../../shared/domain';
import { yearGroupLabel } from '../../../../shared/i18n';
import type { RegisterView } from '../../lib/register-params';

type Patch = Partial<Pick<RegisterView, 'senStatus' | 'need' | 'yearGroup' | 'className'>>;

function CountChip({
  label,
  count,
  selected,
  onClick,
  title,
}: {
  readonly label: string;
  readonly count: number;
  readonly selected: boolean;
  /** Absent for counts that cannot be filtered on (no need recorded, no class). */
  readonly onClick?: () => void;
  readonly title?: string;
}) {
  // The chip's name is what it shows ("K · SEN support 10", WCAG 2.5.3 label in name); a filter chip is a toggle
  // button whose pressed state says whether the register is filtered to it, and the tooltip gives the long words.
  const body = (
    <Box component="span" sx={{ display: 'inline-flex', gap: 0.75, alignItems: 'baseline' }}>
      <span>{label}</span>{' '}
      <Box component="strong" sx={{ fontWeight: 700 }}>
        {count}
      </Box>
    </Box>
  );
  const clickable = !!onClick && (count > 0 || selected);
  const chip = (
    <Chip
      size="small"
      label={body}
      variant={selected ? 'filled' : 'outlined'}
      color={selected ? 'primary' : 'default'}
      {...(clickable ? { onClick, 'aria-pressed': selected } : {})}
      sx={{ fontSize: '0.85rem', ...(clickable ? {} : { color: 'text.secondary', borderStyle: count ? 'solid' : 'dashed' }) }}
    />
  );
  return title ? (
    <Tooltip title={title} describeChild>
      {chip}
    </Tooltip>
  ) : (
    chip
  );
}

function Group({ heading, children }: { readonly heading: string; readonly children: ReactNode }) {
  return (
    <Box component="section" aria-label={heading} sx={{ minWidth: 0, flex: '0 1 auto' }}>
      <Typography
        variant="caption"
        component="h3"
        sx={{ display: 'block', fontWeight: 600, color: 'text.secondary', textTransform: 'uppercase', letterSpacing: '0.04em', mb: 0.75 }}
      >
        {heading}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>{children}</Box>
    </Box>
  );
}

export function RegisterSummaryPanel({
  summary,
  view,
  onFilter,
}: {
  readonly summary: RegisterSummary | undefined;
  readonly view: RegisterView;
  readonly onFilter: (patch: Patch) => void;
}) {
  const { t } = useTranslation();
  if (!summary) {
    return (
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Skeleton width="60%" />
        <Skeleton width="40%" />
      </Paper>
    );
  }
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={t('clocksUi.register.summaryLabel')}
      data-testid="register-summary"
      sx={{ p: 2, mb: 2, display: 'flex', flexWrap: 'wrap', columnGap: 4, rowGap: 2 }}
    >
      <Group heading={t('clocksUi.register.bySenStatus')}>
        {SEN_STATUSES.map((s) => (
          <CountChip
            key={s}
            label={`${s} · ${t(`senStatus.${s}`)}`}
            title={t(`senStatusLong.${s}`)}
            count={summary.byStatus[s]}
            selected={view.senStatus === s}
            onClick={() => onFilter({ senStatus: view.senStatus === s ? null : s })}
          />
        ))}
      </Group>
      <Group heading={t('clocksUi.register.byNeed')}>
        {summary.byNeed.map((n) =>
          n.need ? (
            <CountChip
              key={n.need}
              label={`${t(`needs.${n.need}`)} (${n.need})`}
              title={t(`needs.${n.need}`)}
              count={n.count}
              selected={view.need === n.need}
              onClick={() => onFilter({ need: view.need === n.need ? null : n.need })}
            />
          ) : (
            <CountChip key="none" label={t('clocksUi.register.noNeed')} count={n.count} selected={false} />
          ),
        )}
      </Group>
      <Group heading={t('clocksUi.register.byYearGroup')}>
        {summary.byYearGroup.map((y) => (
          <CountChip
            key={y.yearGroup}
            label={yearGroupLabel(y.yearGroup)}
            count={y.count}
            selected={view.yearGroup === y.yearGroup}
            onClick={() => onFilter({ yearGroup: view.yearGroup === y.yearGroup ? null : y.yearGroup })}
          />
        ))}
      </Group>
      <Group heading={t('clocksUi.register.byClass')}>
        {summary.byClass.map((c) =>
          c.className ? (
            <CountChip
              key={c.className}
              label={c.className}
              count={c.count}
              selected={(view.className ?? '').toLowerCase() === c.className.toLowerCase()}
              onClick={() =>
                onFilter({ className: (view.className ?? '').toLowerCase() === c.className?.toLowerCase() ? null : c.className })
              }
            />
          ) : (
            <CountChip key="none" label={t('clocksUi.register.noClass')} count={c.count} selected={false} />
          ),
        )}
      </Group>
    </Paper>
  );
}
