/**
 * "How due dates are worked out": the expiry rules, read from shared/staff-rules.ts so the note always says what
 * the core does.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { DBS_RECHECK_YEARS, DUE_SOON_DAYS, FIRST_AID_YEARS, SAFEGUARDING_YEARS } from '../../../../shared/staff-rules';
import { listInWords, safeguardingRuleGroups } from './staff-model';

export function DueRules() {
  const { t } = useTranslation();
  const heading = useId();
  const safeguarding = safeguardingRuleGroups(SAFEGUARDING_YEARS)
    .map((g) =>
      t('staffUi.rules.safeguardingGroup', {
        levels: listInWords(
          g.levels.map((l) => t(`staffUi.levelsShort.${l}`)),
          t('staffUi.and'),
        ),
        count: g.years,
      }),
    )
    .join('; ');
  const rules = [
    t('staffUi.rules.dbs', { count: DBS_RECHECK_YEARS }),
    t('staffUi.rules.dbsUpdate'),
    t('staffUi.rules.safeguarding', { groups: safeguarding }),
    t('staffUi.rules.firstAid', { count: FIRST_AID_YEARS }),
    t('staffUi.rules.registration'),
    t('staffUi.rules.thrive'),
    t('staffUi.rules.dueSoon', { count: DUE_SOON_DAYS }),
  ];
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={heading}
      sx={{ p: 2.5, mt: 2, breakInside: 'avoid' }}
      data-testid="due-rules"
    >
      <Typography id={heading} variant="h2" sx={{ fontSize: '1.1rem', mb: 1 }}>
        {t('staffUi.rules.title')}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 3, display: 'grid', gap: 0.5 }}>
        {rules.map((r) => (
          <Typography component="li" variant="body2" key={r}>
            {r}
          </Typography>
        ))}
      </Box>
    </Paper>
  );
}
