import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import { ErrorSummary, errorItems } from '../components/error-summary';
import { DraftStatus } from '../components/draft-guard';
import { useDraft } from '../lib/use-draft';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Link from '@mui/material/Link';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import ExpandMore from '@mui/icons-material/ExpandMore';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import ArrowBack from '@mui/icons-material/ArrowBack';
import { pupilCreateInput, type PupilFields, type PupilFieldsIn, type PupilProfile } from '../../../shared/contract';
import { SEN_STATUSES } from '../../../shared/domain';
import { yearGroupReferenceDate, yearGroupWarning } from '../../../shared/census';
import { isIsoDate, todayIso } from '../../../shared/dates';
import { call, invoke } from '../api/client';
import { FormDate, FormSelect, FormText } from '../components/form-fields';
import { NeedsEditor } from '../components/needs-editor';
import { PageHeader } from '../components/page-header';
import { Loading, QueryError } from '../components/status';
import { relationshipOptions, yearGroupOptions } from '../lib/options';
import { hasPath, splitServerErrors } from '../lib/server-errors';
import { liveUpnMessage } from '../lib/upn-live';
import { usePageTitle } from '../lib/use-page-title';
import { qk } from '../lib/query-keys';
import { FormSection as Section } from '../components/form-section';
import { SaveBar } from '../components/save-bar';

/** The form's state is the contract's input exactly: ISO dates, null for empty optional text, ranked need codes. */
export function profileToFormValues(p: PupilProfile): PupilFieldsIn {
  return {
    upn: p.upn,
    legalFirstName: p.legalFirstName,
    legalLastName: p.legalLastName,
    preferredFirstName: p.preferredFirstName,
    preferredLastName: p.preferredLastName,
    dateOfBirth: p.dateOfBirth,
    yearGroup: p.yearGroup,
    className: p.className,
    dateJoined: p.dateJoined,
    dateLeft: p.dateLeft,
    homeSchoolName: p.homeSchoolName,
    homeSchoolUrn: p.homeSchoolUrn,
    senStatus: p.senStatus,
    senStatusFrom: null,
    needs: [...p.needs],
    contacts: p.contacts.map((c) => ({ ...c })),
  };
}

const EMPTY: Partial<PupilFieldsIn> = {
  upn: '',
  legalFirstName: '',
  legalLastName: '',
  preferredFirstName: null,
  preferredLastName: null,
  dateOfBirth: '',
  className: null,
  dateJoined: '',
  dateLeft: null,
  homeSchoolName: null,
  homeSchoolUrn: null,
  senStatusFrom: null,
  needs: [],
  contacts: [],
};

const grid2 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } } as const;
const grid3 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' } } as const;

function PupilForm({ profile }: { readonly profile: PupilProfile | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState<readonly string[] | null>(null);
  const { control, handleSubmit, setError, getValues, reset, formState } = useForm<PupilFieldsIn, unknown, PupilFields>({
    // The very schema the server parses with: what the form accepts, the core accepts.
    resolver: zodResolver(pupilCreateInput),
    defaultValues: profile ? profileToFormValues(profile) : EMPTY,
    mode: 'onTouched',
  });
  // Kept as a draft in the store until saved (issue 17, item 3).
  const draft = useDraft<PupilFieldsIn>({
    draftKey: profile ? `pupils.form:${profile.id}` : 'pupils.form:new',
    pupilId: profile?.id ?? null,
    value: useWatch({ control }) as PupilFieldsIn,
    dirty: formState.isDirty,
    restore: (v) => reset(v, { keepDefaultValues: true }),
  });
  const contacts = useFieldArray({ control, name: 'contacts' });
  const upn = useWatch({ control, name: 'upn' });
  const senStatus = useWatch({ control, name: 'senStatus' });
  const homeSchoolName = useWatch({ control, name: 'homeSchoolName' });
  const [yearGroup, dateOfBirth, dateLeft] = useWatch({ control, name: ['yearGroup', 'dateOfBirth', 'dateLeft'] });
  const liveUpn = liveUpnMessage(upn);
  // School census: a year group that does not fit the date of birth is a warning to check, never a refusal.
  const yearWarning =
    yearGroup && dateOfBirth && isIsoDate(dateOfBirth)
      ? yearGroupWarning(yearGroup, dateOfBirth, yearGroupReferenceDate(dateLeft && isIsoDate(dateLeft) ? dateLeft : null, todayIso()))
      : null;
  const statusChanged = profile !== null && senStatus !== profile.senStatus;

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = profile ? await invoke('pupils.update', { ...values, id: profile.id }) : await invoke('pupils.create', values);
      if (result.ok) {
        void draft.saved();
        queryClient.setQueryData(qk('pupils.get', result.value.id), result.value);
        void navigate(`/pupils/${result.value.id}`, { replace: true, state: { saved: profile ? 'updated' : 'created' } });
        return;
      }
      // Keep everything typed; put each message beside its field and say what happened at the top.
      const current = getValues();
      const { fields, other } = splitServerErrors(result.error, (p) => hasPath(current, p) || /^needs\.\d+$/.test(p));
      for (const [path, message] of fields) {
        const target = path.startsWith('needs.') ? 'needs' : path;
        setError(target as keyof PupilFieldsIn, { type: 'server', message });
      }
      // When every message sits beside its field, the summary only points there rather than repeating them.
      setSummary(fields.length > 0 ? [t('errors.invalidInput'), ...other] : [result.error.message, ...other]);
      window.requestAnimationFrame(() => document.getElementById('pupil-form-summary')?.focus());
    },
    () => {
      setSummary([t('errors.invalidInput')]);
    },
  );

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={profile ? t('pupilForm.editTitle') : t('pupilForm.createTitle')}>
      <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
      <ErrorSummary
        message={summary ? summary.join(' ') : null}
        items={errorItems(formState.errors).map((i) => (i.target === 'needs' ? { ...i, label: t('pupilForm.needs.title') } : i))}
        id="pupil-form-summary"
        testId="form-summary"
        sx={{ mb: 2 }}
      />

      <Section title={t('pupilForm.sections.identity')}>
        <Box sx={{ ...grid2, mb: 2 }}>
          <FormText
            control={control}
            name="upn"
            label={t('pupilForm.upn')}
            required
            liveError={liveUpn}
            helperText={t('pupilForm.upnHelp')}
            autoComplete="off"
            slotProps={{
              htmlInput: {
                maxLength: 20,
                spellCheck: false,
                style: { textTransform: 'uppercase', fontFamily: 'ui-monospace, Menlo, Consolas, monospace' },
              },
            }}
          />
          <Box />
          <FormText control={control} name="legalFirstName" label={t('pupilForm.legalFirstName')} required autoComplete="off" />
          <FormText control={control} name="legalLastName" label={t('pupilForm.legalLastName')} required autoComplete="off" />
          <FormText
            control={control}
            name="preferredFirstName"
            nullable
            label={t('pupilForm.preferredFirstName')}
            helperText={t('pupilForm.preferredHelp')}
            autoComplete="off"
          />
          <FormText
            control={control}
            name="preferredLastName"
            nullable
            label={t('pupilForm.preferredLastName')}
            helperText={t('pupilForm.preferredHelp')}
            autoComplete="off"
          />
          <FormDate control={control} name="dateOfBirth" label={t('pupilForm.dateOfBirth')} required disableFuture />
        </Box>
      </Section>

      <Section title={t('pupilForm.sections.school')}>
        <Box sx={{ ...grid2, mb: 2 }}>
          <FormSelect
            control={control}
            name="yearGroup"
            label={t('pupilForm.yearGroup')}
            required
            options={yearGroupOptions()}
            helperText={t('census.yearGroupHelp')}
          />
          <FormText
            control={control}
            name="className"
            nullable
            label={t('pupilForm.className')}
            helperText={t('pupilForm.classNameHelp')}
            autoComplete="off"
          />
          {yearWarning ? (
            <Alert severity="warning" role="status" sx={{ gridColumn: '1 / -1' }} data-testid="year-group-warning">
              {yearWarning}
            </Alert>
          ) : null}
          <FormDate control={control} name="dateJoined" label={t('pupilForm.dateJoined')} required />
          <FormDate control={control} name="dateLeft" label={t('pupilForm.dateLeft')} helperText={t('pupilForm.dateLeftHelp')} />
        </Box>
        <Accordion variant="outlined" disableGutters defaultExpanded={!!homeSchoolName} sx={{ '&:before': { display: 'none' } }}>
          <AccordionSummary expandIcon={<ExpandMore />} aria-controls="home-school-panel" id="home-school-heading">
            <Box>
              <Typography sx={{ fontWeight: 500 }}>{t('pupilForm.homeSchool.title')}</Typography>
              <Typography variant="body2" color="text.secondary">
                {t('pupilForm.homeSchool.summary')}
              </Typography>
            </Box>
          </AccordionSummary>
          <AccordionDetails id="home-school-panel">
            <Box sx={grid2}>
              <FormText control={control} name="homeSchoolName" nullable label={t('pupilForm.homeSchool.name')} autoComplete="off" />
              <FormText
                control={control}
                name="homeSchoolUrn"
                nullable
                label={t('pupilForm.homeSchool.urn')}
                helperText={t('setup.urnHelp')}
                inputMode="numeric"
                autoComplete="off"
              />
            </Box>
          </AccordionDetails>
        </Accordion>
      </Section>

      <Section title={t('pupilForm.sections.sen')} intro={t('pupilForm.senIntro')}>
        <Box sx={{ ...grid2, mb: 3, alignItems: 'start' }}>
          <Controller
            control={control}
            name="senStatus"
            render={({ field, fieldState }) => (
              <FormControl error={!!fieldState.error} required component="fieldset">
                <FormLabel component="legend" sx={{ mb: 0.5 }}>
                  {t('pupilForm.senStatus')}
                </FormLabel>
                <RadioGroup
                  name={field.name}
                  value={field.value ?? ''}
                  onChange={(e) => field.onChange(e.target.value)}
                  onBlur={field.onBlur}
                >
                  {SEN_STATUSES.map((s, i) => (
                    <FormControlLabel
                      key={s}
                      value={s}
                      control={<Radio slotProps={{ input: i === 0 ? { ref: field.ref } : {} }} />}
                      label={t(`senStatusLong.${s}`)}
                    />
                  ))}
                </RadioGroup>
                {fieldState.error ? <FormHelperText>{fieldState.error.message}</FormHelperText> : null}
              </FormControl>
            )}
          />
          {profile === null || statusChanged ? (
            <Box sx={{ pt: { md: 3 } }}>
              <FormDate
                control={control}
                name="senStatusFrom"
                label={profile ? t('pupilForm.statusFromChanged') : t('pupilForm.statusFrom')}
                helperText={profile ? t('pupilForm.statusFromChangedHelp') : t('pupilForm.statusFromHelp')}
              />
            </Box>
          ) : null}
        </Box>
        <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
          {t('pupilForm.needs.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('pupilForm.needs.intro')}
        </Typography>
        <Box id="needs">
          <Controller
            control={control}
            name="needs"
            render={({ field, fieldState }) => (
              <NeedsEditor value={field.value ?? []} onChange={field.onChange} error={fieldState.error?.message} />
            )}
          />
        </Box>
      </Section>

      <Section title={t('pupilForm.sections.contacts')} intro={t('pupilForm.contacts.intro')}>
        {contacts.fields.length === 0 ? (
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {t('pupilForm.contacts.none')}
          </Typography>
        ) : null}
        {contacts.fields.map((f, i) => (
          <Box
            key={f.id}
            component="fieldset"
            sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, mb: 2, m: 0, mt: i === 0 ? 0 : 2 }}
          >
            <Box component="legend" sx={{ px: 0.5, fontWeight: 500 }}>
              {t('pupilForm.contacts.legend', { n: i + 1 })}
            </Box>
            <Box sx={{ ...grid3, mb: 1 }}>
              <FormText control={control} name={`contacts.${i}.name`} label={t('pupilForm.contacts.name')} required autoComplete="off" />
              <FormSelect
                control={control}
                name={`contacts.${i}.relationship`}
                label={t('pupilForm.contacts.relationship')}
                required
                options={relationshipOptions()}
              />
              <Box />
              <FormText
                control={control}
                name={`contacts.${i}.phone`}
                nullable
                label={t('pupilForm.contacts.phone')}
                type="tel"
                autoComplete="off"
              />
              <FormText
                control={control}
                name={`contacts.${i}.email`}
                nullable
                label={t('pupilForm.contacts.email')}
                type="email"
                autoComplete="off"
              />
            </Box>
            <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
              <Controller
                control={control}
                name={`contacts.${i}.parentalResponsibility`}
                render={({ field }) => (
                  <FormControlLabel
                    control={
                      <Checkbox
                        checked={!!field.value}
                        onChange={(e) => field.onChange(e.target.checked)}
                        onBlur={field.onBlur}
                        slotProps={{ input: { ref: field.ref } }}
                      />
                    }
                    label={t('pupilForm.contacts.parentalResponsibility')}
                  />
                )}
              />
              <Button color="error" startIcon={<DeleteOutline />} onClick={() => contacts.remove(i)}>
                {t('pupilForm.contacts.remove', { n: i + 1 })}
              </Button>
            </Box>
          </Box>
        ))}
        <Button
          variant="outlined"
          startIcon={<PersonAddAlt1Outlined />}
          disabled={contacts.fields.length >= 10}
          sx={{ mt: contacts.fields.length ? 2 : 0 }}
          onClick={() =>
            contacts.append(
              { name: '', relationship: undefined as unknown as 'other', phone: null, email: null, parentalResponsibility: true },
              { shouldFocus: true },
            )
          }
        >
          {t('pupilForm.contacts.add')}
        </Button>
      </Section>

      <SaveBar
        saveLabel={profile ? t('pupilForm.saveChanges') : t('pupilForm.save')}
        cancelLabel={t('pupilForm.cancel')}
        cancelTo={profile ? `/pupils/${profile.id}` : '/pupils'}
        requiredNote={t('pupilForm.requiredNote')}
        submitting={formState.isSubmitting}
        onCancel={() => void draft.discard()}
      />
    </form>
  );
}

export default function PupilFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  usePageTitle(id ? t('pupilForm.editTitle') : t('pupilForm.createTitle'));
  const query = useQuery({
    queryKey: qk('pupils.get', id),
    queryFn: () => call('pupils.get', { id: id as string }),
    enabled: !!id,
  });
  const back = (
    <Link component={RouterLink} to={id ? `/pupils/${id}` : '/pupils'} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <ArrowBack fontSize="small" aria-hidden />
      {id ? t('pupilForm.backToProfile') : t('pupilForm.backToRegister')}
    </Link>
  );
  if (id && query.isPending) return <Loading />;
  if (id && query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const profile = id ? (query.data ?? null) : null;
  return (
    <Box sx={{ maxWidth: 1000 }}>
      <PageHeader
        eyebrow={back}
        title={profile ? t('pupilForm.editHeading', { name: profile.name }) : t('pupilForm.createTitle')}
        subtitle={profile ? t('pupilForm.editIntro') : t('pupilForm.createIntro')}
      />
      <PupilForm key={profile?.id ?? 'new'} profile={profile} />
    </Box>
  );
}
