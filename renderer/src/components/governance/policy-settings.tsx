/**
 * Settings › Policies: the school's policies with who holds them, who approved them and when, and the next review
 * date (policies.list / policies.save). Nothing is recorded for the school; with no policies the page suggests the
 * Policy for Therapy Provision (held by the headteacher, approved by the governing body, reviewed every year).
 * The SENCo and the headteacher edit; everyone else reads.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PolicyOutlined from '@mui/icons-material/PolicyOutlined';
import { policyInput, type PolicyRecord } from '../../../../shared/contract';
import { formatUkDate } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { FormDate, FormText } from '../form-fields';
import { FormDialog } from '../form-dialog';
import { EmptyState, Loading, QueryError } from '../status';
import { applyServerErrors } from '../../lib/server-errors';
import { PolicyStateText } from './policy-state';
import { useFormDraft } from '../../lib/use-form-draft';
import { qk } from '../../lib/query-keys';

type PolicyIn = z.input<typeof policyInput>;
type PolicyOut = z.output<typeof policyInput>;

const BLANK: PolicyIn = { id: null, title: '', holder: '', approvedBy: '', approvedDate: '', nextReviewDate: '' };

/** The seed policy's details (seed policy 12-13), offered when the school has no policies recorded. */
export function therapyPolicy(): PolicyIn {
  return {
    ...BLANK,
    title: translate('staffUi.policies.seed.title'),
    holder: translate('staffUi.policies.seed.holder'),
    approvedBy: translate('staffUi.policies.seed.approvedBy'),
  };
}

function toInput(p: PolicyRecord): PolicyIn {
  return {
    id: p.id,
    title: p.title,
    holder: p.holder,
    approvedBy: p.approvedBy,
    approvedDate: p.approvedDate,
    nextReviewDate: p.nextReviewDate,
  };
}

function PolicyDialog({ initial, onClose }: { readonly initial: PolicyIn; readonly onClose: (saved: PolicyRecord | null) => void }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<PolicyIn, unknown, PolicyOut>({
    resolver: zodResolver(policyInput),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3); FormDialog asks before closing with changes.
  const draft = useFormDraft(form, { draftKey: `policies.form:${initial.id ?? 'new'}`, pupilId: null });
  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('policies.save', values);
      if (result.ok) {
        void draft.saved();
        onClose(result.value);
        return;
      }
      setSummary(applyServerErrors(result.error, getValues(), setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );
  return (
    <FormDialog
      titleId="policy-dialog-title"
      title={initial.id ? t('staffUi.policies.editTitle', { title: initial.title }) : t('staffUi.policies.newTitle')}
      maxWidth="sm"
      gap={2.5}
      summary={summary}
      errors={formState.errors}
      onSubmit={onSubmit}
      onCancel={() => onClose(null)}
      cancelLabel={t('staffUi.cancel')}
      submitLabel={t('staffUi.policies.save')}
      submitting={formState.isSubmitting}
      draft={draft}
      onDiscardDraft={() => reset()}
    >
      <FormText control={control} name="title" label={t('staffUi.policies.fields.title')} required autoComplete="off" autoFocus />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, alignItems: 'start' }}>
        <FormText
          control={control}
          name="holder"
          label={t('staffUi.policies.fields.holder')}
          helperText={t('staffUi.policies.holderHelp')}
          required
          autoComplete="off"
        />
        <FormText
          control={control}
          name="approvedBy"
          label={t('staffUi.policies.fields.approvedBy')}
          helperText={t('staffUi.policies.approvedByHelp')}
          required
          autoComplete="off"
        />
        <FormDate control={control} name="approvedDate" label={t('staffUi.policies.fields.approvedDate')} required />
        <FormDate
          control={control}
          name="nextReviewDate"
          label={t('staffUi.policies.fields.nextReviewDate')}
          helperText={t('staffUi.policies.nextReviewHelp')}
          required
        />
      </Box>
    </FormDialog>
  );
}

export function PolicySettings() {
  const { t } = useTranslation();
  const canEdit = useCan('policies.save');
  const query = useQuery({ queryKey: qk('policies.list'), queryFn: () => call('policies.list', {}) });
  const [editing, setEditing] = useState<PolicyIn | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const open = (p: PolicyIn) => {
    setSaved(null);
    setEditing(p);
  };

  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid="policy-settings">
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 260 }}>
          <Typography variant="h2" gutterBottom>
            {t('staffUi.policies.title')}
          </Typography>
          <Typography color="text.secondary">{t('staffUi.policies.intro')}</Typography>
        </Box>
        {canEdit && query.data && query.data.length > 0 ? (
          <Button variant="contained" startIcon={<AddOutlined />} onClick={() => open(BLANK)}>
            {t('staffUi.policies.add')}
          </Button>
        ) : null}
      </Box>
      {!canEdit ? (
        <Alert severity="info" sx={{ mt: 2 }}>
          {t('staffUi.policies.readOnly')}
        </Alert>
      ) : null}
      {saved ? (
        <Alert severity="success" role="status" sx={{ mt: 2 }} onClose={() => setSaved(null)}>
          {t('staffUi.policies.saved', { title: saved })}
        </Alert>
      ) : null}
      <Box sx={{ mt: 2 }}>
        {query.isPending ? (
          <Loading />
        ) : query.error ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.length === 0 ? (
          <EmptyState
            icon={<PolicyOutlined />}
            title={t('staffUi.policies.emptyTitle')}
            body={canEdit ? t('staffUi.policies.empty') : t('staffUi.policies.emptyReadOnly')}
            action={
              canEdit ? (
                <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'center' }}>
                  <Button variant="contained" startIcon={<PolicyOutlined />} onClick={() => open(therapyPolicy())}>
                    {t('staffUi.policies.addTherapy')}
                  </Button>
                  <Button variant="outlined" startIcon={<AddOutlined />} onClick={() => open(BLANK)}>
                    {t('staffUi.policies.addOther')}
                  </Button>
                </Box>
              ) : undefined
            }
          />
        ) : (
          <Table
            size="small"
            aria-label={t('staffUi.policies.tableLabel')}
            sx={{ '& th': { fontWeight: 600 }, '& td': { verticalAlign: 'top' } }}
          >
            <TableHead>
              <TableRow>
                <TableCell>{t('staffUi.policies.fields.title')}</TableCell>
                <TableCell>{t('staffUi.policies.fields.holder')}</TableCell>
                <TableCell>{t('staffUi.policies.fields.approvedBy')}</TableCell>
                <TableCell>{t('staffUi.policies.fields.approvedDate')}</TableCell>
                <TableCell>{t('staffUi.policies.fields.nextReviewDate')}</TableCell>
                {canEdit ? <TableCell align="right">{t('staffUi.columns.actions')}</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.map((p) => (
                <TableRow key={p.id} data-testid="policy-row">
                  <TableCell sx={{ fontWeight: 500 }}>{p.title}</TableCell>
                  <TableCell>{p.holder}</TableCell>
                  <TableCell>{p.approvedBy}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatUkDate(p.approvedDate)}</TableCell>
                  <TableCell>
                    <PolicyStateText policy={p} />
                  </TableCell>
                  {canEdit ? (
                    <TableCell align="right">
                      <Button
                        size="small"
                        variant="outlined"
                        startIcon={<EditOutlined />}
                        onClick={() => open(toInput(p))}
                        aria-label={t('staffUi.policies.editAria', { title: p.title })}
                      >
                        {t('staffUi.edit')}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
      {editing ? (
        <PolicyDialog
          initial={editing}
          onClose={(p) => {
            setEditing(null);
            if (p) setSaved(p.title);
          }}
        />
      ) : null}
    </Paper>
  );
}
