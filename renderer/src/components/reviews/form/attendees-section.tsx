/**
 * Who came to the review: each person's role, name, organisation and whether they were there, with "Add the usual
 * people" (the pupil, their parents or carers with parental responsibility, and the signed-in user).
 */
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import GroupAddOutlined from '@mui/icons-material/GroupAddOutlined';
import { ATTENDEE_ROLES, type PupilProfile } from '../../../../../shared/contract';
import { useSessionInfo } from '../../../auth/auth';
import { FormSelect, FormText } from '../../form-fields';
import { Section } from '../review-parts';
import { usualAttendees } from '../review-model';
import { groupMessage, rowBox } from './layout';
import type { ReviewFormState } from './use-review-form';

export function AttendeesSection({ form, pupil }: { readonly form: ReviewFormState; readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const me = useSessionInfo().user;
  const { control, getValues, errors, attendees } = form;
  const roleOptions = ATTENDEE_ROLES.map((r) => ({ value: r, label: t(`reviewsUi.roles.${r}`) }));

  const addUsual = () => {
    const people = usualAttendees(pupil.name, pupil.contacts, { name: me.displayName, role: me.role }, getValues('attendees') ?? []);
    if (people.length) attendees.append(people, { shouldFocus: false });
  };

  return (
    <Section title={t('reviewsUi.form.sections.attendees')} intro={t('reviewsUi.form.attendeesIntro')} testId="attendees-section">
      {groupMessage(errors.attendees) ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {groupMessage(errors.attendees)}
        </Alert>
      ) : null}
      {attendees.fields.length === 0 ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('reviewsUi.form.noAttendees')}
        </Typography>
      ) : null}
      <Box sx={{ display: 'grid', gap: 1.5 }}>
        {attendees.fields.map((f, i) => (
          <Box key={f.fieldId} component="fieldset" sx={{ ...rowBox, p: 1.5 }} data-testid="attendee-row">
            <Box component="legend" sx={{ px: 0.5, fontWeight: 600, fontSize: '0.9rem' }}>
              {t('reviewsUi.form.attendeeLegend', { n: i + 1 })}
            </Box>
            <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '200px 1fr 1fr auto auto' }, alignItems: 'start' }}>
              <FormSelect
                control={control}
                name={`attendees.${i}.role`}
                required
                size="small"
                label={t('reviewsUi.form.role')}
                options={roleOptions}
              />
              <FormText
                control={control}
                name={`attendees.${i}.name`}
                required
                size="small"
                label={t('reviewsUi.form.name')}
                autoComplete="off"
              />
              <FormText
                control={control}
                name={`attendees.${i}.organisation`}
                nullable
                size="small"
                label={t('reviewsUi.form.organisation')}
                autoComplete="off"
              />
              <Controller
                control={control}
                name={`attendees.${i}.present`}
                render={({ field }) => (
                  <FormControlLabel
                    sx={{ m: 0, mt: 0.25 }}
                    control={
                      <Checkbox
                        name={field.name}
                        checked={!!field.value}
                        onChange={(e) => field.onChange(e.target.checked)}
                        onBlur={field.onBlur}
                        slotProps={{ input: { ref: field.ref } as object }}
                      />
                    }
                    label={t('reviewsUi.form.present')}
                  />
                )}
              />
              <Button
                color="error"
                size="small"
                startIcon={<DeleteOutline />}
                onClick={() => attendees.remove(i)}
                sx={{ mt: 0.5 }}
                aria-label={t('reviewsUi.form.removeAttendee', { n: i + 1 })}
              >
                {t('reviewsUi.form.removeAttendee', { n: i + 1 })}
              </Button>
            </Box>
          </Box>
        ))}
      </Box>
      <Box sx={{ display: 'flex', gap: 1.5, mt: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button
          variant="outlined"
          startIcon={<AddOutlined />}
          disabled={attendees.fields.length >= 30}
          onClick={() =>
            attendees.append(
              { role: 'teacher', name: '', organisation: null, present: true },
              { shouldFocus: true, focusName: `attendees.${attendees.fields.length}.name` },
            )
          }
        >
          {t('reviewsUi.form.addAttendee')}
        </Button>
        <Button variant="text" startIcon={<GroupAddOutlined />} onClick={addUsual} disabled={attendees.fields.length >= 27}>
          {t('reviewsUi.form.addUsual')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t('reviewsUi.form.addUsualHelp')}
        </Typography>
      </Box>
    </Section>
  );
}
