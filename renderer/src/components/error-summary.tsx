/** The message above a form that was refused: what to put right, or why it could not be saved. Nothing when null. */
import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';

export function ErrorSummary({ message, testId, sx }: {
  readonly message: string | null;
  readonly testId?: string;
  readonly sx?: SxProps<Theme>;
}) {
  if (!message) return null;
  return (
    <Alert severity="error" role="alert" data-testid={testId} sx={sx}>
      {message}
    </Alert>
  );
}
