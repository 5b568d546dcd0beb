/**
 * "Plans and caseload": the band distribution against the policy's expectation, the pupils flagged on Specific,
 * then every pupil with a band, filtered by band, discipline and name, each linking to their profile.
 */
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import AssignmentIndOutlined from '@mui/icons-material/AssignmentIndOutlined';
import { BANDS, type Band } from '../../../../shared/therapy';
import { formatLongDate } from '../../../../shared/dates';
import { yearGroupLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { DistributionPanel } from '../../components/therapy/distribution-panel';
import { BandChip } from '../../components/therapy/therapy-chips';
import { CASELOAD_SORTS, sortCaseload, type CaseloadSort } from '../../components/therapy/therapy-model';
import { useDisciplines } from '../../components/therapy/use-disciplines';
import { useDebounced } from '../../lib/use-debounced';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

const READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher'] as const;
/** Selects whose empty value means "all": show that option's words rather than an empty box. */
const showEmpty = { inputLabel: { shrink: true }, select: { displayEmpty: true } } as const;

export default function CaseloadPage() {
  const { t } = useTranslation();
  const title = t('therapyUi.caseload.title');
  usePageTitle(title);
  const info = useSessionInfo();
  const canRead = (READERS as readonly string[]).includes(info.user.role);
  const disciplines = useDisciplines();
  const tableHeading = useId();
  const [params, setParams] = useSearchParams();
  const bandParam = params.get('band');
  const band = (BANDS as readonly string[]).includes(bandParam ?? '') ? (bandParam as Band) : '';
  const discipline = params.get('discipline') ?? '';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 250);
  const sortParam = params.get('sort');
  const sort: CaseloadSort = (CASELOAD_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as CaseloadSort) : 'name';
  const direction = params.get('dir') === 'desc' ? 'desc' : 'asc';

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const distribution = useQuery({ queryKey: qk('bands.distribution'), queryFn: () => call('bands.distribution', {}), enabled: canRead });
  const caseload = useQuery({
    queryKey: qk('caseload.list', { band, discipline, q }),
    queryFn: () => call('caseload.list', { band: band || undefined, discipline: discipline || undefined, search: q || undefined }),
    enabled: canRead,
    placeholderData: (prev) => prev,
  });
  const filtered = band !== '' || discipline !== '' || q !== '';
  const rows = caseload.data ? sortCaseload(caseload.data, sort, direction) : [];

  const sortHeader = (key: CaseloadSort, label: string) => (
    <TableSortLabel
      active={sort === key}
      direction={sort === key ? direction : 'asc'}
      onClick={() => update({ sort: key === 'name' ? '' : key, dir: sort === key && direction === 'asc' ? 'desc' : '' })}
    >
      {label}
    </TableSortLabel>
  );

  if (!canRead) {
    return (
      <>
        <PageHeader title={title} />
        <Paper variant="outlined">
          <EmptyState
            icon={<AssignmentIndOutlined />}
            title={t('therapyUi.caseload.noAccessTitle')}
            body={t('therapyUi.caseload.noAccess')}
          />
        </Paper>
      </>
    );
  }

  return (
    <>
      <PageHeader title={title} subtitle={t('therapyUi.caseload.subtitle')} />
      {/* One column no wider than the page: a grid column sized to its content let a wide table or chart push the page sideways. */}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'minmax(0, 1fr)' }}>
        {distribution.isPending ? (
          <Loading />
        ) : distribution.error ? (
          <QueryError error={distribution.error} onRetry={() => void distribution.refetch()} />
        ) : (
          <DistributionPanel distribution={distribution.data} />
        )}

        <Paper variant="outlined" component="section" aria-labelledby={tableHeading} sx={{ p: 2.5 }}>
          <Typography id={tableHeading} variant="h2" sx={{ fontSize: '1.15rem', mb: 0.5 }}>
            {t('therapyUi.caseload.tableTitle')}
            {caseload.data ? ` (${rows.length})` : ''}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t('therapyUi.caseload.tableIntro')}
          </Typography>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 1fr' }, mb: 2 }}>
            <TextField
              size="small"
              label={t('therapyUi.caseload.search')}
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                update({ q: e.target.value.trim() });
              }}
              slotProps={{
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <SearchOutlined fontSize="small" aria-hidden />
                    </InputAdornment>
                  ),
                },
              }}
            />
            <TextField
              select
              size="small"
              label={t('therapyUi.caseload.band')}
              value={band}
              onChange={(e) => update({ band: e.target.value })}
              slotProps={showEmpty}
            >
              <MenuItem value="">{t('therapyUi.caseload.allBands')}</MenuItem>
              {BANDS.map((b) => (
                <MenuItem key={b} value={b}>
                  {t(`bands.${b}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={t('therapyUi.caseload.discipline')}
              value={discipline}
              onChange={(e) => update({ discipline: e.target.value })}
              slotProps={showEmpty}
            >
              <MenuItem value="">{t('therapyUi.caseload.allDisciplines')}</MenuItem>
              {disciplines.options(discipline || null).map((o) => (
                <MenuItem key={o.value} value={o.value}>
                  {o.label}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          {caseload.isPending ? (
            <Loading />
          ) : caseload.error ? (
            <QueryError error={caseload.error} onRetry={() => void caseload.refetch()} />
          ) : rows.length === 0 ? (
            filtered ? (
              <EmptyState
                icon={<SearchOutlined />}
                title={t('therapyUi.caseload.noMatchTitle')}
                body={t('therapyUi.caseload.noMatch')}
                action={
                  <Button
                    variant="outlined"
                    onClick={() => {
                      setSearch('');
                      update({ band: '', discipline: '', q: '' });
                    }}
                  >
                    {t('therapyUi.caseload.clearFilters')}
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={<AssignmentIndOutlined />}
                title={t('therapyUi.caseload.emptyTitle')}
                body={t('therapyUi.caseload.empty')}
                action={
                  <Button component={RouterLink} to="/pupils" variant="outlined">
                    {t('therapyUi.caseload.toRegister')}
                  </Button>
                }
              />
            )
          ) : (
            <TableContainer>
              <Table size="small" aria-labelledby={tableHeading} data-testid="caseload-table" sx={{ '& th': { verticalAlign: 'bottom' } }}>
                <TableHead>
                  <TableRow>
                    <TableCell sortDirection={sort === 'name' ? direction : false}>
                      {sortHeader('name', t('therapyUi.columns.pupil'))}
                    </TableCell>
                    <TableCell sortDirection={sort === 'yearGroup' ? direction : false}>
                      {sortHeader('yearGroup', t('therapyUi.columns.yearGroup'))}
                    </TableCell>
                    <TableCell sortDirection={sort === 'band' ? direction : false}>
                      {sortHeader('band', t('therapyUi.columns.band'))}
                    </TableCell>
                    <TableCell sortDirection={sort === 'bandSince' ? direction : false}>
                      {sortHeader('bandSince', t('therapyUi.columns.bandSince'))}
                    </TableCell>
                    <TableCell>{t('therapyUi.columns.disciplines')}</TableCell>
                    <TableCell sortDirection={sort === 'planEnds' ? direction : false}>
                      {sortHeader('planEnds', t('therapyUi.columns.plan'))}
                    </TableCell>
                    <TableCell sortDirection={sort === 'lastAssessed' ? direction : false}>
                      {sortHeader('lastAssessed', t('therapyUi.columns.lastAssessed'))}
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={r.pupilId} hover>
                      <TableCell sx={{ fontWeight: 500 }}>
                        <Link component={RouterLink} to={`/pupils/${r.pupilId}?tab=band`}>
                          {r.name}
                        </Link>
                        {r.flagged ? (
                          <Chip
                            size="small"
                            icon={<WarningAmberOutlined aria-hidden />}
                            label={t('therapyUi.caseload.flagged')}
                            title={`${t('therapyUi.band.flagBody')}${r.nextStep ? ` ${t(`therapyRules.specific.step.${r.nextStep}`)}` : ''}`}
                            sx={{
                              ml: 1,
                              bgcolor: '#fff4e0',
                              color: '#6b4500',
                              border: '1px solid #e8c17a',
                              '& .MuiChip-icon': { color: '#6b4500' },
                            }}
                          />
                        ) : null}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{yearGroupLabel(r.yearGroup)}</TableCell>
                      <TableCell>
                        <BandChip band={r.band} needLevel={r.needLevel} />
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatLongDate(r.bandSince)}</TableCell>
                      <TableCell>
                        {r.disciplines.length ? (
                          r.disciplines.map((d) => disciplines.label(d)).join(', ')
                        ) : (
                          <Typography component="span" variant="body2" color="text.secondary">
                            {t('therapyUi.none')}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        {r.activePlan ? (
                          <>
                            <Typography variant="body2">{r.activePlan}</Typography>
                            {r.planEnds ? (
                              <Typography variant="caption" color="text.secondary">
                                {t('therapyUi.caseload.planEnds', { date: formatLongDate(r.planEnds) })}
                              </Typography>
                            ) : null}
                          </>
                        ) : (
                          <Typography component="span" variant="body2" color="text.secondary">
                            {t('therapyUi.caseload.noPlan')}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {r.lastAssessed ? (
                          formatLongDate(r.lastAssessed)
                        ) : (
                          <Typography component="span" variant="body2" color="text.secondary">
                            {t('therapyUi.caseload.notAssessed')}
                          </Typography>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </Paper>
      </Box>
    </>
  );
}
