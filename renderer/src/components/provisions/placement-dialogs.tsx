/**
 * The dialogs of a provision's pupils: place pupils on it (chosen from the register, which lists only the pupils the
 * user may see), record a place's entry and exit measures with the dates they were taken, end a place, and end the
 * provision itself. Each asks before it changes anything, and the core's message lands beside the field it is about.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import type { ProvisionDetail, ProvisionPlacementView, ProvisionRecord } from '../../../../shared/contract';
import { todayIso } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorSummary } from '../error-summary';
import { FormDialogActions } from '../form-dialog';
import { IsoDateInput } from '../form-fields';
import { PupilPicker, type PickedPupil } from '../therapy/pupil-picker';
import { parseMeasure } from './provision-words';

type Fields = Record<string, string>;

/** The core's refusal split into messages beside the dialog's fields and a summary for the rest. */
function split(error: AppError, fields: readonly string[]): { summary: string; fields: Fields } {
  const beside: Fields = {};
  const other: string[] = [];
  for (const [k, v] of Object.entries(error.fields ?? {})) {
    if (fields.includes(k)) beside[k] = v;
    else other.push(v);
  }
  return {
    summary: [Object.keys(beside).length ? '' : error.message, ...other].filter(Boolean).join(' ') || error.message,
    fields: beside,
  };
}

function SmallDialog({
  id,
  title,
  onClose,
  onSubmit,
  submitLabel,
  cancelLabel,
  busy,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly onClose: () => void;
  readonly onSubmit: () => Promise<void>;
  readonly submitLabel: string;
  readonly cancelLabel: string;
  readonly busy: boolean;
  readonly children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit();
  };
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={`${id}-title`}>
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>{children}</Box>
        </DialogContent>
        <FormDialogActions cancelLabel={cancelLabel} onCancel={onClose} submitLabel={submitLabel} busy={busy} />
      </form>
    </Dialog>
  );
}

export function PlaceDialog({ provision, onClose }: { readonly provision: ProvisionDetail; readonly onClose: (placed: number) => void }) {
  const { t } = useTranslation();
  const today = todayIso();
  const [picked, setPicked] = useState<readonly PickedPupil[]>([]);
  const [adding, setAdding] = useState<PickedPupil | null>(null);
  const [startDate, setStartDate] = useState<string | null>(provision.startDate > today ? provision.startDate : today);
  const [endDate, setEndDate] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [refusals, setRefusals] = useState<Readonly<Record<string, string>>>({});

  const submit = async () => {
    setSummary(null);
    setFields({});
    if (picked.length === 0) {
      setFields({ pupilId: t('catalogueUi.place.needPupil') });
      setSummary(t('catalogueUi.place.needPupil'));
      return;
    }
    setBusy(true);
    const placed: PickedPupil[] = [];
    const refused: Record<string, string> = {};
    let shared: Fields = {};
    for (const p of picked) {
      const r = await invoke('provisions.placements.add', {
        provisionId: provision.id,
        pupilId: p.id,
        startDate: startDate ?? '',
        endDate,
        entryValue: null,
      });
      if (r.ok) placed.push(p);
      else {
        const s = split(r.error, ['startDate', 'endDate']);
        // A date refused is the dialog's; anything else is about this pupil.
        if (Object.keys(s.fields).length) shared = { ...shared, ...s.fields };
        refused[p.id] = Object.keys(s.fields).length ? Object.values(s.fields).join(' ') : s.summary;
      }
    }
    setBusy(false);
    if (Object.keys(refused).length === 0) {
      onClose(placed.length);
      return;
    }
    setPicked(picked.filter((p) => refused[p.id] !== undefined));
    setRefusals(refused);
    setFields(shared);
    setSummary(
      placed.length
        ? t('catalogueUi.place.partly', { placed: placed.map((p) => p.name).join(', ') })
        : picked.map((p) => t('catalogueUi.place.pupilRefused', { name: p.name, message: refused[p.id] ?? '' })).join(' '),
    );
  };

  return (
    <SmallDialog
      id="place-dialog"
      title={t('catalogueUi.place.title', { name: provision.name })}
      onClose={() => onClose(0)}
      onSubmit={submit}
      submitLabel={t('catalogueUi.place.save', { count: Math.max(1, picked.length) })}
      cancelLabel={t('catalogueUi.form.cancel')}
      busy={busy}
    >
      <Typography variant="body2" color="text.secondary">
        {t('catalogueUi.place.intro')}
      </Typography>
      <ErrorSummary message={summary} items={[]} />
      <PupilPicker
        id="place-pupil"
        label={t('catalogueUi.place.pupil')}
        help={t('catalogueUi.place.pupilHelp')}
        required={false}
        value={adding}
        error={fields.pupilId ?? null}
        onChange={(p) => {
          setAdding(null);
          if (p && !picked.some((x) => x.id === p.id)) setPicked([...picked, p]);
        }}
      />
      <Box component="section" aria-label={t('catalogueUi.place.chosen')}>
        <Typography variant="subtitle2" component="h3">
          {t('catalogueUi.place.chosen')}
        </Typography>
        {picked.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('catalogueUi.place.noneChosen')}
          </Typography>
        ) : (
          <List dense data-testid="place-chosen">
            {picked.map((p) => (
              <ListItem
                key={p.id}
                secondaryAction={
                  <IconButton
                    edge="end"
                    aria-label={t('catalogueUi.place.remove', { name: p.name })}
                    onClick={() => setPicked(picked.filter((x) => x.id !== p.id))}
                  >
                    <CloseOutlined />
                  </IconButton>
                }
              >
                <ListItemText
                  primary={p.name}
                  secondary={refusals[p.id] ?? p.detail}
                  slotProps={{ secondary: refusals[p.id] ? { color: 'error' } : {} }}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, alignItems: 'start' }}>
        <IsoDateInput
          name="startDate"
          label={t('catalogueUi.place.startDate')}
          required
          value={startDate}
          onChange={setStartDate}
          error={fields.startDate ?? null}
          helperText={t('catalogueUi.place.startHelp', { date: provision.startDate })}
        />
        <IsoDateInput
          name="endDate"
          label={t('catalogueUi.place.endDate')}
          value={endDate}
          onChange={setEndDate}
          error={fields.endDate ?? null}
          helperText={t('catalogueUi.place.endHelp')}
        />
      </Box>
    </SmallDialog>
  );
}

export function MeasuresDialog({
  provision,
  placement,
  onClose,
}: {
  readonly provision: ProvisionRecord;
  readonly placement: ProvisionPlacementView;
  readonly onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState(placement.entryValue === null ? '' : String(placement.entryValue));
  const [exit, setExit] = useState(placement.exitValue === null ? '' : String(placement.exitValue));
  const [entryDate, setEntryDate] = useState<string | null>(placement.entryDate);
  const [exitDate, setExitDate] = useState<string | null>(placement.exitDate);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});

  const submit = async () => {
    const entryValue = parseMeasure(entry);
    const exitValue = parseMeasure(exit);
    const local: Fields = {};
    if (entryValue === 'invalid') local.entryValue = t('catalogueUi.measures.notNumber');
    if (exitValue === 'invalid') local.exitValue = t('catalogueUi.measures.notNumber');
    if (entryValue === 'invalid' || exitValue === 'invalid') {
      setFields(local);
      setSummary(t('errors.invalidInput'));
      return;
    }
    setBusy(true);
    const r = await invoke('provisions.placements.measures', {
      id: placement.id,
      entryValue,
      exitValue,
      entryDate: entryValue === null ? null : entryDate,
      exitDate: exitValue === null ? null : exitDate,
    });
    setBusy(false);
    if (r.ok) {
      onClose(true);
      return;
    }
    const s = split(r.error, ['entryValue', 'exitValue', 'entryDate', 'exitDate']);
    setFields(s.fields);
    setSummary(Object.keys(s.fields).length ? t('errors.invalidInput') : s.summary);
  };

  const valueField = (name: string, label: string, value: string, set: (v: string) => void) => (
    <TextField
      name={name}
      label={label}
      value={value}
      onChange={(e) => set(e.target.value)}
      error={!!fields[name]}
      helperText={fields[name] ?? t('catalogueUi.measures.valueHelp')}
      slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 14 } }}
    />
  );
  return (
    <SmallDialog
      id="measures-dialog"
      title={t('catalogueUi.measures.title', { name: placement.pupilName })}
      onClose={() => onClose(false)}
      onSubmit={submit}
      submitLabel={t('catalogueUi.measures.save')}
      cancelLabel={t('catalogueUi.form.cancel')}
      busy={busy}
    >
      <Typography variant="body2" color="text.secondary">
        {t('catalogueUi.measures.intro', { measure: provision.measureName ?? '' })}
      </Typography>
      <ErrorSummary message={summary} items={[]} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, alignItems: 'start' }}>
        {valueField('entryValue', t('catalogueUi.measures.entryValue'), entry, setEntry)}
        <IsoDateInput
          name="entryDate"
          label={t('catalogueUi.measures.entryDate')}
          value={entryDate}
          onChange={setEntryDate}
          error={fields.entryDate ?? null}
          helperText={t('catalogueUi.measures.dateHelp')}
          disableFuture
        />
        {valueField('exitValue', t('catalogueUi.measures.exitValue'), exit, setExit)}
        <IsoDateInput
          name="exitDate"
          label={t('catalogueUi.measures.exitDate')}
          value={exitDate}
          onChange={setExitDate}
          error={fields.exitDate ?? null}
          helperText={t('catalogueUi.measures.dateHelp')}
          disableFuture
        />
      </Box>
    </SmallDialog>
  );
}

export function EndPlaceDialog({
  provision,
  placement,
  onClose,
}: {
  readonly provision: ProvisionRecord;
  readonly placement: ProvisionPlacementView;
  readonly onClose: (ended: boolean) => void;
}) {
  const { t } = useTranslation();
  const [endDate, setEndDate] = useState<string | null>(todayIso() < placement.startDate ? placement.startDate : todayIso());
  const [exit, setExit] = useState(placement.exitValue === null ? '' : String(placement.exitValue));
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});

  const submit = async () => {
    const exitValue = provision.measureName ? parseMeasure(exit) : undefined;
    if (exitValue === 'invalid') {
      setFields({ exitValue: t('catalogueUi.measures.notNumber') });
      setSummary(t('errors.invalidInput'));
      return;
    }
    setBusy(true);
    const r = await invoke('provisions.placements.end', {
      id: placement.id,
      endDate: endDate ?? '',
      ...(exitValue === undefined ? {} : { exitValue }),
    });
    setBusy(false);
    if (r.ok) {
      onClose(true);
      return;
    }
    const s = split(r.error, ['endDate', 'exitValue', 'exitDate']);
    setFields(s.fields);
    setSummary(Object.keys(s.fields).length ? t('errors.invalidInput') : s.summary);
  };

  return (
    <SmallDialog
      id="end-place-dialog"
      title={t('catalogueUi.endPlace.title', { name: placement.pupilName })}
      onClose={() => onClose(false)}
      onSubmit={submit}
      submitLabel={t('catalogueUi.endPlace.confirm')}
      cancelLabel={t('catalogueUi.endPlace.cancel')}
      busy={busy}
    >
      <Typography>{t('catalogueUi.endPlace.body', { provision: provision.name })}</Typography>
      <ErrorSummary message={summary} items={[]} />
      <IsoDateInput
        name="endDate"
        label={t('catalogueUi.endPlace.date')}
        required
        value={endDate}
        onChange={setEndDate}
        error={fields.endDate ?? null}
      />
      {provision.measureName ? (
        <TextField
          name="exitValue"
          label={t('catalogueUi.endPlace.exitValue')}
          value={exit}
          onChange={(e) => setExit(e.target.value)}
          error={!!(fields.exitValue ?? fields.exitDate)}
          helperText={fields.exitValue ?? fields.exitDate ?? `${provision.measureName}. ${t('catalogueUi.measures.valueHelp')}`}
          slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 14 } }}
        />
      ) : null}
    </SmallDialog>
  );
}

export function EndProvisionDialog({
  provision,
  onClose,
}: {
  readonly provision: ProvisionRecord;
  readonly onClose: (ended: ProvisionRecord | null) => void;
}) {
  const { t } = useTranslation();
  const [endDate, setEndDate] = useState<string | null>(todayIso() < provision.startDate ? provision.startDate : todayIso());
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const submit = async () => {
    setBusy(true);
    const r = await invoke('provisions.end', { id: provision.id, endDate: endDate ?? '' });
    setBusy(false);
    if (r.ok) {
      onClose(r.value);
      return;
    }
    const s = split(r.error, ['endDate']);
    setFields(s.fields);
    setSummary(Object.keys(s.fields).length ? t('errors.invalidInput') : s.summary);
  };
  return (
    <SmallDialog
      id="end-provision-dialog"
      title={t('catalogueUi.endDialog.title', { name: provision.name })}
      onClose={() => onClose(null)}
      onSubmit={submit}
      submitLabel={t('catalogueUi.endDialog.confirm')}
      cancelLabel={t('catalogueUi.endDialog.cancel')}
      busy={busy}
    >
      <Typography>{t('catalogueUi.endDialog.body')}</Typography>
      <Typography>{t('catalogueUi.endDialog.pupils', { count: provision.currentPupils })}</Typography>
      <ErrorSummary message={summary} items={[]} />
      <IsoDateInput
        name="endDate"
        label={t('catalogueUi.endDialog.date')}
        required
        value={endDate}
        onChange={setEndDate}
        error={fields.endDate ?? null}
      />
    </SmallDialog>
  );
}
