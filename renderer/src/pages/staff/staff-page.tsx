/**
 * Staff checks and training: one row per member of staff with each check's state in words (OK until, Due, Expired,
 * Missing, Not needed) and their CPD hours this school year; add and edit a record, open a person's CPD log. Search,
 * "needs attention only" and "include staff who have left" live in the address. Prints on A4 as the single central
 * record of checks, with the rules that set the due dates.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import BadgeOutlined from '@mui/icons-material/BadgeOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import SchoolOutlined from '@mui/icons-material/SchoolOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import { COMPLIANCE_ITEMS, type ComplianceItem, type StaffRecord } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { useCan } from '../../auth/use-can';
import { PageHeader } from '../../components/page-header';
import { printInPlaceCss } from '../../components/progress/print-css';
import { ComplianceStateText } from '../../components/staff/compliance-state';
import { CpdDialog } from '../../components/staff/cpd-dialog';
import { DueRules } from '../../components/staff/due-rules';
import { StaffDialog } from '../../components/staff/staff-dialog';
import {
  filterStaff,
  formatHours,
  newStaff,
  sortStaff,
  STAFF_SORTS,
  staffToInput,
  statusOf,
  type StaffIn,
  type StaffSort,
} from '../../components/staff/staff-model';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { academicYearOf } from '../../lib/academic-year';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

const KEEP = 'staff-record-print';

/** The detail under an item's state: the level, number or date it rests on. */
function detailOf(r: StaffRecord, item: ComplianceItem, t: TFunction): string | null {
  switch (item) {
    case 'dbs': {
      const parts = [
        r.dbsNumber ? t('staffUi.detail.certificate', { number: r.dbsNumber }) : null,
        r.dbsIssueDate ? t('staffUi.detail.issued', { date: formatLongDate(r.dbsIssueDate) }) : null,
        r.dbsUpdateService
          ? r.dbsCheckedOn
            ? t('staffUi.detail.updateChecked', { date: formatLongDate(r.dbsCheckedOn) })
            : t('staffUi.detail.updateService')
          : null,
      ];
      return parts.filter(Boolean).join('; ') || null;
    }
    case 'safeguarding':
      return r.safeguardingLevel
        ? [
            t(`staffUi.levels.${r.safeguardingLevel}`),
            r.safeguardingDate ? t('staffUi.detail.trained', { date: formatLongDate(r.safeguardingDate) }) : null,
          ]
            .filter(Boolean)
            .join('; ')
        : null;
    case 'first_aid':
      return r.firstAidRequired && r.firstAidDate ? t('staffUi.detail.trained', { date: formatLongDate(r.firstAidDate) }) : null;
    case 'registration':
      return r.registrationRequired && r.registrationNumber
        ? `${r.registrationBody ? t(`staffUi.bodiesShort.${r.registrationBody}`) : ''} ${r.registrationNumber}`.trim()
        : null;
    case 'thrive':
      return r.thriveRequired && r.thriveLicence ? t('staffUi.detail.licence', { number: r.thriveLicence }) : null;
  }
}

export default function StaffPage() {
  const { t } = useTranslation();
  const title = t('staffUi.title');
  usePageTitle(title);
  const info = useSessionInfo();
  const canEdit = useCan('staff.save');
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const attentionOnly = params.get('attention') === '1';
  const includeLeft = params.get('left') === '1';
  const sortParam = params.get('sort');
  const sort: StaffSort = (STAFF_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as StaffSort) : 'name';
  const direction: 'asc' | 'desc' = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const query = useQuery({
    queryKey: qk('staff.list', { includeInactive: includeLeft }),
    queryFn: () => call('staff.list', { includeInactive: includeLeft }),
  });
  const [editing, setEditing] = useState<StaffIn | null>(null);
  const [cpdFor, setCpdFor] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const year = academicYearOf(todayIso());

  const all = query.data ?? [];
  const rows = sortStaff(filterStaff(all, search, attentionOnly), sort, direction);
  const filtered = search !== '' || attentionOnly;
  const cpdStaff = cpdFor ? all.find((s) => s.id === cpdFor) : undefined;

  const sortHeader = (key: StaffSort, label: string) => (
    <TableSortLabel
      active={sort === key}
      direction={sort === key ? direction : 'asc'}
      onClick={() => update({ sort: key === 'name' ? '' : key, dir: sort === key && direction === 'asc' ? 'desc' : '' })}
    >
      {label}
    </TableSortLabel>
  );

  const css = printInPlaceCss({
    keepClass: KEEP,
    left: t('staffUi.print.confidential'),
    right: t('staffUi.print.header', { school: info.school.name }),
    footerLeft: t('staffUi.print.printed', { date: formatLongDate(todayIso()) }),
    page: t('staffUi.print.page'),
    of: t('staffUi.print.of'),
    fontSize: '9pt',
  });

  return (
    <>
      <style>{`${css}\n@media print { @page { size: A4 landscape; } .${KEEP} td, .${KEEP} th { padding: 3pt 4pt !important; border-bottom: 0.5pt solid #000 !important; } .${KEEP} [data-state] { color: #000 !important; } }`}</style>
      <PageHeader
        title={title}
        subtitle={t('staffUi.subtitle')}
        actions={
          <>
            <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()} disabled={rows.length === 0}>
              {t('staffUi.print.button')}
            </Button>
            {canEdit ? (
              <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setEditing(newStaff())}>
                {t('staffUi.add')}
              </Button>
            ) : null}
          </>
        }
      />
      {saved ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setSaved(null)}>
          {t('staffUi.saved', { name: saved })}
        </Alert>
      ) : null}
      <Box className={KEEP}>
        <Box className="print-only" sx={{ mb: '8pt' }}>
          <Typography component="p" sx={{ fontSize: '9pt', fontWeight: 700, letterSpacing: '0.06em', textTransform: 'uppercase' }}>
            {t('staffUi.print.confidential')}
          </Typography>
          <Typography component="h1" sx={{ fontSize: '16pt', fontWeight: 700 }}>
            {t('staffUi.print.title')}
          </Typography>
          <Typography>
            {t('staffUi.print.subtitle', { school: info.school.name, date: formatLongDate(todayIso()), count: rows.length })}
          </Typography>
          {filtered || includeLeft ? <Typography>{t('staffUi.print.filtered')}</Typography> : null}
        </Box>
        <Paper variant="outlined" component="section" aria-label={t('staffUi.tableLabel')} sx={{ p: 2.5 }}>
          <Box className="no-print" sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
            <TextField
              size="small"
              label={t('staffUi.search')}
              value={search}
              onChange={(e) => update({ q: e.target.value })}
              sx={{ width: 300, flex: 'none' }}
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
            <FormControlLabel
              control={<Switch checked={attentionOnly} onChange={(e) => update({ attention: e.target.checked ? '1' : '' })} />}
              label={t('staffUi.attentionOnly')}
            />
            <FormControlLabel
              control={<Switch checked={includeLeft} onChange={(e) => update({ left: e.target.checked ? '1' : '' })} />}
              label={t('staffUi.includeLeft')}
            />
          </Box>
          {query.isPending ? (
            <Loading />
          ) : query.error ? (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          ) : all.length === 0 ? (
            <EmptyState
              icon={<BadgeOutlined />}
              title={t('staffUi.emptyTitle')}
              body={canEdit ? t('staffUi.empty') : t('staffUi.emptyReadOnly')}
              action={
                canEdit ? (
                  <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setEditing(newStaff())}>
                    {t('staffUi.add')}
                  </Button>
                ) : undefined
              }
            />
          ) : rows.length === 0 ? (
            <EmptyState
              icon={<SearchOutlined />}
              title={t('staffUi.noMatchTitle')}
              body={attentionOnly && !search ? t('staffUi.noneNeedAttention') : t('staffUi.noMatch')}
              action={<Button onClick={() => update({ q: '', attention: '' })}>{t('staffUi.clearFilters')}</Button>}
            />
          ) : (
            <TableContainer>
              <Table
                size="small"
                aria-label={t('staffUi.tableLabel')}
                sx={{ '& th': { fontWeight: 600, verticalAlign: 'bottom' }, '& td': { verticalAlign: 'top' } }}
              >
                <TableHead>
                  <TableRow>
                    <TableCell sortDirection={sort === 'name' ? direction : false}>
                      {sortHeader('name', t('staffUi.columns.name'))}
                    </TableCell>
                    {COMPLIANCE_ITEMS.map((item) => (
                      <TableCell key={item}>{t(`staffUi.items.${item}`)}</TableCell>
                    ))}
                    <TableCell align="right" sortDirection={sort === 'cpd' ? direction : false}>
                      {sortHeader('cpd', t('staffUi.columns.cpd', { year }))}
                    </TableCell>
                    <TableCell className="no-print" align="right">
                      {t('staffUi.columns.actions')}
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={r.id} data-testid="staff-row" data-name={r.name}>
                      <TableCell sx={{ minWidth: 150 }}>
                        <Typography sx={{ fontWeight: 500 }}>{r.name}</Typography>
                        <Typography variant="body2" color="text.secondary">
                          {r.jobTitle}
                        </Typography>
                        {!r.active ? (
                          <Typography variant="body2" sx={{ fontWeight: 600 }}>
                            {t('staffUi.left')}
                          </Typography>
                        ) : null}
                      </TableCell>
                      {COMPLIANCE_ITEMS.map((item) => {
                        const detail = detailOf(r, item, t);
                        return (
                          <TableCell key={item} data-item={item} sx={{ minWidth: 108 }}>
                            <ComplianceStateText status={statusOf(r, item)} />
                            {detail ? (
                              <Typography
                                variant="body2"
                                color="text.secondary"
                                sx={{ fontSize: '0.8rem', mt: 0.25, maxWidth: 170, overflowWrap: 'anywhere' }}
                              >
                                {detail}
                              </Typography>
                            ) : null}
                          </TableCell>
                        );
                      })}
                      <TableCell align="right" data-testid="staff-cpd-hours">
                        {formatHours(r.cpdHoursThisYear)}
                      </TableCell>
                      <TableCell className="no-print" align="right" sx={{ whiteSpace: 'nowrap' }}>
                        <Box sx={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'stretch', gap: 0.5 }}>
                          {canEdit ? (
                            <Button
                              size="small"
                              variant="outlined"
                              startIcon={<EditOutlined />}
                              onClick={() => setEditing(staffToInput(r))}
                              aria-label={t('staffUi.editAria', { name: r.name })}
                            >
                              {t('staffUi.edit')}
                            </Button>
                          ) : null}
                          <Button
                            size="small"
                            variant="outlined"
                            startIcon={<SchoolOutlined />}
                            onClick={() => setCpdFor(r.id)}
                            aria-label={t('staffUi.cpdAria', { name: r.name })}
                          >
                            {t('staffUi.cpdLog')}
                          </Button>
                        </Box>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </Paper>
        <DueRules />
      </Box>
      {editing ? (
        <StaffDialog
          initial={editing}
          onClose={(record) => {
            setEditing(null);
            if (record) setSaved(record.name);
          }}
        />
      ) : null}
      {cpdStaff ? <CpdDialog staff={cpdStaff} canEdit={canEdit} onClose={() => setCpdFor(null)} /> : null}
    </>
  );
}
