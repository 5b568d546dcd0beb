/**
 * "Fix": the user's own input of an item the school server refused, as a form to correct and send again
 * (desk.outbox.resend with the corrected input). A recorded session and a safeguarding concern get their own forms,
 * prefilled from the item; anything else gets an editor of its written fields. Everything not shown (ids, ratings
 * kept as they were) goes back exactly as it was, and the item stays in the list until it is sent or discarded.
 * The corrections are kept as a draft until sent (issue 17, item 3), and closing with corrections made asks first.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZodType } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { OutboxItem } from '../../../../shared/contract/desk';
import type { InputOf } from '../../../../shared/contract';
import { concernInput } from '../../../../shared/contract/safeguarding';
import { CANCELLED_BY, recordInput } from '../../../../shared/contract/sessions';
import { formatUkDate, isTime, parseUkDate } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorSummary } from '../error-summary';
import { FormDialogActions } from '../form-dialog';
import { useValuesDraft } from '../../lib/use-values-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { fieldLabel, opInWords, pathKey, setAt, textFields, whenText, type FieldPath } from './desk-model';

type Errors = Readonly<Record<string, string>>;

/** The contract's own check for the operations with a form of their own (the server checks the same again). */
const SCHEMAS: Readonly<Record<string, ZodType>> = { 'sessions.record': recordInput, 'safeguarding.raise': concernInput };

/** The schema's messages, keyed by field path ("pupils.0.reason"). */
export function schemaErrors(op: string, draft: unknown): Errors {
  const schema = SCHEMAS[op];
  if (!schema) return {};
  const r = schema.safeParse(draft);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join('.');
    out[key] ??= issue.message;
  }
  return out;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

interface BodyProps {
  readonly item: OutboxItem;
  readonly draft: unknown;
  readonly errors: Errors;
  readonly set: (path: FieldPath, value: unknown) => void;
  /** Forgets the messages under a path (a row whose attendance changed). */
  readonly clear?: (path: FieldPath) => void;
  readonly idBase: string;
}

function Text({
  path,
  label,
  draft,
  errors,
  set,
  idBase,
  multiline = false,
  required = false,
  help,
}: Omit<BodyProps, 'item'> & {
  readonly path: FieldPath;
  readonly label: string;
  readonly multiline?: boolean;
  readonly required?: boolean;
  readonly help?: string;
}) {
  let value: unknown = draft;
  for (const p of path) value = Array.isArray(value) ? (value as unknown[])[p as number] : asRecord(value)[p as string];
  const error = errors[pathKey(path)];
  return (
    <TextField
      id={`${idBase}-${pathKey(path)}`}
      label={label}
      value={asString(value)}
      onChange={(e) => set(path, e.target.value)}
      multiline={multiline}
      minRows={multiline ? 2 : undefined}
      required={required}
      error={!!error}
      helperText={error ?? help}
    />
  );
}

/** Any operation: each written field of its input, labelled from where it is. */
function GenericBody({ item, draft, errors, set, idBase }: BodyProps) {
  const { t } = useTranslation();
  const fields = textFields(item.input);
  if (fields.length === 0) return <Typography>{t('connectedUi.fix.noFields')}</Typography>;
  return (
    <>
      {fields.map((f) => (
        <Text
          key={pathKey(f.path)}
          path={f.path}
          label={fieldLabel(f.path)}
          draft={draft}
          errors={errors}
          set={set}
          idBase={idBase}
          multiline={f.value.length > 60 || f.value.includes('\n')}
        />
      ))}
    </>
  );
}

/** A safeguarding concern: when it happened, what was seen or said, the child's own words. */
function ConcernBody({
  draft,
  errors,
  set,
  idBase,
  dateTime,
}: BodyProps & { readonly dateTime: { date: string; time: string; setDate: (v: string) => void; setTime: (v: string) => void } }) {
  const { t } = useTranslation();
  const when = errors.happenedAt;
  return (
    <>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        <TextField
          id={`${idBase}-date`}
          label={t('connectedUi.fix.happenedDate')}
          value={dateTime.date}
          onChange={(e) => dateTime.setDate(e.target.value)}
          required
          error={!!when}
          helperText={when}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 10 } }}
        />
        <TextField
          id={`${idBase}-time`}
          label={t('connectedUi.fix.happenedTime')}
          value={dateTime.time}
          onChange={(e) => dateTime.setTime(e.target.value)}
          required
          error={!!when}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }}
        />
      </Box>
      <Text path={['what']} label={t('connectedUi.fix.what')} draft={draft} errors={errors} set={set} idBase={idBase} multiline required />
      <Text
        path={['childWords']}
        label={t('connectedUi.fix.childWords')}
        draft={draft}
        errors={errors}
        set={set}
        idBase={idBase}
        multiline
      />
    </>
  );
}

const ATTENDANCE = ['attended', 'absent', 'cancelled'] as const;
const RATINGS = [-2, -1, 0, 1, 2] as const;

/** A recorded session: each pupil's attendance, minutes, who cancelled and why, notes, and the GAS ratings given. */
function SessionBody({ item, draft, errors, set, clear, idBase }: BodyProps) {
  const { t } = useTranslation();
  const pupils = Array.isArray(asRecord(draft).pupils) ? (asRecord(draft).pupils as unknown[]) : [];
  return (
    <>
      {pupils.map((raw, i) => {
        const p = asRecord(raw);
        const base: FieldPath = ['pupils', i];
        const err = (f: string) => errors[pathKey([...base, f])];
        const goals = Array.isArray(p.goals) ? (p.goals as unknown[]) : [];
        const originalMinutes = asRecord((asRecord(item.input).pupils as unknown[] | undefined)?.[i]).deliveredMinutes;
        const minutesText = typeof p.deliveredMinutes === 'number' ? String(p.deliveredMinutes) : asString(p.deliveredMinutes);
        const minutesError = err('deliveredMinutes')
          ? typeof p.deliveredMinutes === 'string'
            ? t('connectedUi.fix.minutesInvalid')
            : err('deliveredMinutes')
          : undefined;
        const name =
          pupils.length === 1 && item.pupilName
            ? t('connectedUi.fix.pupilRowNamed', { name: item.pupilName })
            : t('connectedUi.fix.pupilRow', { n: i + 1 });
        return (
          <Box
            key={i}
            component="fieldset"
            sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0, display: 'grid', gap: 2 }}
          >
            <Typography component="legend" sx={{ px: 0.5, fontWeight: 600 }}>
              {name}
            </Typography>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
              <TextField
                select
                id={`${idBase}-p${i}-attendance`}
                label={t('connectedUi.fix.attendance')}
                value={asString(p.attendance)}
                onChange={(e) => {
                  const next = e.target.value;
                  clear?.(base);
                  set([...base, 'attendance'], next);
                  if (next !== 'cancelled') set([...base, 'cancelledBy'], null);
                  // Minutes are for a session the pupil attended: put aside otherwise, and back as they were on return.
                  if (next !== 'attended') set([...base, 'deliveredMinutes'], null);
                  else if (p.deliveredMinutes === null || p.deliveredMinutes === undefined)
                    set([...base, 'deliveredMinutes'], typeof originalMinutes === 'number' ? originalMinutes : null);
                }}
                error={!!err('attendance')}
                helperText={err('attendance')}
              >
                {ATTENDANCE.map((a) => (
                  <MenuItem key={a} value={a}>
                    {t(`sessionsUi.attendance.${a}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                id={`${idBase}-p${i}-minutes`}
                label={t('connectedUi.fix.minutes')}
                value={minutesText}
                disabled={p.attendance !== 'attended'}
                onChange={(e) => {
                  const v = e.target.value.trim();
                  set([...base, 'deliveredMinutes'], v === '' ? null : /^\d{1,3}$/.test(v) ? Number(v) : v);
                }}
                error={!!minutesError}
                helperText={minutesError}
                slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 3 } }}
              />
            </Box>
            {p.attendance === 'cancelled' ? (
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
                <TextField
                  select
                  id={`${idBase}-p${i}-cancelledBy`}
                  label={t('connectedUi.fix.cancelledBy')}
                  value={asString(p.cancelledBy)}
                  onChange={(e) => set([...base, 'cancelledBy'], e.target.value || null)}
                  error={!!err('cancelledBy')}
                  helperText={err('cancelledBy')}
                >
                  {CANCELLED_BY.map((c) => (
                    <MenuItem key={c} value={c}>
                      {t(`sessionsUi.cancelledBy.${c}`)}
                    </MenuItem>
                  ))}
                </TextField>
                <Text
                  path={[...base, 'reason']}
                  label={t('connectedUi.fix.reason')}
                  draft={draft}
                  errors={errors}
                  set={set}
                  idBase={idBase}
                />
              </Box>
            ) : null}
            <Text
              path={[...base, 'notes']}
              label={t('connectedUi.fix.notes')}
              draft={draft}
              errors={errors}
              set={set}
              idBase={idBase}
              multiline
            />
            {goals.map((g, gi) => {
              const rating = asRecord(g).rating;
              return (
                <TextField
                  key={gi}
                  select
                  id={`${idBase}-p${i}-g${gi}`}
                  label={t('connectedUi.fix.goal', { n: gi + 1 })}
                  value={typeof rating === 'number' ? String(rating) : ''}
                  onChange={(e) => set([...base, 'goals', gi, 'rating'], e.target.value === '' ? null : Number(e.target.value))}
                  sx={{ maxWidth: 320 }}
                >
                  <MenuItem value="">{t('connectedUi.fix.noRating')}</MenuItem>
                  {RATINGS.map((r) => (
                    <MenuItem key={r} value={String(r)}>
                      {r > 0 ? `+${r}` : r < 0 ? `−${-r}` : '0'}
                    </MenuItem>
                  ))}
                </TextField>
              );
            })}
          </Box>
        );
      })}
    </>
  );
}

/** "2026-03-14T14:05" as the form's two fields, and back (null when either is not a real date or time). */
export function splitHappenedAt(v: unknown): { date: string; time: string } {
  const s = asString(v);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(s);
  return m ? { date: formatUkDate(m[1]), time: m[2] as string } : { date: '', time: '' };
}

export function joinHappenedAt(date: string, time: string): string | null {
  const iso = parseUkDate(date);
  const tm = time.trim().replace('.', ':');
  const hhmm = /^\d:\d{2}$/.test(tm) ? `0${tm}` : tm;
  return iso && isTime(hhmm) ? `${iso}T${hhmm}` : null;
}

export function OutboxFixDialog({
  item,
  onClose,
  onSent,
}: {
  readonly item: OutboxItem;
  readonly onClose: () => void;
  readonly onSent: () => void;
}) {
  const { t } = useTranslation();
  const idBase = useId();
  const titleId = `${idBase}-title`;
  const what = opInWords(item.op);
  const [draft, setDraft] = useState<unknown>(item.input);
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const initial = splitHappenedAt(asRecord(item.input).happenedAt);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  // The corrections (the input and, for a concern, its date and time) are the draft.
  const kept = useValuesDraft(
    { input: draft, date, time },
    (v) => {
      setDraft(v.input);
      setDate(v.date);
      setTime(v.time);
    },
    { draftKey: `desk.outboxFix:${item.id}`, pupilId: item.pupilId },
  );
  const title = t('connectedUi.fix.title', { what });
  const guard = useCloseGuard({ draft: kept, onClose, title });

  const set = (path: FieldPath, value: unknown) => {
    setDraft((d: unknown) => setAt(d, path, value));
    const key = pathKey(path);
    if (errors[key]) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)));
  };

  const submit = async () => {
    if (sending) return;
    let input = draft;
    if (item.op === 'safeguarding.raise') {
      const happenedAt = joinHappenedAt(date, time);
      if (!happenedAt) {
        setErrors({ happenedAt: t('connectedUi.fix.happenedInvalid') });
        setSummary(t('connectedUi.fix.happenedInvalid'));
        return;
      }
      input = setAt(draft, ['happenedAt'], happenedAt);
    }
    const local = schemaErrors(item.op, input);
    if (Object.keys(local).length) {
      setErrors(local);
      setSummary(Object.values(local).join(' '));
      return;
    }
    setSending(true);
    setSummary(null);
    const r = await invoke('desk.outbox.resend', { id: item.id, input: input as InputOf<'desk.outbox.resend'>['input'] });
    setSending(false);
    if (r.ok) {
      void kept.saved();
      onSent();
      return;
    }
    showRefusal(r.error);
  };

  const showRefusal = (error: AppError) => {
    setErrors(error.fields ?? {});
    setSummary(t('connectedUi.fix.refused', { message: error.message }));
  };

  const clear = (path: FieldPath) => {
    const prefix = `${pathKey(path)}.`;
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(prefix))));
  };

  let body: ReactNode;
  const props: BodyProps = { item, draft, errors, set, clear, idBase };
  if (item.op === 'safeguarding.raise') body = <ConcernBody {...props} dateTime={{ date, time, setDate, setTime }} />;
  else if (item.op === 'sessions.record') body = <SessionBody {...props} />;
  else body = <GenericBody {...props} />;

  return (
    <Dialog open onClose={() => (sending ? undefined : guard.requestClose())} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <form
        noValidate
        aria-labelledby={titleId}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }} data-testid="outbox-fix">
            <Typography color="text.secondary">
              {item.pupilName ? `${t('connectedUi.fix.about', { pupil: item.pupilName, when: whenText(item.queuedAt) })} ` : null}
              {t('connectedUi.fix.intro')}
            </Typography>
            {item.error ? (
              <Alert severity="warning" role="note">
                {t('connectedUi.fix.refused', { message: item.error.message })}
              </Alert>
            ) : null}
            <DraftStatus
              draft={kept}
              onDiscard={() =>
                void kept.discard().then(() => {
                  setDraft(kept.opened.input);
                  setDate(kept.opened.date);
                  setTime(kept.opened.time);
                })
              }
            />
            <ErrorSummary message={summary} />
            {body}
          </Box>
        </DialogContent>
        <FormDialogActions
          cancelLabel={t('connectedUi.fix.cancel')}
          onCancel={guard.requestClose}
          submitLabel={t('connectedUi.fix.send')}
          busy={sending}
          busyLabel={t('connectedUi.fix.sending')}
        />
      </form>
      {guard.question}
    </Dialog>
  );
}
