/**
 * The provision map (issue 18, item 2): school-wide, who receives what provision this school year and for how many
 * hours a week, filtered by school year, year group, class, need, wave and provision and grouped by any of them; per
 * provision its pupils, hours, effectiveness and (for the SENCo and headteacher) its cost a year and cost per pupil;
 * per pupil a drawer with their costed provision and the part above the notional SEN threshold. Exports CSV and
 * prints for governors (a PDF the core makes).
 *
 * Costs come from the core only for the SENCo and headteacher; when the answer has none (a teacher, a therapist, the
 * therapy lead) there is no cost column, total or "£" anywhere on the page. The filters live in the address, never a
 * pupil (components/provision-map/map-params.ts).
 */
import { Fragment, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import type { MapPlacement, MapProvision, MapPupil, ProvisionMap } from '../../../../shared/contract';
import { NEED_CODES, YEAR_GROUPS } from '../../../../shared/domain';
import { todayIso } from '../../../../shared/dates';
import { yearGroupLabel } from '../../../../shared/i18n';
import { formatPounds } from '../../../../shared/money';
import { MAP_GROUPINGS, WAVES, type MapGrouping } from '../../../../shared/provision';
import { effectivenessLines, hoursText } from '../../../../shared/provision-map-text';
import { call, invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { downloadCsv, saveBlob } from '../../components/register/download';
import { base64ToBytes, pdfFileName } from '../../components/reviews/review-model';
import { PupilProvisionDrawer } from '../../components/provision-map/pupil-provision-drawer';
import { hasFilters, mapViewToInput, mapViewToParams, parseMapView, type MapView } from '../../components/provision-map/map-params';
import { academicYearChoices, academicYearOf } from '../../lib/academic-year';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

type Message = { readonly kind: 'success' | 'info' | 'error'; readonly text: string };

const money = (pence: number | null | undefined, none: string) => (pence === null || pence === undefined ? none : formatPounds(pence));

/** The key a placement is grouped under (the core's groups give each key its label and totals). */
function groupKey(groupBy: MapGrouping, x: MapPlacement, provision: MapProvision | undefined, pupil: MapPupil): string {
  switch (groupBy) {
    case 'provision':
      return x.provisionId;
    case 'year':
      return pupil.yearGroup;
    case 'class':
      return pupil.className ?? '';
    case 'area':
      return provision?.area ?? '';
    case 'wave':
      return provision?.wave ?? '';
    case 'pupil':
      return pupil.pupilId;
  }
}

export default function ProvisionMapPage() {
  const { t } = useTranslation();
  const title = t('provisionMapUi.title');
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const view = parseMapView(params);
  const setView = (changes: Partial<MapView>) => setParams(mapViewToParams({ ...view, ...changes }), { replace: true });
  const canCsv = useCan('provision.map.csv');
  const canPrint = useCan('provision.map.pdf');
  const canClasses = useCan('pupils.classes');
  const [openPupil, setOpenPupil] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const filtersId = useId();
  const provisionHeading = useId();
  const pupilsHeading = useId();

  const input = mapViewToInput(view);
  const query = useQuery({ queryKey: qk('provision.map', input), queryFn: () => call('provision.map', input) });
  const catalogue = useQuery({
    queryKey: qk('provisions.list', { includeEnded: true }),
    queryFn: () => call('provisions.list', { includeEnded: true }),
  });
  const classes = useQuery({ queryKey: qk('pupils.classes'), queryFn: () => call('pupils.classes', {}), enabled: canClasses });

  const today = todayIso();
  const offered = academicYearChoices(today);
  // A year typed into the address that the list does not offer is offered too (a select never shows an empty choice).
  const years = view.academicYear && !offered.includes(view.academicYear) ? [...offered, view.academicYear].sort() : offered;
  const currentYear = academicYearOf(today);
  const year = view.academicYear ?? currentYear;
  const fromMap = (query.data?.pupils ?? []).map((p) => p.className).filter((c): c is string => c !== null);
  const classChoices = [...new Set([...(classes.data ?? []), ...fromMap, ...(view.className ? [view.className] : [])])].sort((a, b) =>
    a.localeCompare(b, 'en-GB', { numeric: true }),
  );

  const exportCsv = async () => {
    setBusy('csv');
    setMessage(null);
    const { groupBy: _groupBy, ...filters } = input;
    const r = await invoke('provision.map.csv', filters);
    setBusy(null);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    downloadCsv(r.value.filename, r.value.csv);
    setMessage({ kind: 'success', text: t('provisionMapUi.exported', { count: r.value.rows, filename: r.value.filename }) });
  };
  const printGovernors = async () => {
    setBusy('pdf');
    setMessage(null);
    const { groupBy: _groupBy, ...filters } = input;
    const r = await invoke('provision.map.pdf', filters);
    setBusy(null);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    const filename = pdfFileName(r.value.filename);
    saveBlob(filename, new Blob([base64ToBytes(r.value.pdfBase64)], { type: 'application/pdf' }));
    setMessage({ kind: 'success', text: t('provisionMapUi.printed', { count: r.value.pages, filename }) });
  };

  const select = (
    label: string,
    value: string,
    onChange: (v: string) => void,
    options: readonly (readonly [string, string])[],
    testId: string,
    width = 170,
  ) => (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ width, flex: 'none' }}
      slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true }, htmlInput: { 'data-testid': testId } }}
    >
      {options.map(([v, l]) => (
        <MenuItem key={v} value={v}>
          {l}
        </MenuItem>
      ))}
    </TextField>
  );

  const map = query.data;
  const costs = map?.costsShown === true;
  return (
    <>
      <PageHeader
        title={title}
        subtitle={costs ? t('provisionMapUi.subtitleCosts') : t('provisionMapUi.subtitle')}
        actions={
          <>
            {canCsv ? (
              <Button
                variant="outlined"
                startIcon={busy === 'csv' ? <CircularProgress size={16} aria-hidden /> : <FileDownloadOutlined />}
                onClick={() => void exportCsv()}
                disabled={busy !== null}
                data-testid="map-csv"
              >
                {busy === 'csv' ? t('provisionMapUi.exporting') : t('provisionMapUi.exportCsv')}
              </Button>
            ) : null}
            {canPrint ? (
              <Button
                variant="contained"
                startIcon={busy === 'pdf' ? <CircularProgress size={16} aria-hidden /> : <PictureAsPdfOutlined />}
                onClick={() => void printGovernors()}
                disabled={busy !== null}
                data-testid="map-pdf"
              >
                {busy === 'pdf' ? t('provisionMapUi.printing') : t('provisionMapUi.printGovernors')}
              </Button>
            ) : null}
          </>
        }
      />
      <Box role="status" aria-live="polite" sx={{ mb: message ? 2 : 0 }}>
        {message ? (
          <Alert severity={message.kind} onClose={() => setMessage(null)}>
            {message.text}
          </Alert>
        ) : null}
      </Box>

      <Paper variant="outlined" component="section" aria-labelledby={filtersId} sx={{ p: 2, mb: 2 }}>
        <Typography id={filtersId} variant="h2" sx={{ fontSize: '1rem', mb: 1.5 }}>
          {t('provisionMapUi.filtersLabel')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}>
          {select(
            t('provisionMapUi.filters.academicYear'),
            year,
            (v) => setView({ academicYear: v === currentYear ? null : v }),
            years.map((y) => [y, y]),
            'filter-school-year',
            130,
          )}
          {select(
            t('provisionMapUi.filters.yearGroup'),
            view.yearGroup ?? '',
            (v) => setView({ yearGroup: (v || null) as MapView['yearGroup'] }),
            [['', t('provisionMapUi.filters.allYears')], ...YEAR_GROUPS.map((y) => [y, yearGroupLabel(y)] as const)],
            'filter-year',
          )}
          {select(
            t('provisionMapUi.filters.className'),
            view.className ?? '',
            (v) => setView({ className: v || null }),
            [['', t('provisionMapUi.filters.allClasses')], ...classChoices.map((c) => [c, c] as const)],
            'filter-class',
            140,
          )}
          {select(
            t('provisionMapUi.filters.need'),
            view.need ?? '',
            (v) => setView({ need: (v || null) as MapView['need'] }),
            [['', t('provisionMapUi.filters.allNeeds')], ...NEED_CODES.map((n) => [n, t(`needs.${n}`)] as const)],
            'filter-need',
            220,
          )}
          {select(
            t('provisionMapUi.filters.wave'),
            view.wave ?? '',
            (v) => setView({ wave: (v || null) as MapView['wave'] }),
            [['', t('provisionMapUi.filters.allWaves')], ...WAVES.map((w) => [w, t(`provisionUi.waves.${w}`)] as const)],
            'filter-wave',
            140,
          )}
          {select(
            t('provisionMapUi.filters.provision'),
            view.provisionId ?? '',
            (v) => setView({ provisionId: v || null }),
            [['', t('provisionMapUi.filters.allProvision')], ...(catalogue.data ?? []).map((p) => [p.id, p.name] as const)],
            'filter-provision',
            220,
          )}
          {select(
            t('provisionMapUi.filters.groupBy'),
            view.groupBy,
            (v) => setView({ groupBy: v as MapGrouping }),
            MAP_GROUPINGS.map((g) => [g, t(`provisionMapUi.groupings.${g}`)] as const),
            'filter-group',
            150,
          )}
          {hasFilters(view) ? (
            <Button onClick={() => setView({ yearGroup: null, className: null, need: null, wave: null, provisionId: null })}>
              {t('provisionMapUi.filters.clear')}
            </Button>
          ) : null}
        </Box>
      </Paper>

      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <MapBody
          map={query.data}
          filtered={hasFilters(view)}
          onOpen={setOpenPupil}
          provisionHeading={provisionHeading}
          pupilsHeading={pupilsHeading}
        />
      )}
      <PupilProvisionDrawer pupilId={openPupil} academicYear={view.academicYear} onClose={() => setOpenPupil(null)} />
    </>
  );
}

function MapBody({
  map,
  filtered,
  onOpen,
  provisionHeading,
  pupilsHeading,
}: {
  readonly map: ProvisionMap;
  readonly filtered: boolean;
  readonly onOpen: (pupilId: string) => void;
  readonly provisionHeading: string;
  readonly pupilsHeading: string;
}) {
  const { t } = useTranslation();
  const costs = map.costsShown;
  const noRate = t('provisionMapUi.notCosted');
  const c = map.totals.cost;
  const provisions = new Map(map.provisions.map((p) => [p.id, p]));

  // The pupils under each group (a pupil on provision of two waves is under both), each with the places in that group.
  const grouped = new Map<string, { pupil: MapPupil; places: MapPlacement[] }[]>();
  for (const pupil of map.pupils) {
    const byKey = new Map<string, MapPlacement[]>();
    for (const x of pupil.placements) {
      const key = groupKey(map.groupBy, x, provisions.get(x.provisionId), pupil);
      byKey.set(key, [...(byKey.get(key) ?? []), x]);
    }
    for (const [key, places] of byKey) grouped.set(key, [...(grouped.get(key) ?? []), { pupil, places }]);
  }

  if (map.provisions.length === 0 && map.pupils.length === 0) {
    return (
      <Paper variant="outlined">
        <EmptyState
          icon={<AccountTreeOutlined />}
          title={t('provisionMapUi.emptyTitle')}
          body={filtered ? t('provisionMapUi.emptyFiltered') : t('provisionMapUi.empty', { year: map.academicYear })}
        />
      </Paper>
    );
  }
  const pupilCols = costs ? 7 : 5;
  return (
    <>
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="map-summary">
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'baseline' }}>
          <Figure label={t('provisionMapUi.summary.pupilsLabel')} value={String(map.totals.pupils)} testId="map-pupil-count" />
          <Figure label={t('provisionMapUi.summary.placesLabel')} value={String(map.totals.placements)} />
          {c ? <Figure label={t('provisionMapUi.summary.total')} value={formatPounds(c.totalPence)} testId="map-total" /> : null}
          {c ? (
            <Figure
              label={t('provisionMapUi.summary.aboveLabel', { threshold: formatPounds(c.thresholdPence) })}
              value={String(c.pupilsAboveThreshold)}
              note={
                c.aboveThresholdPence > 0 ? t('provisionMapUi.summary.aboveBy', { amount: formatPounds(c.aboveThresholdPence) }) : undefined
              }
            />
          ) : null}
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {map.academicYear} · {t('provisionMapUi.summary.schoolDays', { days: hoursText(map.schoolDays), from: map.from, to: map.to })}
        </Typography>
        {map.calendarGap ? (
          <Alert severity="info" sx={{ mt: 1.5 }}>
            {t('provisionMapUi.calendarGap', { year: map.academicYear })}
          </Alert>
        ) : null}
        {map.missingRates?.length ? (
          <Alert severity="warning" sx={{ mt: 1.5 }}>
            {t('provisionMapUi.missingRates', { roles: map.missingRates.map((r) => t(`provisionUi.roles.${r}`)).join(', ') })}
          </Alert>
        ) : null}
        {!costs ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('provisionMapUi.scopeNote')}
          </Typography>
        ) : null}
      </Paper>

      <Paper variant="outlined" component="section" aria-labelledby={provisionHeading} sx={{ p: 2, mb: 2 }}>
        <Typography id={provisionHeading} variant="h2" sx={{ fontSize: '1.15rem', mb: 1 }}>
          {t('provisionMapUi.provisionHeading')}
        </Typography>
        <Table
          size="small"
          aria-label={t('provisionMapUi.provisionCaption')}
          data-testid="map-provisions"
          sx={{ tableLayout: 'fixed', '& td, & th': { overflowWrap: 'anywhere' } }}
        >
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: costs ? '24%' : '30%' }}>{t('provisionMapUi.cols.provision')}</TableCell>
              <TableCell sx={{ width: '10%' }}>{t('provisionMapUi.cols.wave')}</TableCell>
              <TableCell sx={{ width: '15%' }}>{t('provisionMapUi.cols.pattern')}</TableCell>
              <TableCell sx={{ width: '8%' }} align="right">
                {t('provisionMapUi.cols.pupils')}
              </TableCell>
              <TableCell sx={{ width: '8%' }} align="right">
                {t('provisionMapUi.cols.hours')}
              </TableCell>
              {costs ? (
                <TableCell sx={{ width: '10%' }} align="right">
                  {t('provisionMapUi.cols.cost')}
                </TableCell>
              ) : null}
              {costs ? (
                <TableCell sx={{ width: '10%' }} align="right">
                  {t('provisionMapUi.cols.perPupil')}
                </TableCell>
              ) : null}
              <TableCell>{t('provisionMapUi.cols.effectiveness')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {map.provisions.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {p.name}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {t(`ehcpUi.areas.${p.area}`)} · {t(`provisionUi.roles.${p.staffRole}`)}
                  </Typography>
                </TableCell>
                <TableCell>{t(`provisionUi.waves.${p.wave}`)}</TableCell>
                <TableCell>
                  {t('provisionMapUi.pattern', { sessions: p.sessionsPerWeek, minutes: p.minutesPerSession, size: p.groupSize })}
                </TableCell>
                <TableCell align="right">{p.pupils}</TableCell>
                <TableCell align="right">{hoursText(p.hoursPerWeek)}</TableCell>
                {costs ? (
                  <TableCell align="right">{p.cost?.hourlyPence === null ? noRate : money(p.cost?.yearPence, noRate)}</TableCell>
                ) : null}
                {costs ? (
                  <TableCell align="right">
                    {p.cost?.perPupilPence === null || p.cost?.perPupilPence === undefined ? '' : formatPounds(p.cost.perPupilPence)}
                  </TableCell>
                ) : null}
                <TableCell>
                  {effectivenessLines(p.effectiveness).map((line) => (
                    <Typography key={line} variant="body2">
                      {line}
                    </Typography>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>

      <Paper variant="outlined" component="section" aria-labelledby={pupilsHeading} sx={{ p: 2 }}>
        <Typography id={pupilsHeading} variant="h2" sx={{ fontSize: '1.15rem', mb: 1 }}>
          {t('provisionMapUi.pupilsHeading')} ·{' '}
          {t('provisionMapUi.groupsHeading', { grouping: t(`provisionMapUi.groupings.${map.groupBy}`).toLowerCase() })}
        </Typography>
        <Table
          size="small"
          aria-label={t('provisionMapUi.pupilsCaption')}
          data-testid="map-pupils"
          sx={{ tableLayout: 'fixed', '& td, & th': { overflowWrap: 'anywhere' } }}
        >
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: '20%' }}>{t('provisionMapUi.cols.pupil')}</TableCell>
              <TableCell sx={{ width: '11%' }}>{t('provisionMapUi.cols.year')}</TableCell>
              <TableCell sx={{ width: '12%' }}>{t('provisionMapUi.cols.needs')}</TableCell>
              <TableCell>{t('provisionMapUi.cols.receives')}</TableCell>
              <TableCell sx={{ width: '9%' }} align="right">
                {t('provisionMapUi.cols.hours')}
              </TableCell>
              {costs ? (
                <TableCell sx={{ width: '11%' }} align="right">
                  {t('provisionMapUi.cols.total')}
                </TableCell>
              ) : null}
              {costs ? (
                <TableCell sx={{ width: '11%' }} align="right">
                  {t('provisionMapUi.cols.above')}
                </TableCell>
              ) : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {map.groups.map((g) => (
              <Fragment key={g.key}>
                <TableRow sx={{ bgcolor: 'action.hover' }}>
                  <TableCell colSpan={pupilCols} component="th" scope="rowgroup">
                    <Typography variant="body2" component="span" sx={{ fontWeight: 700 }}>
                      {g.label}
                    </Typography>
                    <Typography variant="body2" component="span" color="text.secondary">
                      {' · '}
                      {t('provisionMapUi.summary.pupils', { count: g.pupils })}
                      {g.costPence !== undefined ? ` · ${formatPounds(g.costPence)}` : ''}
                    </Typography>
                  </TableCell>
                </TableRow>
                {(grouped.get(g.key) ?? []).map(({ pupil, places }) => (
                  <TableRow key={`${g.key}:${pupil.pupilId}`}>
                    <TableCell>
                      <Link
                        component="button"
                        type="button"
                        onClick={() => onOpen(pupil.pupilId)}
                        sx={{ textAlign: 'left', fontWeight: 600 }}
                        aria-label={t('provisionMapUi.openPupil', { name: pupil.name })}
                      >
                        {pupil.name}
                      </Link>
                    </TableCell>
                    <TableCell>
                      {yearGroupLabel(pupil.yearGroup)}
                      {pupil.className ? (
                        <Typography variant="caption" color="text.secondary" component="div">
                          {pupil.className}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>{pupil.needs.join(', ')}</TableCell>
                    <TableCell>{places.map((x) => provisions.get(x.provisionId)?.name ?? '').join(', ')}</TableCell>
                    <TableCell align="right">{hoursText(places.reduce((n, x) => n + x.hoursPerWeek, 0))}</TableCell>
                    {costs ? (
                      <TableCell align="right">{formatPounds(places.reduce((n, x) => n + (x.cost?.costPence ?? 0), 0))}</TableCell>
                    ) : null}
                    {costs ? (
                      <TableCell align="right">
                        {pupil.cost && pupil.cost.aboveThresholdPence > 0 ? formatPounds(pupil.cost.aboveThresholdPence) : ''}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </>
  );
}

function Figure({
  label,
  value,
  note,
  testId,
}: {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
  readonly testId?: string;
}) {
  return (
    <Box>
      <Typography sx={{ fontSize: '1.5rem', fontWeight: 700, lineHeight: 1.2 }} data-testid={testId}>
        {value}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
        {note ? ` ${note}` : ''}
      </Typography>
    </Box>
  );
}
