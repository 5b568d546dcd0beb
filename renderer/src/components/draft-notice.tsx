/** "We restored what you were typing": shown above a form whose unsaved draft came back, with a way to discard it. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';

export function DraftNotice({
  message,
  discardLabel,
  onDiscard,
  onClose,
}: {
  readonly message: string;
  readonly discardLabel: string;
  readonly onDiscard: () => void;
  readonly onClose: () => void;
}) {
  return (
    <Alert
      severity="info"
      sx={{ mb: 2 }}
      onClose={onClose}
      action={
        <Button color="inherit" size="small" onClick={onDiscard}>
          {discardLabel}
        </Button>
      }
    >
      {message}
    </Alert>
  );
}
