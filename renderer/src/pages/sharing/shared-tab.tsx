/**
 * The pupil profile's "Shared" tab: everything exported about this pupil for another organisation (subject access
 * style): when, by whom, to whom, which sections, the lawful basis and how it was locked. "Print this list" prints
 * the tab alone on A4 with "Confidential" and page numbers on every page.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import ShareOutlined from '@mui/icons-material/ShareOutlined';
import type { PupilProfile } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { printInPlaceCss } from '../../components/progress/print-css';
import { SharingTable } from '../../components/sharing/sharing-table';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { qk } from '../../lib/query-keys';

const KEEP = 'shared-print-area';

export function SharedTab({ pupil }: { readonly pupil: Pick<PupilProfile, 'id' | 'name' | 'upn'> }) {
  const { t } = useTranslation();
  const input = { pupilId: pupil.id };
  const query = useQuery({ queryKey: qk('exports.log', input), queryFn: () => call('exports.log', input) });
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data;
  const css = printInPlaceCss({
    keepClass: KEEP,
    left: t('sharingUi.shared.confidential'),
    right: t('sharingUi.shared.printTitle', { name: pupil.name }),
    footerLeft: t('sharingUi.shared.printed', { date: formatLongDate(todayIso()) }),
    page: t('sharingUi.shared.page'),
    of: t('sharingUi.shared.of'),
  });
  return (
    <Paper variant="outlined" className={KEEP} sx={{ p: 2.5, display: 'grid', gap: 2 }} data-testid="shared-tab">
      <style>{css}</style>
      <Box className="print-only">
        <Typography component="p" sx={{ fontSize: '17pt', fontWeight: 700, lineHeight: 1.2 }}>
          {t('sharingUi.shared.printTitle', { name: pupil.name })}
        </Typography>
        <Typography sx={{ fontSize: '10.5pt', mb: '6pt' }}>{t('profile.upnShort', { upn: pupil.upn })}</Typography>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 260 }}>
          <Typography variant="h2" sx={{ fontSize: '1.15rem', mb: 0.5 }}>
            {t('sharingUi.shared.title')}
          </Typography>
          <Typography color="text.secondary">{t('sharingUi.shared.intro', { name: pupil.name })}</Typography>
        </Box>
        {rows.length ? (
          <Button className="no-print" variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()}>
            {t('sharingUi.shared.print')}
          </Button>
        ) : null}
      </Box>
      {rows.length === 0 ? (
        <EmptyState
          icon={<ShareOutlined />}
          title={t('sharingUi.shared.empty', { name: pupil.name })}
          body={t('sharingUi.shared.emptyBody')}
        />
      ) : (
        <SharingTable rows={rows} label={t('sharingUi.shared.label', { name: pupil.name })} />
      )}
    </Paper>
  );
}
