/**
 * "Add pupil": shown only to a role the contract lets add one (`pupils.create`: the SENCo and the office), wherever it
 * appears (the register, the dashboard), so a teacher or therapist never meets a button that leads to a refusal.
 */
import { Link as RouterLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import Button, { type ButtonProps } from '@mui/material/Button';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import { useCan } from '../../auth/use-can';

export function AddPupilButton({
  variant = 'contained',
  size,
  color,
  icon = true,
}: {
  readonly variant?: ButtonProps['variant'];
  readonly size?: ButtonProps['size'];
  readonly color?: ButtonProps['color'];
  readonly icon?: boolean;
}) {
  const { t } = useTranslation();
  if (!useCan('pupils.create')) return null;
  return (
    <Button
      component={RouterLink}
      to="/pupils/new"
      variant={variant}
      size={size}
      color={color}
      startIcon={icon ? <PersonAddAlt1Outlined /> : undefined}
    >
      {t('register.add')}
    </Button>
  );
}
