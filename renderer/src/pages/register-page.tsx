import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import FilterAltOffOutlined from '@mui/icons-material/FilterAltOffOutlined';
import PeopleAltOutlined from '@mui/icons-material/PeopleAltOutlined';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { DataGrid, useGridApiRef, type GridColDef, type GridSortModel } from '@mui/x-data-grid';
import type { PupilRow, PupilSortField } from '../../../shared/contract';
import { PUPIL_SORT_FIELDS } from '../../../shared/contract';
import { formatUkDate } from '../../../shared/dates';
import { yearGroupLabel } from '../../../shared/i18n';
import { call, invoke } from '../api/client';
import { useSessionInfo } from '../auth/auth';
import { PageHeader } from '../components/page-header';
import { SenStatusChip } from '../components/sen-status-chip';
import { EmptyState, QueryError } from '../components/status';
import { RegisterSummaryPanel } from '../components/register/register-summary-panel';
import { downloadCsv } from '../components/register/download';
import { needOptions, senStatusOptions, yearGroupOptions } from '../lib/options';
import {
  PAGE_SIZES,
  isFiltered,
  parseRegisterView,
  registerViewToFilter,
  registerViewToInput,
  registerViewToParams,
  type RegisterView,
} from '../lib/register-params';
import { useDebounced } from '../lib/use-debounced';
import { usePageTitle } from '../lib/use-page-title';
import { canRole } from '../auth/use-can';
import { AddPupilButton } from '../components/register/add-pupil-button';
import { qk } from '../lib/query-keys';
import { visuallyHidden } from '../lib/visually-hidden';

/** One of the register's filters: "All", or one of its options. */
function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  readonly label: string;
  readonly value: string | null | undefined;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField select size="small" label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
      <MenuItem value="">{t('register.filters.all')}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

export default function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('register.title'));
  const navigate = useNavigate();
  const info = useSessionInfo();
  // Read from the contract's access lists, as the dispatcher enforces them.
  const canAdd = canRole(info.user.role, 'pupils.create');
  const canSummarise = canRole(info.user.role, 'register.summary');
  const canExport = canRole(info.user.role, 'register.export');
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseRegisterView(params), [params]);

  const update = (patch: Partial<RegisterView>) => {
    // Any change but paging starts again at the first page.
    const next = { ...view, page: 0, ...patch };
    setParams(registerViewToParams(next), { replace: true });
  };

  // The search box answers as you type, debounced so the core is asked once a pause (~200 ms).
  const [searchText, setSearchText] = useState(view.search);
  const [seenSearch, setSeenSearch] = useState(view.search);
  const debouncedSearch = useDebounced(searchText, 200);
  if (view.search !== seenSearch) {
    setSeenSearch(view.search);
    // The address changed. If it is our own settled search arriving, what the user typed since stays in the box;
    // only a change from elsewhere (Back, a link, "Clear search") replaces the box's text.
    if (view.search !== debouncedSearch) setSearchText(view.search);
  }
  useEffect(() => {
    if (debouncedSearch !== view.search) {
      setParams(registerViewToParams({ ...view, search: debouncedSearch, page: 0 }), { replace: true });
    }
    // Only a settled search should write to the address; view changes from elsewhere are synced above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);

  const input = registerViewToInput(view);
  const query = useQuery({
    queryKey: qk('pupils.list', input),
    queryFn: () => call('pupils.list', input),
    placeholderData: keepPreviousData,
  });
  // Counts with the same filters (unaudited), and the classes on roll for the class filter.
  const filter = registerViewToFilter(view);
  const summary = useQuery({
    queryKey: qk('register.summary', filter),
    queryFn: () => call('register.summary', filter),
    placeholderData: keepPreviousData,
    enabled: canSummarise,
  });
  const classes = useQuery({
    queryKey: qk('register.summary', { includeFormer: view.includeFormer }),
    queryFn: () => call('register.summary', { includeFormer: view.includeFormer }),
    enabled: canSummarise,
  });
  const classNames = [
    ...new Set([
      ...(classes.data?.byClass ?? []).map((c) => c.className).filter((c): c is string => c !== null),
      ...(view.className ? [view.className] : []),
    ]),
  ];

  const [exporting, setExporting] = useState(false);
  const [exportMessage, setExportMessage] = useState<{ kind: 'success' | 'info' | 'error'; text: string } | null>(null);
  const exportCsv = async () => {
    setExporting(true);
    setExportMessage(null);
    const result = await invoke('register.export', filter);
    setExporting(false);
    if (!result.ok) {
      setExportMessage({ kind: 'error', text: result.error.message });
      return;
    }
    const { filename, csv, rows: count } = result.value;
    downloadCsv(filename, csv);
    setExportMessage(
      count === 0
        ? { kind: 'info', text: t('clocksUi.register.exportedNone', { filename }) }
        : { kind: 'success', text: t('clocksUi.register.exported', { count, filename }) },
    );
  };

  const columns = useMemo<GridColDef<PupilRow>[]>(
    () => [
      {
        field: 'name',
        headerName: t('register.columns.name'),
        flex: 1.4,
        minWidth: 200,
        renderCell: ({ row }) => (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0, height: '100%' }}>
            <Typography component="span" sx={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {row.name}
            </Typography>
            {row.former ? <Chip size="small" variant="outlined" label={t('register.former')} /> : null}
          </Box>
        ),
      },
      { field: 'upn', headerName: t('register.columns.upn'), width: 160, cellClassName: 'upn-cell' },
      {
        field: 'yearGroup',
        headerName: t('register.columns.yearGroup'),
        width: 120,
        valueFormatter: (v: PupilRow['yearGroup']) => yearGroupLabel(v),
      },
      { field: 'className', headerName: t('register.columns.className'), width: 110, valueFormatter: (v: string | null) => v ?? '' },
      {
        field: 'senStatus',
        headerName: t('register.columns.senStatus'),
        width: 170,
        renderCell: ({ row }) => (
          <Box sx={{ display: 'flex', alignItems: 'center', height: '100%' }}>
            <SenStatusChip status={row.senStatus} />
          </Box>
        ),
      },
      {
        field: 'primaryNeed',
        headerName: t('register.columns.primaryNeed'),
        flex: 1.2,
        minWidth: 180,
        valueFormatter: (v: PupilRow['primaryNeed']) => (v ? t(`needs.${v}`) : t('register.noNeed')),
      },
      {
        field: 'dateOfBirth',
        headerName: t('register.columns.dateOfBirth'),
        width: 140,
        valueFormatter: (v: string) => formatUkDate(v),
      },
    ],
    [t],
  );

  const sortModel: GridSortModel = [{ field: view.sort, sort: view.direction }];
  const rows = query.data?.rows ?? [];
  const total = query.data?.total ?? 0;

  // From the search box to the results in one key press (Down arrow or Enter), not a Tab through every filter and
  // count: focus goes to the first pupil's name cell, where the arrows move through the grid and Enter opens the pupil.
  // Typed text not yet searched for is searched for first; focus follows when its results arrive.
  const apiRef = useGridApiRef();
  const wantResults = useRef(false);
  const focusFirstResult = () => {
    const first = rows[0];
    if (!first) return;
    apiRef.current?.scrollToIndexes({ rowIndex: 0, colIndex: 0 });
    apiRef.current?.setCellFocus(first.id, 'name');
  };
  const onSearchKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'Enter') return;
    e.preventDefault();
    if (searchText !== view.search) {
      wantResults.current = true;
      update({ search: searchText });
    } else {
      focusFirstResult();
    }
  };
  useEffect(() => {
    if (!wantResults.current || query.isFetching || searchText !== view.search) return;
    wantResults.current = false;
    focusFirstResult();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.isFetching, query.data, view.search]);
  const filtered = isFiltered(view);

  const clearFilters = () => {
    setSearchText('');
    update({ search: '', yearGroup: null, senStatus: null, need: null, className: null, thread: null });
  };

  const noRows = () => (
    <EmptyState
      icon={<PeopleAltOutlined />}
      title={filtered ? t('register.empty.filteredTitle') : t('register.empty.title')}
      body={
        filtered
          ? view.search.trim()
            ? t('register.empty.filteredSearch', { search: view.search.trim() })
            : t('register.empty.filteredBody')
          : canAdd
            ? t('register.empty.body')
            : t('register.empty.bodyReadOnly')
      }
      action={
        filtered ? (
          <Button variant="outlined" startIcon={<FilterAltOffOutlined />} onClick={clearFilters}>
            {t('register.clearFilters')}
          </Button>
        ) : canAdd ? (
          <AddPupilButton />
        ) : undefined
      }
    />
  );

  return (
    <>
      <PageHeader
        title={t('register.title')}
        subtitle={query.data ? t('register.count', { count: total }) : ' '}
        actions={
          canAdd || canExport ? (
            <>
              {canExport ? (
                <Button
                  variant="outlined"
                  startIcon={<FileDownloadOutlined />}
                  onClick={() => void exportCsv()}
                  disabled={exporting}
                  title={t('clocksUi.register.exportHint')}
                >
                  {exporting ? t('clocksUi.register.exporting') : t('clocksUi.register.export')}
                </Button>
              ) : null}
              <AddPupilButton />
            </>
          ) : undefined
        }
      />
      {exportMessage ? (
        <Alert
          severity={exportMessage.kind}
          role={exportMessage.kind === 'error' ? 'alert' : 'status'}
          onClose={() => setExportMessage(null)}
          sx={{ mb: 2 }}
        >
          {exportMessage.text}
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Box
          role="search"
          aria-label={t('register.filtersLabel')}
          sx={{ display: 'grid', gap: 2, alignItems: 'center', gridTemplateColumns: { xs: '1fr', md: '1.8fr 1fr 1.2fr 1.2fr 0.7fr auto' } }}
        >
          <TextField
            label={t('register.search')}
            placeholder={t('register.searchPlaceholder')}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={onSearchKeyDown}
            size="small"
            type="search"
            slotProps={{
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchOutlined aria-hidden />
                  </InputAdornment>
                ),
              },
              htmlInput: { maxLength: 100, 'aria-describedby': 'register-search-hint' },
            }}
          />
          <FilterSelect
            label={t('register.filters.yearGroup')}
            value={view.yearGroup}
            options={yearGroupOptions()}
            onChange={(v) => update({ yearGroup: v as RegisterView['yearGroup'] })}
          />
          <FilterSelect
            label={t('register.filters.senStatus')}
            value={view.senStatus}
            options={senStatusOptions()}
            onChange={(v) => update({ senStatus: v as RegisterView['senStatus'] })}
          />
          <FilterSelect
            label={t('register.filters.need')}
            value={view.need}
            options={needOptions()}
            onChange={(v) => update({ need: v as RegisterView['need'] })}
          />
          <FilterSelect
            label={t('clocksUi.register.classFilter')}
            value={view.className}
            options={classNames.map((c) => ({ value: c, label: c }))}
            onChange={(v) => update({ className: v })}
          />
          <FormControlLabel
            sx={{ m: 0, whiteSpace: 'nowrap' }}
            control={<Switch checked={view.includeFormer} onChange={(e) => update({ includeFormer: e.target.checked })} />}
            label={t('register.showFormer')}
          />
        </Box>
        <Box component="span" id="register-search-hint" sx={visuallyHidden}>
          {t('register.toResultsHint')}
        </Box>
        {/* How many the search found, said when it settles (the count is also the page's subtitle). */}
        <Box role="status" sx={visuallyHidden} data-testid="register-results-status">
          {view.search.trim() && query.data && !query.isFetching ? t('register.resultsStatus', { count: total }) : ''}
        </Box>
        {filtered ? (
          <Box sx={{ mt: 1.5, display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            {view.thread ? (
              // The dashboard's golden-thread count opens the register with this filter (dashboard.worklist).
              <Chip data-testid="register-thread-filter" label={t('register.threadFilter')} onDelete={() => update({ thread: null })} />
            ) : null}
            <Typography variant="body2" color="text.secondary">
              {t('register.filteredNote')}
            </Typography>
            <Button size="small" startIcon={<FilterAltOffOutlined />} onClick={clearFilters}>
              {t('register.clearFilters')}
            </Button>
          </Box>
        ) : null}
      </Paper>
      {query.error ? (
        <Box sx={{ mb: 2 }}>
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Box>
      ) : null}
      {canSummarise && !summary.error ? (
        <RegisterSummaryPanel summary={summary.data} view={view} onFilter={(patch) => update(patch)} />
      ) : null}
      <Paper variant="outlined" sx={{ height: 'calc(100vh - 330px)', minHeight: 440, overflow: 'hidden' }}>
        <DataGrid<PupilRow>
          apiRef={apiRef}
          aria-label={t('register.gridLabel')}
          rows={rows}
          columns={columns}
          rowCount={total}
          loading={query.isFetching && !query.data}
          paginationMode="server"
          sortingMode="server"
          filterMode="server"
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={(m) =>
            setParams(registerViewToParams({ ...view, page: m.page, pageSize: m.pageSize }), { replace: true })
          }
          pageSizeOptions={[...PAGE_SIZES]}
          sortModel={sortModel}
          sortingOrder={['asc', 'desc']}
          onSortModelChange={(m) => {
            const first = m[0];
            const field =
              first && (PUPIL_SORT_FIELDS as readonly string[]).includes(first.field) ? (first.field as PupilSortField) : 'name';
            update({ sort: field, direction: first?.sort === 'desc' ? 'desc' : 'asc' });
          }}
          disableColumnFilter
          disableColumnSelector
          disableRowSelectionOnClick
          onRowClick={({ row }) => void navigate(`/pupils/${row.id}`)}
          onCellKeyDown={(params, event) => {
            if (event.key === 'Enter') {
              event.defaultMuiPrevented = true;
              void navigate(`/pupils/${params.row.id}`);
            }
          }}
          getRowClassName={({ row }) => (row.former ? 'former-row' : '')}
          slots={{ noRowsOverlay: noRows, noResultsOverlay: noRows }}
          localeText={{ noRowsLabel: t('register.empty.title') }}
          sx={{
            border: 0,
            '& .MuiDataGrid-row': { cursor: 'pointer' },
            '& .MuiDataGrid-columnHeaders': { bgcolor: '#f7f9fb' },
            '& .MuiDataGrid-columnHeaderTitle': { fontWeight: 600 },
            '& .upn-cell': { fontFamily: '"Roboto Mono", ui-monospace, Menlo, Consolas, monospace', letterSpacing: '0.02em' },
            '& .former-row': { color: 'text.secondary' },
          }}
        />
      </Paper>
    </>
  );
}
