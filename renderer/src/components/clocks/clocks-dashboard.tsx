/**
 * The deadlines list (the worklist page, /worklist; the dashboard's counts open it by state): counts of overdue, due-this-week and upcoming deadlines (each a button that
 * filters the list), the golden-thread problems in EHC plans (a link to the register filtered to exactly those
 * pupils, not every plan), deadlines by local authority, and the list itself,
 * grouped by state and then by due date. Filters live in the address so Back and reload keep the view.
 */
import { useId, useMemo, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowForward from '@mui/icons-material/ArrowForward';
import FilterAltOffOutlined from '@mui/icons-material/FilterAltOffOutlined';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import type { ClockItemView, ClockList } from '../../../../shared/contract';
import { yearGroupLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { EmptyState, Loading, QueryError } from '../status';
import { yearGroupOptions } from '../../lib/options';
import { registerHref } from '../../lib/register-params';
import { ClockLabel, ClockNotes, ClockStateChip, DueDate, STATE_ICON, STATE_STYLE } from './clock-parts';
import {
  ACTIVE_STATES,
  clockHref,
  clockViewToInput,
  clockViewToParams,
  groupClocks,
  isClockViewFiltered,
  parseClockView,
  type ActiveState,
  type ClockView,
} from './clock-view';
import { qk } from '../../lib/query-keys';

function StateCountCard({
  state,
  count,
  pressed,
  loading,
  onToggle,
}: {
  readonly state: ActiveState;
  readonly count: number | undefined;
  readonly pressed: boolean;
  readonly loading: boolean;
  readonly onToggle: () => void;
}) {
  const { t } = useTranslation();
  const s = STATE_STYLE[state];
  const Icon = STATE_ICON[state];
  return (
    <Card
      variant="outlined"
      sx={{
        height: '100%',
        borderLeft: `6px solid ${s.accent}`,
        ...(pressed ? { borderColor: s.accent, bgcolor: s.bg, boxShadow: `inset 0 0 0 1px ${s.accent}` } : {}),
      }}
    >
      <CardActionArea onClick={onToggle} aria-pressed={pressed} sx={{ height: '100%', p: 0.5 }} data-testid={`clock-count-${state}`}>
        <CardContent>
          <Typography sx={{ fontWeight: 500, display: 'flex', alignItems: 'center', gap: 0.75, color: s.fg }}>
            <Icon fontSize="small" aria-hidden />
            {t(`clocksUi.dashboard.counts.${state}`)}
          </Typography>
          <Typography
            component="p"
            sx={{ fontSize: '2.5rem', fontWeight: 500, lineHeight: 1.2, my: 0.5, color: count ? s.fg : 'text.secondary' }}
          >
            {loading ? <Skeleton width={60} /> : (count ?? '–')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t(`clocksUi.dashboard.countHints.${state}`)}
          </Typography>
          <Typography
            variant="body2"
            sx={{ mt: 0.5, fontWeight: 500, color: pressed ? s.fg : 'primary.main', display: 'flex', alignItems: 'center', gap: 0.5 }}
          >
            {pressed ? t('clocksUi.dashboard.showingOnly') : t('clocksUi.dashboard.showOnly')}
            {pressed ? null : <ArrowForward fontSize="inherit" aria-hidden />}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

function GoldenThreadCard({ data, loading }: { readonly data: ClockList | undefined; readonly loading: boolean }) {
  const { t } = useTranslation();
  const problems = data?.goldenThreadProblems ?? 0;
  return (
    <Card variant="outlined" sx={{ height: '100%', borderLeft: `6px solid ${problems ? '#5b3f8c' : '#9aa5b1'}` }}>
      <CardActionArea
        component={RouterLink}
        to={registerHref({ thread: 'problems' })}
        sx={{ height: '100%', p: 0.5 }}
        data-testid="dashboard-golden-thread"
      >
        <CardContent>
          <Typography sx={{ fontWeight: 500, display: 'flex', alignItems: 'center', gap: 0.75, color: '#4a2a7a' }}>
            <AccountTreeOutlined fontSize="small" aria-hidden />
            {t('clocksUi.dashboard.goldenThread.title')}
          </Typography>
          <Typography
            component="p"
            sx={{ fontSize: '2.5rem', fontWeight: 500, lineHeight: 1.2, my: 0.5, color: problems ? '#4a2a7a' : 'text.secondary' }}
          >
            {loading || !data ? <Skeleton width={60} /> : problems}
          </Typography>
          <Typography variant="body2" sx={{ fontWeight: 500, color: problems ? '#4a2a7a' : 'text.secondary' }}>
            {!data
              ? ' '
              : problems
                ? `${t('clocksUi.dashboard.goldenThread.problemsWord', { count: problems })} ${t('clocksUi.dashboard.goldenThread.inPlans', { count: data.plansWithProblems })}`
                : t('clocksUi.dashboard.goldenThread.none')}
          </Typography>
          <Typography
            variant="body2"
            sx={{ mt: 0.5, fontWeight: 500, color: 'primary.main', display: 'flex', alignItems: 'center', gap: 0.5 }}
          >
            {t('clocksUi.dashboard.goldenThread.open')}
            <ArrowForward fontSize="inherit" aria-hidden />
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

function ByLocalAuthority({ data, onPick }: { readonly data: ClockList; readonly onPick: (la: string, state: ActiveState) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2.5, mb: 3 }}>
      <Typography id={id} variant="h3" component="h3" sx={{ mb: 0.5 }}>
        {t('clocksUi.dashboard.byLa.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('clocksUi.dashboard.byLa.intro')}
      </Typography>
      <Table size="small" aria-label={t('clocksUi.dashboard.byLa.tableLabel')} sx={{ '& th': { fontWeight: 600 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('clocksUi.dashboard.byLa.localAuthority')}</TableCell>
            {ACTIVE_STATES.map((s) => (
              <TableCell key={s} align="right">
                {t(`clocksUi.dashboard.counts.${s}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.byLocalAuthority.map((row) => (
            <TableRow key={row.localAuthority}>
              <TableCell component="th" scope="row" sx={{ fontWeight: '400 !important' }}>
                {row.localAuthority}
              </TableCell>
              {ACTIVE_STATES.map((s) => (
                <TableCell key={s} align="right">
                  {row[s] ? (
                    <Link
                      component="button"
                      type="button"
                      onClick={() => onPick(row.localAuthority, s)}
                      aria-label={t('clocksUi.dashboard.byLa.filterTo', {
                        state: t(`clocks.states.${s}`).toLowerCase(),
                        la: row.localAuthority,
                        count: row[s],
                      })}
                      sx={{ fontWeight: 600, color: s === 'upcoming' ? 'primary.main' : STATE_STYLE[s].fg, fontSize: '1rem' }}
                    >
                      {row[s]}
                    </Link>
                  ) : (
                    <Typography component="span" color="text.secondary">
                      0
                    </Typography>
                  )}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

function ClockRow({ item, today }: { readonly item: ClockItemView; readonly today: string }) {
  const { t } = useTranslation();
  return (
    <TableRow data-testid="clock-row" sx={{ verticalAlign: 'top' }}>
      <TableCell sx={{ minWidth: 240 }}>
        <ClockLabel clockKey={item.key} />
        <ClockNotes item={item} />
      </TableCell>
      <TableCell>
        <Link component={RouterLink} to={clockHref(item)} sx={{ fontWeight: 500 }}>
          {item.pupilName}
        </Link>
        <Typography variant="body2" color="text.secondary">
          {yearGroupLabel(item.yearGroup)}
          {item.className ? ` · ${item.className}` : ''}
        </Typography>
      </TableCell>
      <TableCell>
        <DueDate item={item} today={today} />
      </TableCell>
      <TableCell>
        <ClockStateChip state={item.state} />
      </TableCell>
      <TableCell>{item.localAuthority}</TableCell>
      <TableCell>
        {item.ownerName ?? (
          <Typography component="span" variant="body2" color="text.secondary">
            {t('clocksUi.item.noOwner')}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}

function ClockTable({ data }: { readonly data: ClockList }) {
  const { t } = useTranslation();
  const groups = groupClocks(data.items);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table
        size="small"
        aria-label={t('clocksUi.dashboard.listLabel')}
        sx={{ '& thead th': { fontWeight: 600, bgcolor: '#f7f9fb' }, '& td': { py: 1.25 } }}
      >
        <TableHead>
          <TableRow>
            {(['clock', 'pupil', 'due', 'state', 'localAuthority', 'owner'] as const).map((c) => (
              <TableCell key={c}>{t(`clocksUi.dashboard.columns.${c}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        {groups.map((g) => {
          const s = STATE_STYLE[g.state];
          return (
            <TableBody key={g.state} data-testid={`clock-group-${g.state}`}>
              <TableRow>
                <TableCell
                  component="th"
                  scope="colgroup"
                  colSpan={6}
                  sx={{ bgcolor: s.bg, color: s.fg, fontWeight: 600, borderLeft: `4px solid ${s.accent}` }}
                >
                  {t('clocksUi.dashboard.groupHeading', { state: t(`clocks.states.${g.state}`), count: g.items.length })}
                </TableCell>
              </TableRow>
              {g.items.map((item) => (
                <ClockRow key={item.id} item={item} today={data.today} />
              ))}
            </TableBody>
          );
        })}
      </Table>
    </Box>
  );
}

function Select({
  label,
  value,
  onChange,
  children,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <TextField select size="small" label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <MenuItem value="">{t('clocksUi.dashboard.filters.all')}</MenuItem>
      {children}
    </TextField>
  );
}

export function ClocksSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseClockView(params), [params]);
  const update = (patch: Partial<ClockView>) => setParams(clockViewToParams({ ...view, ...patch }), { replace: true });
  const input = clockViewToInput(view);
  const query = useQuery({
    queryKey: qk('clocks.list', input),
    queryFn: () => call('clocks.list', input),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const filtered = isClockViewFiltered(view);
  const clearFilters = () => update({ localAuthority: null, yearGroup: null, ownerId: null, state: null });

  // Keep a chosen owner or local authority selectable even if no deadline carries it any more.
  const las = data ? [...new Set([...data.localAuthorities, ...(view.localAuthority ? [view.localAuthority] : [])])] : [];
  const owners = data
    ? [
        ...data.owners,
        ...(view.ownerId && !data.owners.some((o) => o.id === view.ownerId) ? [{ id: view.ownerId, name: view.ownerId }] : []),
      ]
    : [];

  const empty = () => {
    if (view.state && !filtered) {
      return (
        <EmptyState
          icon={<EventAvailableOutlined />}
          title={t('clocksUi.dashboard.empty.stateTitle', { state: t(`clocks.states.${view.state}`).toLowerCase() })}
          action={<Button onClick={() => update({ state: null })}>{t('clocksUi.dashboard.filters.showAll')}</Button>}
        />
      );
    }
    if (filtered || view.state) {
      return (
        <EmptyState
          icon={<EventAvailableOutlined />}
          title={t('clocksUi.dashboard.empty.filteredTitle')}
          body={t('clocksUi.dashboard.empty.filteredBody')}
          action={
            <Button variant="outlined" startIcon={<FilterAltOffOutlined />} onClick={clearFilters}>
              {t('clocksUi.dashboard.filters.clear')}
            </Button>
          }
        />
      );
    }
    return (
      <EmptyState icon={<EventAvailableOutlined />} title={t('clocksUi.dashboard.empty.title')} body={t('clocksUi.dashboard.empty.body')} />
    );
  };

  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mb: 4 }}>
      <Typography id={headingId} variant="h2" sx={{ mb: 0.5 }}>
        {t('clocksUi.dashboard.heading')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 1.5 }}>
        {t('clocksUi.dashboard.intro')}
      </Typography>
      {query.error ? (
        <Box sx={{ mb: 2 }}>
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Box>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, mb: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(4, 1fr)' } }}>
        {ACTIVE_STATES.map((s) => (
          <StateCountCard
            key={s}
            state={s}
            count={data?.counts[s]}
            loading={query.isPending}
            pressed={view.state === s}
            onToggle={() => update({ state: view.state === s ? null : s })}
          />
        ))}
        <GoldenThreadCard data={data} loading={query.isPending} />
      </Box>
      {data?.calendarGaps ? (
        <Alert
          severity="warning"
          sx={{ mb: 2 }}
          action={
            <Button component={RouterLink} to="/settings?tab=terms" color="inherit" size="small">
              {t('clocksUi.dashboard.calendarGapsAction')}
            </Button>
          }
        >
          {t('clocksUi.dashboard.calendarGaps')}
        </Alert>
      ) : null}
      {data && data.localAuthorities.length > 1 ? (
        <ByLocalAuthority data={data} onPick={(la, state) => update({ localAuthority: la, state })} />
      ) : null}
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        <Box
          role="search"
          aria-label={t('clocksUi.dashboard.filters.label')}
          sx={{
            p: 2,
            display: 'grid',
            gap: 2,
            alignItems: 'center',
            gridTemplateColumns: { xs: '1fr', md: '1.3fr 1fr 1fr auto' },
            borderBottom: 1,
            borderColor: 'divider',
          }}
        >
          <Select
            label={t('clocksUi.dashboard.filters.localAuthority')}
            value={view.localAuthority ?? ''}
            onChange={(v) => update({ localAuthority: v || null })}
          >
            {las.map((la) => (
              <MenuItem key={la} value={la}>
                {la}
              </MenuItem>
            ))}
          </Select>
          <Select
            label={t('clocksUi.dashboard.filters.yearGroup')}
            value={view.yearGroup ?? ''}
            onChange={(v) => update({ yearGroup: (v || null) as ClockView['yearGroup'] })}
          >
            {yearGroupOptions().map((o) => (
              <MenuItem key={o.value} value={o.value}>
                {o.label}
              </MenuItem>
            ))}
          </Select>
          <Select label={t('clocksUi.dashboard.filters.owner')} value={view.ownerId ?? ''} onChange={(v) => update({ ownerId: v || null })}>
            {owners.map((o) => (
              <MenuItem key={o.id} value={o.id}>
                {o.name}
              </MenuItem>
            ))}
          </Select>
          <FormControlLabel
            sx={{ m: 0, whiteSpace: 'nowrap' }}
            control={<Switch checked={view.showDone} onChange={(e) => update({ showDone: e.target.checked })} />}
            label={t('clocksUi.dashboard.filters.showDone', { count: data?.counts.done ?? 0 })}
          />
        </Box>
        {view.state || filtered ? (
          <Box
            sx={{
              px: 2,
              py: 1,
              display: 'flex',
              alignItems: 'center',
              gap: 1,
              flexWrap: 'wrap',
              borderBottom: 1,
              borderColor: 'divider',
              bgcolor: '#f7f9fb',
            }}
          >
            {view.state ? (
              <Chip
                size="small"
                label={t('clocksUi.dashboard.filters.state', { state: t(`clocks.states.${view.state}`) })}
                onDelete={() => update({ state: null })}
                sx={{
                  bgcolor: STATE_STYLE[view.state].bg,
                  color: STATE_STYLE[view.state].fg,
                  border: `1px solid ${STATE_STYLE[view.state].border}`,
                }}
              />
            ) : null}
            <Button size="small" startIcon={<FilterAltOffOutlined />} onClick={clearFilters}>
              {t('clocksUi.dashboard.filters.clear')}
            </Button>
          </Box>
        ) : null}
        {query.isPending ? <Loading /> : data && data.items.length > 0 ? <ClockTable data={data} /> : data ? empty() : null}
      </Paper>
    </Box>
  );
}
