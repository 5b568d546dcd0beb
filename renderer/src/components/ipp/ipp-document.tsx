/**
 * The plan itself, read-only: dates, expected outcomes, goals with their GAS ladders, interventions and the
 * classroom strategies for teachers. The screen shows it in cards; print shows the same words in black on white.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import LinkOutlined from '@mui/icons-material/LinkOutlined';
import type { IppView } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { GasLadder } from './gas-ladder';
import { useDisciplines } from './use-disciplines';
import { viewLength } from './ipp-model';

type Intervention = IppView['interventions'][number];

/** "Twice a week · 30 minutes a session · for 12 weeks · 1:1 · delivered by …" */
export function interventionFacts(i: Intervention, t: TFunction): string[] {
  const facts: string[] = [];
  if (i.frequencyCount !== null && i.frequencyPeriod !== null) {
    facts.push(
      t('ippUi.intervention.frequency', { count: i.frequencyCount, period: t(`ippUi.intervention.periods.${i.frequencyPeriod}`) }),
    );
  }
  if (i.sessionMinutes !== null) facts.push(t('ippUi.intervention.minutes', { count: i.sessionMinutes }));
  if (i.durationWeeks !== null) facts.push(t('ippUi.intervention.weeks', { count: i.durationWeeks }));
  facts.push(t(`ippUi.intervention.ratiosShort.${i.staffingRatio}`));
  if (i.groupSize !== null && i.staffingRatio === 'small_group') facts.push(t('ippUi.intervention.group', { count: i.groupSize }));
  if (i.deliveredBy) facts.push(t('ippUi.intervention.deliveredBy', { who: i.deliveredBy }));
  return facts;
}

export function Section({
  title,
  intro,
  children,
  print,
  action,
  testId,
}: {
  readonly title: string;
  readonly intro?: string;
  readonly children: ReactNode;
  readonly print: boolean;
  readonly action?: ReactNode;
  readonly testId?: string;
}) {
  const id = useId();
  if (print) {
    return (
      <Box component="section" aria-labelledby={id} sx={{ mt: '10pt' }} data-testid={testId}>
        <Typography
          id={id}
          component="h2"
          sx={{ fontSize: '12.5pt', fontWeight: 700, mb: '4pt', pb: '2pt', borderBottom: '1pt solid #000', breakAfter: 'avoid' }}
        >
          {title}
        </Typography>
        {children}
      </Box>
    );
  }
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: { xs: 2, md: 2.5 } }} data-testid={testId}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: intro ? 0.5 : 1.5 }}>
        <Typography id={id} variant="h2" sx={{ fontSize: '1.15rem', flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {intro ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      ) : null}
      {children}
    </Paper>
  );
}

export function Facts({ rows, print }: { readonly rows: ReadonlyArray<readonly [string, ReactNode]>; readonly print: boolean }) {
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: print ? '90pt 1fr' : 'minmax(120px, 35%) 1fr',
        rowGap: print ? '2pt' : 1,
        columnGap: 2,
      }}
    >
      {rows.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography component="dt" color="text.secondary" sx={print ? { fontSize: '10pt' } : undefined}>
            {label}
          </Typography>
          <Typography component="dd" sx={{ m: 0, ...(print ? { fontSize: '10pt' } : {}) }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

export function PlanDetails({ view, print }: { readonly view: IppView; readonly print: boolean }) {
  const { t } = useTranslation();
  return (
    <Facts
      print={print}
      rows={[
        [t('ippUi.page.startDate'), formatLongDate(view.startDate)],
        [t('ippUi.page.reviewDate'), formatLongDate(view.reviewDate)],
        [t('ippUi.page.endDate'), formatLongDate(view.endDate)],
        [t('ippUi.page.length'), viewLength(view)],
      ]}
    />
  );
}

export function ExpectedOutcomes({ view, print }: { readonly view: IppView; readonly print: boolean }) {
  const { t } = useTranslation();
  return view.expectedOutcomes ? (
    <Typography sx={{ whiteSpace: 'pre-wrap', ...(print ? { fontSize: '10.5pt' } : {}) }}>{view.expectedOutcomes}</Typography>
  ) : (
    <Typography color="text.secondary">{t('ippUi.page.noExpectedOutcomes')}</Typography>
  );
}

export function Goals({ view, print }: { readonly view: IppView; readonly print: boolean }) {
  const { t } = useTranslation();
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: print ? '10pt' : 3 }}>
      {view.goals.map((g, i) => (
        <Box component="li" key={g.key} data-testid="ipp-goal" sx={{ breakInside: 'avoid' }}>
          <Typography component="h3" sx={{ fontWeight: 600, fontSize: print ? '11pt' : '1rem', mb: 0.25 }}>
            {t('ippUi.page.goalN', { n: i + 1 })}
            <Typography
              component="span"
              data-testid="ipp-goal-weight"
              sx={{ fontWeight: 400, color: 'text.secondary', fontSize: print ? '9.5pt' : '0.875rem', ml: 1 }}
            >
              {t('therapyRules.page.weight', { weight: g.weight })}
            </Typography>
          </Typography>
          <Typography sx={{ mb: 1, whiteSpace: 'pre-wrap', ...(print ? { fontSize: '10.5pt', mb: '3pt' } : {}) }}>
            {g.description}
          </Typography>
          {g.ehcpOutcome ? (
            print ? (
              <Typography sx={{ fontSize: '9.5pt', fontStyle: 'italic', mb: '3pt' }}>
                {t('ippUi.page.linkedOutcome', { outcome: g.ehcpOutcome })}
              </Typography>
            ) : (
              <Chip
                icon={<LinkOutlined />}
                variant="outlined"
                size="small"
                label={t('ippUi.page.linkedOutcome', { outcome: g.ehcpOutcome })}
                sx={{ mb: 1.5, maxWidth: '100%', height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.5 } }}
              />
            )
          ) : null}
          <GasLadder goal={g} n={i + 1} print={print} />
        </Box>
      ))}
    </Box>
  );
}

export function Interventions({ view, print }: { readonly view: IppView; readonly print: boolean }) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  if (view.interventions.length === 0) return <Typography color="text.secondary">{t('ippUi.page.noInterventions')}</Typography>;
  return (
    <Box component="ol" sx={{ m: 0, pl: print ? '14pt' : 3, display: 'grid', gap: print ? '5pt' : 1.5 }}>
      {view.interventions.map((iv, i) => (
        <Box component="li" key={`${iv.discipline}-${i}`} sx={{ breakInside: 'avoid' }}>
          <Typography sx={{ fontWeight: 600, ...(print ? { fontSize: '10.5pt' } : {}) }}>{disciplines.label(iv.discipline)}</Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap', ...(print ? { fontSize: '10.5pt' } : {}) }}>{iv.description}</Typography>
          <Typography variant="body2" color="text.secondary" sx={print ? { fontSize: '9.5pt' } : undefined}>
            {interventionFacts(iv, t).join(' · ')}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

export function ClassroomStrategies({ view, print }: { readonly view: IppView; readonly print: boolean }) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const rows = view.interventions.filter((i) => i.classroomStrategies);
  if (rows.length === 0) return <Typography color="text.secondary">{t('ippUi.page.noStrategies')}</Typography>;
  return (
    <Box component="ul" sx={{ m: 0, pl: print ? '14pt' : 3, display: 'grid', gap: print ? '4pt' : 1.25 }}>
      {rows.map((iv, i) => (
        <Box component="li" key={`${iv.discipline}-${i}`} sx={{ breakInside: 'avoid' }}>
          <Typography component="span" sx={{ fontWeight: 600, ...(print ? { fontSize: '10.5pt' } : {}) }}>
            {disciplines.label(iv.discipline)}:{' '}
          </Typography>
          <Typography component="span" sx={{ whiteSpace: 'pre-wrap', ...(print ? { fontSize: '10.5pt' } : {}) }}>
            {iv.classroomStrategies}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
