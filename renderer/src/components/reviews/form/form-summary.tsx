/**
 * What stopped the review being saved, at the top of the form (focused when it appears): the messages that belong to
 * no one field, and after a conflict a button to load the review as it now stands (dropping the draft).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ReviewMeeting } from '../../../../../shared/contract';
import { qk } from '../../../lib/query-keys';
import type { ReviewFormState } from './use-review-form';

export function FormSummary({ form, view }: { readonly form: ReviewFormState; readonly view: ReviewMeeting | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { summary, draft } = form;
  return summary ? (
    <Alert
      severity="error"
      role="alert"
      id="review-form-summary"
      tabIndex={-1}
      sx={{ mb: 2 }}
      data-testid="form-summary"
      action={
        summary.stale && view ? (
          <Button
            color="inherit"
            size="small"
            onClick={() => void draft.discard().then(() => queryClient.invalidateQueries({ queryKey: qk('reviews.get', view.id) }))}
          >
            {t('reviewsUi.form.stale')}
          </Button>
        ) : undefined
      }
    >
      {summary.messages.map((m) => (
        <Box key={m}>{m}</Box>
      ))}
    </Alert>
  ) : null;
}
