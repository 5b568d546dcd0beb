/**
 * Settings › Who can do what: the need-to-know rules in plain English, then every operation and the roles that may
 * use it, read from `access.matrix` (the contract's own `access`, which the dispatcher enforces on every request).
 */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import GroupsOutlined from '@mui/icons-material/GroupsOutlined';
import LoginOutlined from '@mui/icons-material/LoginOutlined';
import MedicalInformationOutlined from '@mui/icons-material/MedicalInformationOutlined';
import RemoveCircleOutlineOutlined from '@mui/icons-material/RemoveCircleOutlineOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import ShieldOutlined from '@mui/icons-material/ShieldOutlined';
import VisibilityOutlined from '@mui/icons-material/VisibilityOutlined';
import type { AccessRow } from '../../../../shared/contract';
import { ROLES, type Role } from '../../../../shared/domain';
import { call } from '../../api/client';
import { useRole } from '../../auth/use-can';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { groupRows, operationName, type AccessFilter } from './access-model';
import { qk } from '../../lib/query-keys';

/** The app bar's height: the table's column headings stay in view under it while the page scrolls. */
const STICKY_TOP = 64;

function Allowed({ yes }: { readonly yes: boolean }) {
  const { t } = useTranslation();
  return (
    <Box
      component="span"
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.5,
        color: yes ? 'success.main' : 'text.secondary',
        fontWeight: yes ? 500 : 400,
      }}
    >
      {yes ? <CheckCircleOutlined fontSize="small" aria-hidden /> : <RemoveCircleOutlineOutlined fontSize="small" aria-hidden />}
      {yes ? t('accessUi.yes') : t('accessUi.no')}
    </Box>
  );
}

/** A marker beside an operation's name; its meaning is in the key above the table (text, not colour alone). */
function Marker({ kind }: { readonly kind: 'clinical' | 'auditedRead' }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={kind === 'clinical' ? <MedicalInformationOutlined aria-hidden /> : <VisibilityOutlined aria-hidden />}
      label={t(`accessUi.${kind}`)}
      sx={{
        height: 22,
        fontSize: '0.75rem',
        color: 'text.secondary',
        '& .MuiChip-icon': { fontSize: 16, color: kind === 'clinical' ? 'secondary.main' : 'text.secondary' },
      }}
    />
  );
}

function AccessCells({ row, roles }: { readonly row: AccessRow; readonly roles: readonly Role[] }) {
  const { t } = useTranslation();
  if (row.access === 'public' || row.access === 'signed_in') {
    const everyone = row.access === 'signed_in';
    const text =
      roles.length === 1
        ? t(everyone ? 'accessUi.everyoneOne' : 'accessUi.publicOne')
        : t(everyone ? 'accessUi.everyone' : 'accessUi.public');
    return (
      <TableCell colSpan={roles.length} sx={{ bgcolor: 'rgba(30,107,58,0.05)' }}>
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, color: 'success.main', fontWeight: 500 }}>
          {everyone ? <GroupsOutlined fontSize="small" aria-hidden /> : <LoginOutlined fontSize="small" aria-hidden />}
          {text}
        </Box>
      </TableCell>
    );
  }
  const allowed = row.access;
  return (
    <>
      {roles.map((r) => (
        <TableCell key={r}>
          <Allowed yes={allowed.includes(r)} />
        </TableCell>
      ))}
    </>
  );
}

function Rules() {
  const { t } = useTranslation();
  return (
    <Box component="section" aria-labelledby="access-rules-title" sx={{ mb: 3 }}>
      <Typography id="access-rules-title" variant="h3" sx={{ mb: 1 }}>
        {t('accessUi.rulesTitle')}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 3, columns: { xs: 1, lg: 2 }, columnGap: 6, '& li': { breakInside: 'avoid', mb: 0.5 } }}>
        {ROLES.map((r) => (
          <li key={r}>
            <Typography component="span" sx={{ fontWeight: 600 }}>
              {t(`roles.${r}`)}
            </Typography>
            {': '}
            {t(`accessUi.rules.${r}`)}
          </li>
        ))}
      </Box>
    </Box>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Box
      component="dl"
      sx={{ m: 0, mb: 2, display: 'grid', gridTemplateColumns: 'max-content 1fr', alignItems: 'center', columnGap: 1.5, rowGap: 1 }}
    >
      <Box component="dt" sx={{ m: 0 }}>
        <Marker kind="clinical" />
      </Box>
      <Typography component="dd" variant="body2" color="text.secondary" sx={{ m: 0 }}>
        {t('accessUi.clinicalHint')}
      </Typography>
      <Box component="dt" sx={{ m: 0 }}>
        <Marker kind="auditedRead" />
      </Box>
      <Typography component="dd" variant="body2" color="text.secondary" sx={{ m: 0 }}>
        {t('accessUi.auditedReadHint')}
      </Typography>
    </Box>
  );
}

const NO_FILTER: AccessFilter = { role: null, onlyAllowed: false, search: '' };

function Matrix({ rows }: { readonly rows: readonly AccessRow[] }) {
  const { t } = useTranslation();
  const myRole = useRole();
  const [filter, setFilter] = useState<AccessFilter>(NO_FILTER);
  const label = operationName;
  const groups = useMemo(() => groupRows(rows, filter, operationName), [rows, filter]);
  const roles: readonly Role[] = filter.role ? [filter.role] : ROLES;
  const shown = groups.reduce((n, g) => n + g.rows.length, 0);

  return (
    <>
      <Box
        role="search"
        aria-label={t('accessUi.filters.label')}
        sx={{ display: 'grid', gap: 2, alignItems: 'center', mb: 2, gridTemplateColumns: { xs: '1fr', md: '1.4fr 1fr auto' } }}
      >
        <TextField
          label={t('accessUi.filters.search')}
          placeholder={t('accessUi.filters.searchHelp')}
          value={filter.search}
          onChange={(e) => setFilter((f) => ({ ...f, search: e.target.value }))}
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
            htmlInput: { maxLength: 100 },
          }}
        />
        <TextField
          select
          size="small"
          label={t('accessUi.filters.role')}
          value={filter.role ?? ''}
          onChange={(e) =>
            setFilter((f) => ({ ...f, role: (e.target.value || null) as Role | null, onlyAllowed: e.target.value ? f.onlyAllowed : false }))
          }
        >
          <MenuItem value="">{t('accessUi.filters.allRoles')}</MenuItem>
          {ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {t(`roles.${r}`)}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          disabled={!filter.role}
          control={<Checkbox checked={filter.onlyAllowed} onChange={(e) => setFilter((f) => ({ ...f, onlyAllowed: e.target.checked }))} />}
          label={t('accessUi.filters.onlyAllowed')}
        />
      </Box>
      <Typography role="status" variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('accessUi.count', { count: shown })}
      </Typography>
      {shown === 0 ? (
        <EmptyState
          icon={<SearchOutlined />}
          title={t('accessUi.none')}
          body={t('accessUi.noneBody', { search: filter.search.trim() })}
          action={
            <Button variant="outlined" onClick={() => setFilter(NO_FILTER)}>
              {t('accessUi.clear')}
            </Button>
          }
        />
      ) : (
        <Table
          size="small"
          data-testid="access-matrix"
          sx={{ '& caption': { captionSide: 'top', px: 0, pt: 0, pb: 1.5, color: 'text.primary', fontWeight: 500 } }}
        >
          <caption>{filter.role ? t('accessUi.captionRole', { role: t(`roles.${filter.role}`) }) : t('accessUi.caption')}</caption>
          <TableHead>
            <TableRow
              sx={{
                '& th': {
                  position: 'sticky',
                  top: STICKY_TOP,
                  zIndex: 1,
                  bgcolor: 'background.paper',
                  verticalAlign: 'bottom',
                  fontWeight: 600,
                  lineHeight: 1.3,
                },
              }}
            >
              <TableCell component="th" scope="col" sx={{ minWidth: 260 }}>
                {t('accessUi.columns.action')}
              </TableCell>
              {roles.map((r) => (
                <TableCell key={r} component="th" scope="col" sx={{ minWidth: 88, maxWidth: 130 }}>
                  {t(`roles.${r}`)}
                  {r === myRole ? (
                    <Typography component="span" variant="caption" color="primary.dark" sx={{ display: 'block', fontWeight: 500 }}>
                      {t('accessUi.yourRole')}
                    </Typography>
                  ) : null}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          {groups.map(({ group, rows: groupRowsShown }) => (
            <TableBody key={group}>
              <TableRow>
                <TableCell
                  component="th"
                  scope="rowgroup"
                  colSpan={roles.length + 1}
                  sx={{ bgcolor: '#eef2f7', color: 'primary.dark', fontWeight: 600, pt: 1.5 }}
                >
                  {t(`accessUi.areas.${group}`)}
                </TableCell>
              </TableRow>
              {groupRowsShown.map((row) => (
                <TableRow key={row.operation} hover data-operation={row.operation}>
                  <TableCell component="th" scope="row">
                    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 1, rowGap: 0.5 }}>
                      <span>{label(row.operation)}</span>
                      {row.clinical ? <Marker kind="clinical" /> : null}
                      {row.kind === 'read' && row.audited ? <Marker kind="auditedRead" /> : null}
                    </Box>
                  </TableCell>
                  <AccessCells row={row} roles={roles} />
                </TableRow>
              ))}
            </TableBody>
          ))}
        </Table>
      )}
    </>
  );
}

export function AccessSettings() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: qk('access.matrix'), queryFn: () => call('access.matrix', {}) });
  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Typography variant="h2" sx={{ mb: 1 }}>
        {t('accessUi.title')}
      </Typography>
      <Typography sx={{ mb: 2, maxWidth: 820 }}>{t('accessUi.intro')}</Typography>
      <Rules />
      <Alert severity="info" variant="outlined" icon={<ShieldOutlined aria-hidden />} sx={{ mb: 2 }}>
        {t('accessUi.enforced')} {t('accessUi.logging')}
      </Alert>
      <Legend />
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Matrix rows={query.data} />
      )}
    </Paper>
  );
}
