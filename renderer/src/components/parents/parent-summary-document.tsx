/**
 * The parent summary as a document for families (parentUpdates.summary): plain language, sized in points so the
 * screen preview is what prints on A4. It holds only what the summary carries: goals and what success looks like,
 * how each goal is going in words (never a score), the support and how often, what helps in class, sessions this
 * term, the next review and how to reach the SENCo. No clinical notes, no assessments.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ParentSummary } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { goingKey } from '../progress/progress-model';
import { PRINT_FONT_STACK } from '../../script-fonts';

const body = { fontSize: '12pt', lineHeight: 1.45, color: '#0b0c0c' } as const;

function Heading({ children }: { readonly children: ReactNode }) {
  return (
    <Typography
      component="h2"
      sx={{
        fontSize: '15pt',
        fontWeight: 700,
        mt: '16pt',
        mb: '6pt',
        pb: '3pt',
        borderBottom: '1pt solid #0b0c0c',
        breakAfter: 'avoid',
        color: '#0b0c0c',
      }}
    >
      {children}
    </Typography>
  );
}

function P({ children, testId }: { readonly children: ReactNode; readonly testId?: string }) {
  return (
    <Typography sx={{ ...body, mb: '6pt' }} data-testid={testId}>
      {children}
    </Typography>
  );
}

export function ParentSummaryDocument({ summary }: { readonly summary: ParentSummary }) {
  const { t } = useTranslation();
  const name = summary.pupilName;
  const listSx = { m: 0, pl: '18pt', display: 'grid', gap: '8pt', '& li': { ...body, breakInside: 'avoid' } } as const;
  return (
    <Box component="article" data-testid="parent-summary" sx={{ ...body, fontFamily: PRINT_FONT_STACK }}>
      <Typography
        sx={{ fontSize: '11pt', fontWeight: 700, letterSpacing: '0.04em', textTransform: 'uppercase', color: '#0b0c0c' }}
        data-testid="parent-summary-school"
      >
        {summary.schoolName}
      </Typography>
      <Typography component="h1" sx={{ fontSize: '22pt', fontWeight: 700, lineHeight: 1.2, mt: '4pt', color: '#0b0c0c' }}>
        {t('progressUi.summary.title', { name })}
      </Typography>
      <Typography sx={{ ...body, fontSize: '11pt', mb: '10pt' }}>
        {summary.yearGroup ? `${summary.yearGroup} · ` : ''}
        {formatLongDate(todayIso())}
      </Typography>
      <P>{t('progressUi.summary.intro', { name })}</P>
      {summary.band ? <P>{t(`progressUi.summary.band.${summary.band}`, { name })}</P> : null}

      <Heading>{t('progressUi.summary.working')}</Heading>
      {summary.goals.length === 0 ? (
        <P>{t('progressUi.summary.workingNone', { name })}</P>
      ) : (
        <Box component="ol" sx={listSx} data-testid="parent-summary-goals">
          {summary.goals.map((g, i) => (
            <li key={i}>
              <Box component="span" sx={{ fontWeight: 700, display: 'block' }}>
                {g.description}
              </Box>
              {g.expected ? (
                <Box component="span" sx={{ display: 'block' }}>
                  <Box component="span" sx={{ fontWeight: 500 }}>
                    {t('progressUi.summary.success')}
                  </Box>{' '}
                  {g.expected}
                </Box>
              ) : null}
              <Box component="span" sx={{ display: 'block', fontStyle: 'italic' }}>
                {t(`progressUi.summary.going.${goingKey(g.latest)}`)}
              </Box>
            </li>
          ))}
        </Box>
      )}

      <Heading>{t('progressUi.summary.support')}</Heading>
      {summary.support.length === 0 ? (
        <P>{t('progressUi.summary.supportNone')}</P>
      ) : (
        <Box component="ul" sx={listSx} data-testid="parent-summary-support">
          {summary.support.map((s, i) => (
            <li key={i}>
              <Box component="span" sx={{ fontWeight: 700, display: 'block' }}>
                {s.description}
              </Box>
              <Box component="span" sx={{ display: 'block' }}>
                {t('progressUi.summary.supportBy', { discipline: s.discipline })}
                {s.frequency ? ` · ${t('progressUi.summary.howOften', { frequency: s.frequency })}` : ''}
              </Box>
            </li>
          ))}
        </Box>
      )}

      <Heading>{t('progressUi.summary.classroom')}</Heading>
      {summary.classroomStrategies.length === 0 ? (
        <P>{t('progressUi.summary.classroomNone')}</P>
      ) : (
        <Box component="ul" sx={listSx} data-testid="parent-summary-strategies">
          {summary.classroomStrategies.map((s, i) => (
            <Box component="li" key={i} sx={{ whiteSpace: 'pre-line' }}>
              {s}
            </Box>
          ))}
        </Box>
      )}

      <Heading>{t('progressUi.summary.sessions')}</Heading>
      <P testId="parent-summary-sessions">
        {summary.sessionsThisTerm && Math.round(summary.sessionsThisTerm.planned) > 0
          ? [
              t('progressUi.summary.sessionsLine', {
                name,
                attended: summary.sessionsThisTerm.attended,
                count: Math.round(summary.sessionsThisTerm.planned),
              }),
              // Not recorded is not "missed": the parent is told plainly that the record is incomplete.
              summary.sessionsThisTerm.notRecorded
                ? t('progressUi.summary.sessionsNotRecorded', { count: summary.sessionsThisTerm.notRecorded })
                : '',
            ]
              .filter(Boolean)
              .join(' ')
          : t('progressUi.summary.sessionsNone')}
      </P>

      <Heading>{t('progressUi.summary.nextReview')}</Heading>
      <P testId="parent-summary-review">
        {summary.nextReview
          ? t('progressUi.summary.nextReviewLine', {
              what: t(`progressUi.summary.reviewWhat.${summary.nextReview.kind}`, { name }),
              date: formatLongDate(summary.nextReview.date),
            })
          : t('progressUi.summary.nextReviewNone')}
      </P>
      {summary.lastUpdate ? (
        <P>
          {t('progressUi.summary.lastUpdate', {
            date: formatLongDate(summary.lastUpdate.date),
            method: t(`progressUi.parents.methods.${summary.lastUpdate.method}`).toLowerCase(),
          })}
        </P>
      ) : null}

      <Heading>{t('progressUi.summary.contactTitle')}</Heading>
      <P>{t('progressUi.summary.contact', { school: summary.schoolName })}</P>
    </Box>
  );
}
