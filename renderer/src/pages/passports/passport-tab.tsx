/**
 * A pupil's "Passport" tab (issue 18, item 3): the current passport as a one-page profile (the pupil's photo and own
 * words, the five sections, the strategies for staff with where each came from), its versions (any can be opened),
 * printing the staff copy or the plain copy for the pupil and parents, and for the SENCo and the therapy team an
 * editor: the sections, the strategies (suggested from the pupil's EHC plan and individual plans, then changed or
 * added to), the pupil's own words and an optional photo with its description. Each save is a new version. Teachers
 * and teaching assistants read it for the pupils in their classes (the core refuses any other pupil).
 */
import { useId, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import BadgeOutlined from '@mui/icons-material/BadgeOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import AutoAwesomeOutlined from '@mui/icons-material/AutoAwesomeOutlined';
import {
  PASSPORT_SECTIONS,
  type PassportVersion,
  type PassportView,
  type PupilProfile,
  type SuggestedStrategy,
} from '../../../../shared/contract';
import { call, invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { saveBlob } from '../../components/register/download';
import { base64ToBytes, pdfFileName } from '../../components/reviews/review-model';
import {
  blankStrategy,
  formFrom,
  newSuggestions,
  personOf,
  photoProblem,
  readBase64,
  saveInput,
  savedOn,
  withStrategies,
  type PassportForm,
  type PhotoChoice,
} from '../../components/passports/passport-model';
import { useDraft } from '../../lib/use-draft';
import { DraftStatus, useCloseGuard } from '../../components/draft-guard';
import { qk } from '../../lib/query-keys';

export function PassportTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const canWrite = useCan('passports.save');
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const query = useQuery({ queryKey: qk('passports.get', pupil.id), queryFn: () => call('passports.get', { pupilId: pupil.id }) });
  const older = useQuery({
    queryKey: qk('passports.getVersion', pupil.id, viewing),
    queryFn: () => call('passports.getVersion', { pupilId: pupil.id, number: viewing! }),
    enabled: viewing !== null,
  });

  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const view = query.data;

  if (editing) {
    return (
      <PassportEditor
        pupil={pupil}
        view={view}
        onDone={(n) => {
          setEditing(false);
          setViewing(null);
          if (n !== null) setSaved(n);
        }}
      />
    );
  }
  if (!view.current) {
    return (
      <Paper variant="outlined" sx={{ p: 2.5 }} data-testid="passport-tab">
        <EmptyState
          icon={<BadgeOutlined />}
          title={t('passports.ui.none')}
          body={canWrite ? t('passports.ui.noneBody') : t('passports.ui.noneReadOnly')}
          action={
            canWrite ? (
              <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setEditing(true)}>
                {t('passports.ui.start')}
              </Button>
            ) : null
          }
        />
      </Paper>
    );
  }
  const shown = viewing !== null && older.data ? older.data : view.current;
  return (
    <Box sx={{ display: 'grid', gap: 2 }} data-testid="passport-tab">
      {saved !== null ? (
        <Alert severity="success" onClose={() => setSaved(null)} role="status">
          {t('passports.ui.saved', { n: saved })}
        </Alert>
      ) : null}
      {viewing !== null && older.data ? (
        <Alert
          severity="info"
          action={
            <Button color="inherit" size="small" onClick={() => setViewing(null)}>
              {t('passports.ui.backToCurrent')}
            </Button>
          }
        >
          {t('passports.ui.viewing', { n: older.data.number, date: savedOn(older.data.createdAt), by: personOf(older.data.createdBy) })}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
        <PassportCard pupil={pupil} version={shown} onEdit={canWrite && viewing === null ? () => setEditing(true) : null} />
        <Box sx={{ display: 'grid', gap: 2 }}>
          <PrintButtons pupilId={pupil.id} version={viewing ?? undefined} />
          <Versions
            view={view}
            viewing={viewing ?? view.current.number}
            onOpen={(n) => setViewing(n === view.current!.number ? null : n)}
          />
        </Box>
      </Box>
    </Box>
  );
}

function PassportCard({
  pupil,
  version,
  onEdit,
}: {
  readonly pupil: PupilProfile;
  readonly version: PassportVersion;
  readonly onEdit: (() => void) | null;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={titleId} sx={{ p: 2.5 }} data-testid="passport-card">
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap', mb: 2 }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography id={titleId} variant="h2" sx={{ fontSize: '1.15rem' }}>
            {t('passports.ui.title')}: {pupil.name}
          </Typography>
          <Typography color="text.secondary" data-testid="passport-version">
            {t('passports.ui.current', { n: version.number, date: savedOn(version.createdAt), by: personOf(version.createdBy) })}
          </Typography>
          {version.writtenWith ? (
            <Typography color="text.secondary">{t('passports.print.writtenWith', { who: version.writtenWith })}</Typography>
          ) : null}
        </Box>
        {version.photo ? (
          <Box
            component="img"
            src={`data:${version.photo.type};base64,${version.photo.base64}`}
            alt={version.photo.alt}
            sx={{ width: 112, height: 136, objectFit: 'cover', borderRadius: 1, border: 1, borderColor: 'divider' }}
          />
        ) : null}
        {onEdit ? (
          <Button variant="contained" startIcon={<EditOutlined />} onClick={onEdit} data-testid="passport-edit">
            {t('passports.ui.edit')}
          </Button>
        ) : null}
      </Box>
      {version.pupilWords ? (
        <Box component="blockquote" sx={{ m: 0, mb: 2, p: 1.5, borderLeft: 4, borderColor: 'primary.main', bgcolor: 'action.hover' }}>
          <Typography variant="subtitle2" component="p" sx={{ fontWeight: 700 }}>
            {t('passports.print.ownWords')}
          </Typography>
          <Typography sx={{ fontStyle: 'italic', whiteSpace: 'pre-line' }}>“{version.pupilWords}”</Typography>
        </Box>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        {PASSPORT_SECTIONS.map((k) => (
          <Box key={k}>
            <Typography variant="h3" sx={{ fontSize: '1rem', fontWeight: 700, color: 'primary.dark' }}>
              {t(`passports.print.sections.${k}`)}
            </Typography>
            <Typography sx={{ whiteSpace: 'pre-line' }} color={version[k] ? 'text.primary' : 'text.secondary'}>
              {version[k] ?? t('passports.ui.notWritten')}
            </Typography>
          </Box>
        ))}
      </Box>
      <Typography variant="h3" sx={{ fontSize: '1rem', fontWeight: 700, color: 'primary.dark', mt: 2 }}>
        {t('passports.ui.strategies')}
      </Typography>
      {version.strategies.length ? (
        <List dense disablePadding data-testid="passport-strategies">
          {version.strategies.map((s, i) => (
            <ListItem key={i} disableGutters sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
              <Typography component="span">• {s.text}</Typography>
              <Chip size="small" variant="outlined" label={t(`passports.ui.source.${s.source}`)} />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography color="text.secondary">{t('passports.ui.noStrategies')}</Typography>
      )}
    </Paper>
  );
}

function PrintButtons({ pupilId, version }: { readonly pupilId: string; readonly version: number | undefined }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'staff' | 'plain' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const print = async (plain: boolean) => {
    setBusy(plain ? 'plain' : 'staff');
    setError(null);
    const r = await invoke('passports.pdf', { pupilId, plain, ...(version === undefined ? {} : { version }) });
    setBusy(null);
    if (!r.ok) return setError(r.error.message);
    saveBlob(pdfFileName(r.value.filename), new Blob([base64ToBytes(r.value.pdfBase64)], { type: 'application/pdf' }));
  };
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1 }}>
      {(['staff', 'plain'] as const).map((k) => (
        <Button
          key={k}
          variant="outlined"
          onClick={() => void print(k === 'plain')}
          disabled={busy !== null}
          data-testid={`passport-print-${k}`}
          startIcon={busy === k ? <CircularProgress size={16} aria-hidden /> : <PrintOutlined />}
        >
          {busy === k ? t('passports.ui.printing') : t(k === 'plain' ? 'passports.ui.printPlain' : 'passports.ui.printStaff')}
        </Button>
      ))}
      <Typography variant="body2" color="text.secondary">
        {t('passports.ui.printHelp')}
      </Typography>
      <Box role="status" aria-live="polite">
        {error ? (
          <Alert severity="error" onClose={() => setError(null)}>
            {error}
          </Alert>
        ) : null}
      </Box>
    </Paper>
  );
}

function Versions({
  view,
  viewing,
  onOpen,
}: {
  readonly view: PassportView;
  readonly viewing: number;
  readonly onOpen: (n: number) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={titleId} sx={{ p: 2 }}>
      <Typography id={titleId} variant="h3" sx={{ fontSize: '1rem', fontWeight: 700, mb: 1 }}>
        {t('passports.ui.history')}
      </Typography>
      <List dense disablePadding data-testid="passport-versions">
        {[...view.versions].reverse().map((v) => (
          <ListItem key={v.number} disableGutters sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <Typography variant="body2" sx={{ flex: 1, fontWeight: v.number === viewing ? 700 : 400 }}>
              {t('passports.ui.historyItem', { n: v.number, date: savedOn(v.createdAt), by: personOf(v.createdBy) })}
              {v.number === view.current?.number ? ` (${t('passports.ui.currentTag')})` : ''}
            </Typography>
            {v.number !== viewing ? (
              <Button
                size="small"
                onClick={() => onOpen(v.number)}
                aria-label={`${t('passports.ui.open')}: ${t('passports.ui.historyItem', { n: v.number, date: savedOn(v.createdAt), by: personOf(v.createdBy) })}`}
              >
                {t('passports.ui.open')}
              </Button>
            ) : null}
          </ListItem>
        ))}
      </List>
    </Paper>
  );
}

/**
 * The passport's draft (issue 17, item 3): the form as typed, but a photo kept from the current version is kept by
 * reference (its alt text only), not copied into every save of the draft.
 */
type PassportDraft = Omit<PassportForm, 'photo'> & {
  readonly photo: PassportForm['photo'] | { readonly kind: 'keep'; readonly alt: string };
};
const draftOf = (f: PassportForm): PassportDraft => (f.photo.kind === 'keep' ? { ...f, photo: { kind: 'keep', alt: f.photo.alt } } : f);
/** A restored draft over the form as opened: the kept photo taken from the current version, strategies keyed afresh. */
function fromDraft(d: PassportDraft, opened: PassportForm): PassportForm {
  const photo: PhotoChoice =
    d.photo.kind !== 'keep'
      ? (d.photo as PhotoChoice)
      : opened.photo.kind === 'none'
        ? { kind: 'none' }
        : { ...opened.photo, kind: 'keep', alt: d.photo.alt };
  return { ...opened, ...d, strategies: (d.strategies ?? []).map((s, i) => ({ ...s, key: `restored-${i}` })), photo };
}

function PassportEditor({
  pupil,
  view,
  onDone,
}: {
  readonly pupil: PupilProfile;
  readonly view: PassportView;
  readonly onDone: (saved: number | null) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<PassportForm>(() => formFrom(view.current));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [suggesting, setSuggesting] = useState<readonly SuggestedStrategy[] | null>(null);
  const [suggestError, setSuggestError] = useState<string | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  // Kept as a draft until saved (issue 17, item 3): leaving the page or Cancel with changes asks first.
  const [opened] = useState(form);
  const [openedJson] = useState(() => JSON.stringify(draftOf(form)));
  const draftValue = draftOf(form);
  const draft = useDraft<PassportDraft>({
    draftKey: `passports.form:${pupil.id}`,
    pupilId: pupil.id,
    value: draftValue,
    dirty: JSON.stringify(draftValue) !== openedJson,
    restore: (d) => setForm(fromDraft(d, opened)),
  });
  const guard = useCloseGuard({ draft, onClose: () => onDone(null), title: t('passports.ui.title') });

  const suggest = async () => {
    setSuggestError(null);
    const r = await invoke('passports.suggestStrategies', { pupilId: pupil.id });
    if (!r.ok) return setSuggestError(r.error.message);
    setSuggesting(newSuggestions(form, r.value));
  };
  const choosePhoto = async (file: File | undefined) => {
    if (!file) return;
    const problem = photoProblem(file);
    if (problem)
      return setPhotoError(
        problem.kind === 'type' ? t('passports.ui.photoWrongType') : t('passports.ui.photoTooLarge', { size: problem.size }),
      );
    setPhotoError(null);
    const base64 = await readBase64(file);
    setForm((f) => ({ ...f, photo: { kind: 'new', type: file.type, base64, alt: f.photo.kind === 'none' ? '' : f.photo.alt } }));
  };
  const save = async () => {
    const local: Record<string, string> = {};
    if (form.photo.kind !== 'none' && !form.photo.alt.trim()) local['photo.alt'] = t('passports.ui.photoAltNeeded');
    setFields(local);
    if (Object.keys(local).length) return;
    setSaving(true);
    setError(null);
    const r = await invoke('passports.save', saveInput(pupil.id, view.current?.number ?? null, form));
    setSaving(false);
    if (!r.ok) {
      setError(r.error.message);
      setFields(r.error.fields ?? {});
      return;
    }
    void draft.saved();
    client.setQueryData(qk('passports.get', pupil.id), r.value);
    onDone(r.value.current?.number ?? null);
  };
  const setSection = (k: (typeof PASSPORT_SECTIONS)[number], v: string) => setForm((f) => ({ ...f, sections: { ...f.sections, [k]: v } }));
  const photoSrc = form.photo.kind === 'none' ? null : `data:${form.photo.type};base64,${form.photo.base64}`;

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={titleId}
      sx={{ p: 2.5, display: 'grid', gap: 2 }}
      data-testid="passport-editor"
    >
      <Box>
        <Typography id={titleId} variant="h2" sx={{ fontSize: '1.15rem' }}>
          {t('passports.ui.title')}: {pupil.name}
        </Typography>
        <Typography color="text.secondary">{t('passports.ui.intro')}</Typography>
      </Box>
      <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => setForm(opened))} />
      {error ? (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        {PASSPORT_SECTIONS.map((k) => (
          <TextField
            key={k}
            label={t(`passports.print.sections.${k}`)}
            value={form.sections[k]}
            onChange={(e) => setSection(k, e.target.value)}
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            error={!!fields[k]}
            helperText={fields[k] || t(`passports.ui.sectionHelp.${k}`) || undefined}
          />
        ))}
        <TextField
          label={t('passports.ui.ownWords')}
          value={form.pupilWords}
          onChange={(e) => setForm((f) => ({ ...f, pupilWords: e.target.value }))}
          multiline
          minRows={2}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
          error={!!fields.pupilWords}
          helperText={fields.pupilWords || t('passports.ui.ownWordsHelp')}
        />
      </Box>
      <TextField
        label={t('passports.ui.writtenWith')}
        value={form.writtenWith}
        onChange={(e) => setForm((f) => ({ ...f, writtenWith: e.target.value }))}
        slotProps={{ htmlInput: { maxLength: 200 } }}
        error={!!fields.writtenWith}
        helperText={fields.writtenWith || t('passports.ui.writtenWithHelp')}
      />

      <Box
        component="fieldset"
        sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0, display: 'grid', gap: 1.5 }}
        data-testid="passport-strategies-editor"
      >
        <Typography component="legend" sx={{ px: 0.5, fontWeight: 700 }}>
          {t('passports.ui.strategies')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('passports.ui.strategiesHelp')}
        </Typography>
        {form.strategies.length === 0 ? <Typography color="text.secondary">{t('passports.ui.noStrategies')}</Typography> : null}
        {form.strategies.map((s, i) => (
          <Box key={s.key} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <TextField
              size="small"
              fullWidth
              label={t('passports.ui.strategy', { n: i + 1 })}
              value={s.text}
              slotProps={{ htmlInput: { maxLength: 500 } }}
              onChange={(e) =>
                setForm((f) => ({ ...f, strategies: f.strategies.map((x) => (x.key === s.key ? { ...x, text: e.target.value } : x)) }))
              }
              error={!!fields[`strategies.${i}.text`]}
              helperText={fields[`strategies.${i}.text`] || t(`passports.ui.source.${s.source}`)}
            />
            <IconButton
              aria-label={t('passports.ui.removeStrategy', { n: i + 1 })}
              onClick={() => setForm((f) => ({ ...f, strategies: f.strategies.filter((x) => x.key !== s.key) }))}
            >
              <DeleteOutline />
            </IconButton>
          </Box>
        ))}
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Button variant="outlined" startIcon={<AutoAwesomeOutlined />} onClick={() => void suggest()} data-testid="passport-suggest">
            {t('passports.ui.suggest')}
          </Button>
          <Button startIcon={<AddOutlined />} onClick={() => setForm((f) => blankStrategy(f))}>
            {t('passports.ui.addStrategy')}
          </Button>
        </Box>
        {suggestError ? <Alert severity="error">{suggestError}</Alert> : null}
      </Box>

      <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0, display: 'grid', gap: 1.5 }}>
        <Typography component="legend" sx={{ px: 0.5, fontWeight: 700 }}>
          {t('passports.ui.photo')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('passports.ui.photoHelp')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          {photoSrc ? (
            <Box
              component="img"
              src={photoSrc}
              alt={t('passports.ui.photoPreview', { alt: form.photo.kind === 'none' ? '' : form.photo.alt })}
              sx={{ width: 96, height: 116, objectFit: 'cover', borderRadius: 1 }}
            />
          ) : null}
          <Box sx={{ display: 'grid', gap: 1, flex: 1, minWidth: 240 }}>
            <input
              ref={fileRef}
              type="file"
              accept="image/png,image/jpeg"
              hidden
              aria-label={t('passports.ui.photoChoose')}
              data-testid="passport-photo-input"
              onChange={(e) => {
                void choosePhoto(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
              <Button variant="outlined" onClick={() => fileRef.current?.click()}>
                {photoSrc ? t('passports.ui.photoReplace') : t('passports.ui.photoChoose')}
              </Button>
              {photoSrc ? (
                <Button onClick={() => setForm((f) => ({ ...f, photo: { kind: 'none' } }))}>{t('passports.ui.photoRemove')}</Button>
              ) : null}
            </Box>
            {photoError || fields['photo.base64'] ? <Alert severity="error">{photoError ?? fields['photo.base64']}</Alert> : null}
            {form.photo.kind !== 'none' ? (
              <TextField
                label={t('passports.ui.photoAlt')}
                value={form.photo.alt}
                required
                slotProps={{ htmlInput: { maxLength: 200 } }}
                onChange={(e) => setForm((f) => (f.photo.kind === 'none' ? f : { ...f, photo: { ...f.photo, alt: e.target.value } }))}
                error={!!fields['photo.alt']}
                helperText={fields['photo.alt'] || t('passports.ui.photoAltHelp')}
              />
            ) : null}
          </Box>
        </Box>
      </Box>

      <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
        <Button onClick={guard.requestClose} disabled={saving}>
          {t('passports.ui.cancel')}
        </Button>
        <Button
          variant="contained"
          onClick={() => void save()}
          disabled={saving}
          data-testid="passport-save"
          startIcon={saving ? <CircularProgress size={16} aria-hidden /> : null}
        >
          {t('passports.ui.save')}
        </Button>
      </Box>

      {suggesting ? (
        <SuggestDialog
          pupilName={pupil.name}
          suggestions={suggesting}
          onClose={(chosen) => {
            setSuggesting(null);
            if (chosen.length) setForm((f) => withStrategies(f, chosen));
          }}
        />
      ) : null}
      {guard.question}
    </Paper>
  );
}

function SuggestDialog({
  pupilName,
  suggestions,
  onClose,
}: {
  readonly pupilName: string;
  readonly suggestions: readonly SuggestedStrategy[];
  readonly onClose: (chosen: readonly SuggestedStrategy[]) => void;
}) {
  const { t } = useTranslation();
  const [ticked, setTicked] = useState<ReadonlySet<number>>(() => new Set(suggestions.map((_, i) => i)));
  const titleId = useId();
  return (
    <Dialog open onClose={() => onClose([])} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>{t('passports.ui.suggestTitle', { name: pupilName })}</DialogTitle>
      <DialogContent data-testid="passport-suggestions">
        {suggestions.length === 0 ? <Typography>{t('passports.ui.suggestNone')}</Typography> : null}
        {suggestions.map((s, i) => (
          <FormControlLabel
            key={i}
            sx={{ display: 'flex', alignItems: 'flex-start', mb: 1 }}
            control={
              <Checkbox
                checked={ticked.has(i)}
                onChange={(e) =>
                  setTicked((prev) => {
                    const next = new Set(prev);
                    if (e.target.checked) next.add(i);
                    else next.delete(i);
                    return next;
                  })
                }
              />
            }
            label={
              <Box sx={{ pt: 1 }}>
                <Typography>{s.text}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {s.from}
                </Typography>
              </Box>
            }
          />
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose([])}>{t('passports.ui.cancel')}</Button>
        <Button variant="contained" disabled={ticked.size === 0} onClick={() => onClose(suggestions.filter((_, i) => ticked.has(i)))}>
          {t('passports.ui.suggestAdd')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export default PassportTab;
