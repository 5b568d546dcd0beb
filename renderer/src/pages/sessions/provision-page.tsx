/**
 * Provision delivered, school-wide: every pupil's EHC plan provision (section F) and plan interventions, with the
 * sessions and hours planned this term or this year against those delivered, sorted by the shortfall, and why
 * sessions were missed. Prints on A4 marked "Confidential".
 */
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import ArrowBack from '@mui/icons-material/ArrowBack';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import { YEAR_GROUPS, type YearGroup } from '../../../../shared/domain';
import { formatLongDate } from '../../../../shared/dates';
import { codeLabel, yearGroupLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { ProvisionTable } from '../../components/sessions/provision-table';
import { ProvisionPrint } from '../../components/sessions/provision-print';
import {
  figures,
  hoursFigure,
  minutesInWords,
  PROVISION_SORTS,
  type Period,
  type ProvisionSort,
} from '../../components/sessions/session-model';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

const READERS = ['senco', 'therapy_lead', 'headteacher'];

export default function ProvisionPage() {
  const { t } = useTranslation();
  const title = t('sessionsUi.provision.title');
  usePageTitle(title);
  const info = useSessionInfo();
  const canRead = READERS.includes(info.user.role);
  const heading = useId();
  const [params, setParams] = useSearchParams();
  const period: Period = params.get('period') === 'year' ? 'year' : 'term';
  const sortParam = params.get('sort');
  const sort: ProvisionSort = (PROVISION_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as ProvisionSort) : 'shortfall';
  const dirParam = params.get('dir');
  const direction: 'asc' | 'desc' = dirParam === 'asc' || dirParam === 'desc' ? dirParam : sort === 'pupil' ? 'asc' : 'desc';
  const yearParam = params.get('year') ?? '';
  const yearGroup = (YEAR_GROUPS as readonly string[]).includes(yearParam) ? (yearParam as YearGroup) : '';
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const report = useQuery({
    queryKey: qk('provision.delivered', { yearGroup }),
    queryFn: () => call('provision.delivered', { yearGroup: yearGroup || undefined }),
    enabled: canRead,
  });

  const back = (
    <Link component={RouterLink} to="/sessions" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <ArrowBack fontSize="small" aria-hidden />
      {t('sessionsUi.provision.back')}
    </Link>
  );
  if (!canRead) {
    return (
      <>
        <PageHeader eyebrow={back} title={title} />
        <Paper variant="outlined">
          <EmptyState
            icon={<FactCheckOutlined />}
            title={t('sessionsUi.provision.noAccessTitle')}
            body={t('sessionsUi.provision.noAccess')}
          />
        </Paper>
      </>
    );
  }
  if (report.isPending) return <Loading />;
  if (report.error) {
    return (
      <>
        <PageHeader eyebrow={back} title={title} />
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      </>
    );
  }
  const data = report.data;
  const span = period === 'term' ? data.term : data.year;
  const periodLine = span
    ? t('sessionsUi.provision.periodLine', {
        name: span.name ? codeLabel('sessionsUi.seasons', span.name) : t('sessionsUi.provision.thisTerm'),
        from: formatLongDate(span.from),
        to: formatLongDate(data.today < span.to ? data.today : span.to),
      })
    : t('sessionsUi.provision.noTerm');
  const short = data.lines.filter((l) => figures(l, period).shortfallMinutes > 0);
  const totalShort = short.reduce((a, l) => a + figures(l, period).shortfallMinutes, 0);

  return (
    <>
      <PageHeader
        eyebrow={back}
        title={title}
        subtitle={t('sessionsUi.provision.subtitle')}
        actions={
          <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()} disabled={data.lines.length === 0}>
            {t('sessionsUi.provision.print')}
          </Button>
        }
      />
      <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5 }}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
          <Box sx={{ flex: 1, minWidth: 240 }}>
            <Typography id={heading} variant="h2" sx={{ fontSize: '1.15rem' }}>
              {period === 'term' ? t('sessionsUi.provision.termHeading') : t('sessionsUi.provision.yearHeading')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {periodLine}
            </Typography>
          </Box>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={period}
            onChange={(_, v: Period | null) => v && update({ period: v === 'term' ? '' : v })}
            aria-label={t('sessionsUi.provision.periodAria')}
          >
            <ToggleButton value="term" sx={{ textTransform: 'none' }}>
              {t('sessionsUi.provision.term')}
            </ToggleButton>
            <ToggleButton value="year" sx={{ textTransform: 'none' }}>
              {t('sessionsUi.provision.year')}
            </ToggleButton>
          </ToggleButtonGroup>
          <TextField
            select
            size="small"
            label={t('sessionsUi.provision.yearGroup')}
            value={yearGroup}
            onChange={(e) => update({ year: e.target.value })}
            sx={{ width: 200, flex: 'none' }}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
          >
            <MenuItem value="">{t('sessionsUi.provision.allYears')}</MenuItem>
            {YEAR_GROUPS.map((y) => (
              <MenuItem key={y} value={y}>
                {yearGroupLabel(y)}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        {data.lines.length === 0 ? (
          <EmptyState
            icon={<FactCheckOutlined />}
            title={t('sessionsUi.provision.emptyTitle')}
            body={yearGroup ? t('sessionsUi.provision.emptyFiltered') : t('sessionsUi.provision.empty')}
          />
        ) : (
          <>
            <Typography sx={{ mb: 2 }} role="status" data-testid="provision-summary">
              {short.length === 0
                ? t('sessionsUi.provision.allOnTrack')
                : t('sessionsUi.provision.summary', {
                    count: short.length,
                    hours: hoursFigure(totalShort),
                    words: minutesInWords(totalShort),
                  })}
            </Typography>
            <ProvisionTable
              lines={data.lines}
              period={period}
              sort={sort}
              direction={direction}
              onSort={(key) =>
                update({
                  sort: key === 'shortfall' ? '' : key,
                  dir: sort === key ? (direction === 'asc' ? 'desc' : 'asc') : key === 'pupil' ? 'asc' : 'desc',
                })
              }
            />
          </>
        )}
      </Paper>
      {data.lines.length > 0 ? (
        <ProvisionPrint
          title={title}
          periodLine={periodLine}
          lines={data.lines}
          period={period}
          sort={sort}
          direction={direction}
          showPupil
        />
      ) : null}
    </>
  );
}
