/**
 * The school's provision catalogue (issue 18, item 1): each provision it runs with its area of need, wave, group size,
 * sessions a week × minutes, who delivers it, when it runs and its entry and exit measure. The SENCo (and therapy
 * lead) add, edit and end provision and place pupils on it; those who may record measures record them. The provision
 * whose pupils are shown is in the address (?open=id: an id, never a pupil's name).
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import EventBusyOutlined from '@mui/icons-material/EventBusyOutlined';
import ExtensionOutlined from '@mui/icons-material/ExtensionOutlined';
import GroupOutlined from '@mui/icons-material/GroupOutlined';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import type { ProvisionDetail, ProvisionPlacementView, ProvisionRecord } from '../../../../shared/contract';
import { todayIso } from '../../../../shared/dates';
import { yearGroupLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { newProvision, ProvisionDialog, provisionToInput, type ProvisionIn } from '../../components/provisions/provision-dialog';
import { EndPlaceDialog, EndProvisionDialog, MeasuresDialog, PlaceDialog } from '../../components/provisions/placement-dialogs';
import { datesText, groupText, hasEnded, hoursText, sessionsText } from '../../components/provisions/provision-words';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

const tableSx = { '& th': { fontWeight: 600, verticalAlign: 'bottom' }, '& td': { verticalAlign: 'top' } } as const;

export default function ProvisionsPage() {
  const { t } = useTranslation();
  const title = t('catalogueUi.title');
  usePageTitle(title);
  const canEdit = useCan('provisions.create');
  const [params, setParams] = useSearchParams();
  const includeEnded = params.get('ended') === '1';
  const openId = params.get('open');
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const query = useQuery({ queryKey: qk('provisions.list', { includeEnded }), queryFn: () => call('provisions.list', { includeEnded }) });
  const [editing, setEditing] = useState<ProvisionIn | null>(null);
  const [ending, setEnding] = useState<ProvisionRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const today = todayIso();
  const rows = query.data ?? [];

  const addButton = canEdit ? (
    <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setEditing(newProvision(today))}>
      {t('catalogueUi.add')}
    </Button>
  ) : undefined;

  return (
    <>
      <PageHeader title={title} subtitle={t('catalogueUi.subtitle')} actions={addButton} />
      {notice ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      <Paper variant="outlined" component="section" aria-label={t('catalogueUi.tableLabel')} sx={{ p: 2.5 }}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
          <FormControlLabel
            control={<Switch checked={includeEnded} onChange={(e) => update({ ended: e.target.checked ? '1' : '' })} />}
            label={t('catalogueUi.includeEnded')}
          />
        </Box>
        {query.isPending ? (
          <Loading />
        ) : query.error ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<ExtensionOutlined />}
            title={t('catalogueUi.emptyTitle')}
            body={canEdit ? t('catalogueUi.empty') : t('catalogueUi.emptyReadOnly')}
            action={addButton}
          />
        ) : (
          <TableContainer>
            <Table size="small" aria-label={t('catalogueUi.tableLabel')} sx={tableSx}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('catalogueUi.columns.name')}</TableCell>
                  <TableCell>{t('catalogueUi.columns.need')}</TableCell>
                  <TableCell align="right">{t('catalogueUi.columns.group')}</TableCell>
                  <TableCell>{t('catalogueUi.columns.sessions')}</TableCell>
                  <TableCell>{t('catalogueUi.columns.dates')}</TableCell>
                  <TableCell>{t('catalogueUi.columns.measure')}</TableCell>
                  <TableCell align="right">{t('catalogueUi.columns.pupils')}</TableCell>
                  <TableCell align="right">{t('catalogueUi.columns.actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((p) => {
                  const ended = hasEnded(p, today);
                  return (
                    <TableRow key={p.id} data-testid="provision-row" data-name={p.name} selected={p.id === openId}>
                      <TableCell sx={{ minWidth: 150 }}>
                        <Typography sx={{ fontWeight: 500 }}>{p.name}</Typography>
                        {ended ? <Chip size="small" label={t('catalogueUi.endedChip')} sx={{ mt: 0.5 }} /> : null}
                      </TableCell>
                      <TableCell sx={{ minWidth: 130 }}>
                        {t(`ehcpUi.areas.${p.area}`)}
                        <Typography variant="body2" color="text.secondary">
                          {t(`provisionUi.waves.${p.wave}`)}
                        </Typography>
                      </TableCell>
                      <TableCell align="right">{groupText(p.groupSize)}</TableCell>
                      <TableCell sx={{ minWidth: 150 }}>
                        {sessionsText(p)}
                        <Typography variant="body2" color="text.secondary">
                          {hoursText(p)}
                          <br />
                          {t(`provisionUi.roles.${p.staffRole}`)}
                        </Typography>
                      </TableCell>
                      <TableCell sx={{ minWidth: 120 }}>{datesText(p)}</TableCell>
                      <TableCell>{p.measureName ?? t('catalogueUi.noMeasure')}</TableCell>
                      <TableCell align="right" data-testid="provision-pupils">
                        {p.currentPupils}
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        <Box sx={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'stretch', gap: 0.5 }}>
                          <Button
                            size="small"
                            variant="outlined"
                            startIcon={<GroupOutlined />}
                            onClick={() => update({ open: p.id })}
                            aria-label={t('catalogueUi.openAria', { name: p.name })}
                          >
                            {t('catalogueUi.open')}
                          </Button>
                          {canEdit ? (
                            <Button
                              size="small"
                              variant="outlined"
                              startIcon={<EditOutlined />}
                              onClick={() => setEditing(provisionToInput(p))}
                              aria-label={t('catalogueUi.editAria', { name: p.name })}
                            >
                              {t('catalogueUi.edit')}
                            </Button>
                          ) : null}
                          {canEdit && !ended ? (
                            <Button
                              size="small"
                              variant="outlined"
                              startIcon={<EventBusyOutlined />}
                              onClick={() => setEnding(p)}
                              aria-label={t('catalogueUi.endAria', { name: p.name })}
                            >
                              {t('catalogueUi.end')}
                            </Button>
                          ) : null}
                        </Box>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>
      {openId ? <ProvisionPupils id={openId} canPlace={canEdit} onClose={() => update({ open: '' })} /> : null}
      {editing ? (
        <ProvisionDialog
          initial={editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setNotice(t('catalogueUi.saved', { name: saved.name }));
          }}
        />
      ) : null}
      {ending ? (
        <EndProvisionDialog
          provision={ending}
          onClose={(ended) => {
            setEnding(null);
            if (ended?.endDate) setNotice(t('catalogueUi.ended', { name: ended.name, date: ended.endDate }));
          }}
        />
      ) : null}
    </>
  );
}

/** The pupils placed on one provision, past and present (those the user may see), with their measures. */
function ProvisionPupils({ id, canPlace, onClose }: { readonly id: string; readonly canPlace: boolean; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const canMeasure = useCan('provisions.placements.measures');
  const query = useQuery({ queryKey: qk('provisions.get', id), queryFn: () => call('provisions.get', { id }) });
  const [placing, setPlacing] = useState(false);
  const [measuring, setMeasuring] = useState<ProvisionPlacementView | null>(null);
  const [endingPlace, setEndingPlace] = useState<ProvisionPlacementView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const today = todayIso();
  useEffect(() => {
    if (query.data) heading.current?.scrollIntoView?.({ block: 'start' });
  }, [query.data?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const p: ProvisionDetail = query.data;
  const measureText = (value: number | null, date: string | null) =>
    value === null ? t('catalogueUi.detail.notRecorded') : date ? t('catalogueUi.detail.measureValue', { value, date }) : String(value);
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="provision-pupils-title"
      sx={{ p: 2.5, mt: 3 }}
      data-testid="provision-pupils-panel"
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap', mb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography variant="h2" id="provision-pupils-title" ref={heading} tabIndex={-1}>
            {t('catalogueUi.detail.title', { name: p.name })}
          </Typography>
          <Typography color="text.secondary">
            {t('catalogueUi.detail.summary', {
              area: t(`ehcpUi.areas.${p.area}`),
              wave: t(`provisionUi.waves.${p.wave}`),
              sessions: sessionsText(p),
              role: t(`provisionUi.roles.${p.staffRole}`),
            })}
          </Typography>
          {p.description ? <Typography sx={{ mt: 0.5 }}>{p.description}</Typography> : null}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {t('catalogueUi.detail.links', { ehcp: p.links.ehcpProvision, ipp: p.links.ippInterventions, sessions: p.links.sessions })}
          </Typography>
        </Box>
        <Box sx={{ display: 'flex', gap: 1 }}>
          {canPlace && !hasEnded(p, today) ? (
            <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setPlacing(true)}>
              {t('catalogueUi.detail.place')}
            </Button>
          ) : null}
          <Button onClick={onClose}>{t('catalogueUi.detail.close')}</Button>
        </Box>
      </Box>
      {notice ? (
        <Alert severity="success" role="status" sx={{ my: 1 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      {p.placements.length === 0 ? (
        <EmptyState icon={<GroupOutlined />} title={t('catalogueUi.detail.emptyTitle')} body={t('catalogueUi.detail.empty')} />
      ) : (
        <TableContainer>
          <Table size="small" aria-label={t('catalogueUi.detail.tableLabel', { name: p.name })} sx={tableSx}>
            <TableHead>
              <TableRow>
                <TableCell>{t('catalogueUi.detail.columns.pupil')}</TableCell>
                <TableCell>{t('catalogueUi.detail.columns.dates')}</TableCell>
                {p.measureName ? <TableCell>{t('catalogueUi.detail.columns.entry')}</TableCell> : null}
                {p.measureName ? <TableCell>{t('catalogueUi.detail.columns.exit')}</TableCell> : null}
                <TableCell align="right">{t('catalogueUi.detail.columns.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {p.placements.map((pl) => {
                const ended = pl.endDate !== null && pl.endDate < today;
                return (
                  <TableRow key={pl.id} data-testid="placement-row" data-name={pl.pupilName}>
                    <TableCell>
                      <Typography sx={{ fontWeight: 500 }}>{pl.pupilName}</Typography>
                      <Typography variant="body2" color="text.secondary">
                        {[yearGroupLabel(pl.yearGroup), pl.className].filter(Boolean).join(' · ')}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      {pl.endDate ? datesText(pl) : t('catalogueUi.detail.current', { date: pl.startDate })}
                      {ended ? <Chip size="small" label={t('catalogueUi.detail.placeEnded')} sx={{ ml: 1 }} /> : null}
                    </TableCell>
                    {p.measureName ? <TableCell data-testid="placement-entry">{measureText(pl.entryValue, pl.entryDate)}</TableCell> : null}
                    {p.measureName ? <TableCell data-testid="placement-exit">{measureText(pl.exitValue, pl.exitDate)}</TableCell> : null}
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <Box sx={{ display: 'inline-flex', gap: 0.5, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
                        {canMeasure && p.measureName ? (
                          <Button
                            size="small"
                            variant="outlined"
                            onClick={() => setMeasuring(pl)}
                            aria-label={t('catalogueUi.detail.measuresAria', { name: pl.pupilName })}
                          >
                            {t('catalogueUi.detail.measures')}
                          </Button>
                        ) : null}
                        {canPlace && !ended ? (
                          <Button
                            size="small"
                            variant="outlined"
                            onClick={() => setEndingPlace(pl)}
                            aria-label={t('catalogueUi.detail.endPlaceAria', { name: pl.pupilName })}
                          >
                            {t('catalogueUi.detail.endPlace')}
                          </Button>
                        ) : null}
                      </Box>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {placing ? (
        <PlaceDialog
          provision={p}
          onClose={(placed) => {
            setPlacing(false);
            if (placed) setNotice(t('catalogueUi.place.placed', { count: placed }));
          }}
        />
      ) : null}
      {measuring ? (
        <MeasuresDialog
          provision={p}
          placement={measuring}
          onClose={(saved) => {
            setMeasuring(null);
            if (saved) setNotice(t('catalogueUi.measures.saved', { name: measuring.pupilName }));
          }}
        />
      ) : null}
      {endingPlace ? <EndPlaceDialog provision={p} placement={endingPlace} onClose={() => setEndingPlace(null)} /> : null}
    </Paper>
  );
}
