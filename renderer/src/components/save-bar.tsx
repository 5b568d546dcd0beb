/**
 * A full-page form's save and cancel buttons, kept in view at the foot of the screen, with the note that says what
 * the asterisks mean. Cancel goes back (and the page drops its draft in `onCancel`). The pupil form, the individual
 * plan editor and the review form share it.
 */
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

export function SaveBar({
  saveLabel,
  cancelLabel,
  cancelTo,
  requiredNote,
  submitting,
  onCancel,
}: {
  readonly saveLabel: string;
  readonly cancelLabel: string;
  readonly cancelTo: string;
  readonly requiredNote: string;
  readonly submitting: boolean;
  readonly onCancel: () => void;
}) {
  return (
    <Paper
      variant="outlined"
      sx={{
        p: 2,
        display: 'flex',
        gap: 1.5,
        alignItems: 'center',
        position: 'sticky',
        bottom: 0,
        zIndex: 2,
        boxShadow: '0 -2px 8px rgba(0,0,0,0.04)',
      }}
    >
      <Button type="submit" variant="contained" size="large" disabled={submitting}>
        {saveLabel}
      </Button>
      <Button component={RouterLink} to={cancelTo} size="large" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
        {requiredNote}
      </Typography>
    </Paper>
  );
}
