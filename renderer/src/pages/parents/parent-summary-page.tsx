/**
 * The parent summary print page (#/pupils/:id/parent-summary): the plain-language summary shown as an A4 sheet,
 * with a Print button. Printing shows the sheet alone (the print stylesheet hides the navigation, the top bar and
 * this page's own buttons), with "Private and confidential" and "Page n of m" on every page. The window title
 * names the screen, never the pupil.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import ArrowBack from '@mui/icons-material/ArrowBack';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { Loading, QueryError } from '../../components/status';
import { usePageTitle } from '../../lib/use-page-title';
import { printInPlaceCss } from '../../components/progress/print-css';
import { ParentSummaryDocument } from '../../components/parents/parent-summary-document';
import { qk } from '../../lib/query-keys';

const KEEP = 'parent-summary-sheet';

export default function ParentSummaryPage() {
  const { t } = useTranslation();
  usePageTitle(t('progressUi.summary.pageTitle'));
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: qk('parentUpdates.summary', id), queryFn: () => call('parentUpdates.summary', { pupilId: id }) });
  const back = (name: string) => (
    <Link component={RouterLink} to={`/pupils/${id}?tab=parents`} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <ArrowBack fontSize="small" aria-hidden />
      {t('progressUi.summary.back', { name })}
    </Link>
  );
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) {
    return (
      <>
        <Box sx={{ mb: 2 }}>{back(t('profile.title'))}</Box>
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const summary = query.data;
  const css = `${printInPlaceCss({
    keepClass: KEEP,
    left: t('progressUi.summary.header'),
    right: summary.schoolName,
    footerLeft: t('progressUi.summary.footer', { date: formatLongDate(todayIso()) }),
    page: t('progressUi.summary.page'),
    of: t('progressUi.summary.of'),
    fontSize: '12pt',
  })}
@media print {
  .${KEEP} { width: auto !important; min-height: 0 !important; padding: 0 !important; border: 0 !important; margin: 0 !important; }
}`;
  return (
    <>
      <style>{css}</style>
      <Box
        className="no-print"
        sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2, maxWidth: '210mm', mx: 'auto' }}
      >
        <Box sx={{ flex: 1, minWidth: 200 }}>{back(summary.pupilName)}</Box>
        <Button variant="contained" startIcon={<PrintOutlined />} onClick={() => window.print()}>
          {t('progressUi.summary.print')}
        </Button>
      </Box>
      <Alert severity="info" className="no-print" sx={{ mb: 2, maxWidth: '210mm', mx: 'auto' }}>
        {t('progressUi.summary.previewNote')}
      </Alert>
      <Paper
        variant="outlined"
        className={KEEP}
        sx={{
          width: '210mm',
          maxWidth: '100%',
          minHeight: '297mm',
          mx: 'auto',
          px: '16mm',
          py: '18mm',
          boxSizing: 'border-box',
          bgcolor: '#fff',
        }}
      >
        <ParentSummaryDocument summary={summary} />
      </Paper>
    </>
  );
}
