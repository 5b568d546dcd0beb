/**
 * The report for governors (feedback.report): for a period (this academic year unless chosen), feedback counted
 * by source and sentiment, and complaints by source, resolved with the SENCo or escalated, open or closed, the
 * median working days to acknowledge and to respond, and how many were acknowledged late. Counts only: no names.
 * Prints on A4 with "Confidential" and page numbers.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../../../shared/i18n';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  ACKNOWLEDGE_WORKING_DAYS,
  FEEDBACK_SENTIMENTS,
  FEEDBACK_SOURCES,
  RESPOND_WORKING_DAYS,
  type GovernorsReport,
} from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { call } from '../../api/client';
import { Loading, QueryError } from '../status';
import { countRows, formatDays } from './feedback-model';
import { qk } from '../../lib/query-keys';

export const REPORT_KEEP = 'governors-report-print';

function CountTable({
  label,
  rows,
  labelOf,
  testId,
}: {
  readonly label: string;
  readonly rows: ReadonlyArray<{ readonly key: string; readonly count: number }>;
  readonly labelOf: (key: string) => string;
  readonly testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-label={label} data-testid={testId} sx={{ '& th': { fontWeight: 600 } }}>
      <TableHead>
        <TableRow>
          <TableCell>{label}</TableCell>
          <TableCell align="right" sx={{ width: 90 }}>
            {t('staffUi.report.number')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key} data-key={r.key}>
            <TableCell>{labelOf(r.key)}</TableCell>
            <TableCell align="right">{r.count}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Figures({
  label,
  rows,
  testId,
}: {
  readonly label: string;
  readonly rows: ReadonlyArray<{ readonly key: string; readonly label: string; readonly value: string }>;
  readonly testId: string;
}) {
  return (
    <Table size="small" aria-label={label} data-testid={testId}>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key} data-key={r.key}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 400 }}>
              {r.label}
            </TableCell>
            <TableCell align="right" sx={{ fontWeight: 600, width: 180 }}>
              {r.value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ReportBody({ report, school }: { readonly report: GovernorsReport; readonly school: string }) {
  const { t } = useTranslation();
  const c = report.complaints;
  const sourceLabel = (k: string) => codeLabel('staffUi.feedback.sourcesPlural', k);
  const sentimentLabel = (k: string) =>
    k === 'not_recorded' ? t('staffUi.feedback.notRecorded') : codeLabel('staffUi.feedback.sentiments', k);
  const days = (n: number | null, none: string) => (n === null ? none : t('staffUi.report.workingDays', { count: n, days: formatDays(n) }));
  return (
    <Box sx={{ display: 'grid', gap: 2.5 }}>
      <Box>
        <Typography variant="h2" component="h2" sx={{ fontSize: '1.3rem' }}>
          {t('staffUi.report.title')}
        </Typography>
        <Typography data-testid="report-period">
          {t('staffUi.report.period', { school, from: formatLongDate(report.from), to: formatLongDate(report.to) })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('staffUi.report.noNames')}
        </Typography>
      </Box>

      <Box component="section" aria-labelledby="report-complaints">
        <Typography id="report-complaints" variant="h3" sx={{ mb: 1 }}>
          {t('staffUi.report.complaints', { count: c.total })}
        </Typography>
        <Box
          className="print-grid"
          sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}
        >
          <Figures
            label={t('staffUi.report.complaintFigures')}
            testId="report-complaint-figures"
            rows={[
              { key: 'total', label: t('staffUi.report.total'), value: String(c.total) },
              { key: 'resolvedAtSenco', label: t('staffUi.report.resolvedAtSenco'), value: String(c.resolvedAtSenco) },
              { key: 'escalated', label: t('staffUi.report.escalated'), value: String(c.escalated) },
              { key: 'open', label: t('staffUi.report.open'), value: String(c.open) },
              { key: 'closed', label: t('staffUi.report.closed'), value: String(c.closed) },
              {
                key: 'medianAck',
                label: t('staffUi.report.medianAck', { count: ACKNOWLEDGE_WORKING_DAYS }),
                value: days(c.medianDaysToAcknowledge, t('staffUi.report.noneAcknowledged')),
              },
              {
                key: 'medianRespond',
                label: t('staffUi.report.medianRespond', { count: RESPOND_WORKING_DAYS }),
                value: days(c.medianDaysToRespond, t('staffUi.report.noneResponded')),
              },
              { key: 'acknowledgedLate', label: t('staffUi.report.acknowledgedLate'), value: String(c.acknowledgedLate) },
            ]}
          />
          <CountTable
            label={t('staffUi.report.bySource')}
            rows={countRows(c.bySource, FEEDBACK_SOURCES)}
            labelOf={sourceLabel}
            testId="report-complaint-sources"
          />
        </Box>
      </Box>

      <Box component="section" aria-labelledby="report-feedback">
        <Typography id="report-feedback" variant="h3" sx={{ mb: 1 }}>
          {t('staffUi.report.feedback', { count: report.feedback.total })}
        </Typography>
        <Box
          className="print-grid"
          sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}
        >
          <CountTable
            label={t('staffUi.report.bySource')}
            rows={countRows(report.feedback.bySource, FEEDBACK_SOURCES)}
            labelOf={sourceLabel}
            testId="report-feedback-sources"
          />
          <CountTable
            label={t('staffUi.report.bySentiment')}
            rows={countRows(report.feedback.bySentiment, [...FEEDBACK_SENTIMENTS, 'not_recorded'])}
            labelOf={sentimentLabel}
            testId="report-feedback-sentiments"
          />
        </Box>
      </Box>
      <Typography variant="body2" color="text.secondary">
        {t('staffUi.report.method', { ack: ACKNOWLEDGE_WORKING_DAYS, respond: RESPOND_WORKING_DAYS })}
      </Typography>
    </Box>
  );
}

export function GovernorsReportView({ from, to, school }: { readonly from: string; readonly to: string; readonly school: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: qk('feedback.report', { from, to }), queryFn: () => call('feedback.report', { from, to }) });
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={t('staffUi.report.title')}
      className={REPORT_KEEP}
      sx={{ p: 3 }}
      data-testid="governors-report"
    >
      <Typography
        className="print-only"
        sx={{ fontSize: '9pt', fontWeight: 700, letterSpacing: '0.06em', textTransform: 'uppercase', mb: '4pt' }}
      >
        {t('staffUi.print.confidential')}
      </Typography>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ReportBody report={query.data} school={school} />
      )}
    </Paper>
  );
}
