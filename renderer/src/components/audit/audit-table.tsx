/** The audit events, newest first, a page at a time from the core (the grid also virtualises the rows it shows). */
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../../../shared/i18n';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { formatUkDateTime, operationLabel } from '../../../../shared/audit-format';
import type { AuditEntry } from '../../../../shared/contract';
import { AUDIT_PAGE_SIZES, detailText, whoLabel } from './audit-model';

function Cell({ children, title }: { readonly children: ReactNode; readonly title?: string }) {
  return (
    <Box
      title={title}
      sx={{
        display: 'flex',
        alignItems: 'center',
        height: '100%',
        minWidth: 0,
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </Box>
  );
}

export function AuditTable({
  rows,
  total,
  loading,
  page,
  pageSize,
  onPage,
  noRows,
}: {
  readonly rows: readonly AuditEntry[];
  readonly total: number;
  readonly loading: boolean;
  readonly page: number;
  readonly pageSize: number;
  readonly onPage: (page: number, pageSize: number) => void;
  readonly noRows: () => ReactNode;
}) {
  const { t } = useTranslation();
  const columns = useMemo<GridColDef<AuditEntry>[]>(
    () => [
      { field: 'seq', headerName: t('auditUi.table.seq'), width: 72, type: 'number' },
      { field: 'at', headerName: t('auditUi.table.when'), width: 136, valueFormatter: (v: string) => formatUkDateTime(v) },
      {
        field: 'actor',
        headerName: t('auditUi.table.who'),
        flex: 1.4,
        minWidth: 175,
        valueGetter: (_v, row) => whoLabel(row),
        renderCell: ({ value }) => <Cell title={String(value)}>{String(value)}</Cell>,
      },
      {
        field: 'role',
        headerName: t('auditUi.table.role'),
        width: 104,
        valueFormatter: (v: string | null) => (v ? codeLabel('roles', v) : t('auditUi.table.noRole')),
      },
      {
        field: 'operation',
        headerName: t('auditUi.table.operation'),
        flex: 1.2,
        minWidth: 160,
        renderCell: ({ row }) => (
          <Cell title={row.operation}>
            <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {operationLabel(row.operation)}
            </Box>
          </Cell>
        ),
      },
      {
        field: 'pupilName',
        headerName: t('auditUi.table.pupil'),
        flex: 1,
        minWidth: 120,
        valueGetter: (_v, row) => (row.pupilId ? (row.pupilName ?? t('auditUi.table.formerPupil')) : ''),
      },
      {
        field: 'outcome',
        headerName: t('auditUi.table.outcome'),
        width: 116,
        renderCell: ({ row }) => (
          <Cell>
            {row.outcome === 'refused' ? (
              <Chip size="small" color="error" variant="outlined" icon={<BlockOutlined />} label={t('auditUi.table.refused')} />
            ) : (
              <Chip size="small" color="success" variant="outlined" icon={<CheckCircleOutline />} label={t('auditUi.table.allowed')} />
            )}
          </Cell>
        ),
      },
      {
        field: 'detail',
        headerName: t('auditUi.table.detail'),
        flex: 1,
        minWidth: 130,
        sortable: false,
        valueGetter: (v: string | null) => detailText(v),
        renderCell: ({ value }) => (
          <Cell title={String(value ?? '')}>
            <Typography component="span" variant="body2" color="text.secondary" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {String(value ?? '')}
            </Typography>
          </Cell>
        ),
      },
    ],
    [t],
  );
  return (
    <DataGrid<AuditEntry>
      aria-label={t('auditUi.table.label')}
      rows={rows}
      columns={columns}
      getRowId={(r) => r.seq}
      rowCount={total}
      loading={loading}
      paginationMode="server"
      sortingMode="server"
      disableColumnSorting
      disableColumnFilter
      disableRowSelectionOnClick
      paginationModel={{ page, pageSize }}
      onPaginationModelChange={(m) => onPage(m.page, m.pageSize)}
      pageSizeOptions={[...AUDIT_PAGE_SIZES]}
      density="compact"
      slots={{ noRowsOverlay: noRows }}
      localeText={{ noRowsLabel: t('auditUi.empty.title') }}
      sx={{
        border: 0,
        '& .MuiDataGrid-columnHeaders': { bgcolor: '#f7f9fb' },
        '& .MuiDataGrid-columnHeaderTitle': { fontWeight: 600 },
      }}
    />
  );
}
