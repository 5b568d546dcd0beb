/**
 * The review's actions: what will be done, by whom (a member of staff, or someone outside the school by name) and by
 * when, and when it was done. Open actions show on the dashboard until they are done.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import type { ReviewMeeting, UserSummary } from '../../../../../shared/contract';
import { useSessionInfo } from '../../../auth/auth';
import { FormDate, FormSelect, FormText } from '../../form-fields';
import { Section } from '../review-parts';
import { rowBox } from './layout';
import type { ReviewFormState } from './use-review-form';

export function ActionsSection({
  form,
  view,
  users,
}: {
  readonly form: ReviewFormState;
  readonly view: ReviewMeeting | null;
  readonly users: readonly UserSummary[] | null;
}) {
  const { t } = useTranslation();
  const me = useSessionInfo().user;
  const { control, all, actions } = form;
  const ownerOptions = (current: string | null | undefined) => {
    const staff = users
      ? users.filter((u) => u.active || u.id === current).map((u) => ({ value: u.id, label: `${u.displayName} (${t(`roles.${u.role}`)})` }))
      : [{ value: me.id, label: `${me.displayName} (${t(`roles.${me.role}`)})` }];
    const saved = view?.actions.find((a) => a.ownerUserId === current);
    const extra = current && !staff.some((o) => o.value === current) ? [{ value: current, label: saved?.ownerName ?? current }] : [];
    return [...staff, ...extra, { value: '', label: t('reviewsUi.form.ownerOutside') }];
  };

  return (
    <Section title={t('reviewsUi.form.sections.actions')} intro={t('reviewsUi.form.actionsIntro')} testId="actions-section">
      {actions.fields.length === 0 ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('reviewsUi.form.noActions')}
        </Typography>
      ) : null}
      <Box sx={{ display: 'grid', gap: 1.5 }}>
        {actions.fields.map((f, i) => {
          const a = all.actions?.[i];
          return (
            <Box key={f.fieldId} component="fieldset" sx={{ ...rowBox, p: 1.5 }} data-testid="action-row">
              <Box component="legend" sx={{ px: 0.5, fontWeight: 600, fontSize: '0.9rem' }}>
                {t('reviewsUi.form.actionLegend', { n: i + 1 })}
              </Box>
              <Box sx={{ display: 'grid', gap: 1.5 }}>
                <FormText
                  control={control}
                  name={`actions.${i}.description`}
                  required
                  size="small"
                  multiline
                  label={t('reviewsUi.form.description')}
                />
                <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1.3fr 1fr 1fr' }, alignItems: 'start' }}>
                  <Box sx={{ display: 'grid', gap: 1.5 }}>
                    <FormSelect
                      control={control}
                      name={`actions.${i}.ownerUserId`}
                      nullable
                      required
                      size="small"
                      label={t('reviewsUi.form.owner')}
                      options={ownerOptions(a?.ownerUserId)}
                      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
                    />
                    {!a?.ownerUserId ? (
                      <FormText
                        control={control}
                        name={`actions.${i}.ownerName`}
                        nullable
                        required
                        size="small"
                        label={t('reviewsUi.form.ownerName')}
                        helperText={t('reviewsUi.form.ownerNameHelp')}
                        autoComplete="off"
                      />
                    ) : null}
                  </Box>
                  <FormDate control={control} name={`actions.${i}.dueDate`} required label={t('reviewsUi.form.dueDate')} />
                  <FormDate control={control} name={`actions.${i}.doneDate`} label={t('reviewsUi.form.doneDate')} />
                </Box>
                <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
                  <Button color="error" size="small" startIcon={<DeleteOutline />} onClick={() => actions.remove(i)}>
                    {t('reviewsUi.form.removeAction', { n: i + 1 })}
                  </Button>
                </Box>
              </Box>
            </Box>
          );
        })}
      </Box>
      <Button
        variant="outlined"
        startIcon={<AddOutlined />}
        sx={{ mt: 2 }}
        disabled={actions.fields.length >= 30}
        onClick={() =>
          actions.append(
            {
              id: null,
              description: '',
              ownerUserId: users === null || users.some((u) => u.id === me.id) ? me.id : null,
              ownerName: null,
              dueDate: '',
              doneDate: null,
            },
            { shouldFocus: true, focusName: `actions.${actions.fields.length}.description` },
          )
        }
      >
        {t('reviewsUi.form.addAction')}
      </Button>
    </Section>
  );
}
