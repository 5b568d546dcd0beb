/** The pupil profile's "Raise a safeguarding concern": one click from wherever a pupil is shown, for every role. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import ReportProblemOutlined from '@mui/icons-material/ReportProblemOutlined';
import { yearGroupLabel } from '../../../../shared/i18n';
import { RaiseConcernDialog } from './raise-concern-dialog';

export function RaiseConcernButton({
  pupil: p,
}: {
  readonly pupil: { readonly id: string; readonly name: string; readonly yearGroup: string; readonly upn: string };
}) {
  const { t } = useTranslation();
  const pupil = { id: p.id, name: p.name, detail: `${yearGroupLabel(p.yearGroup)} · UPN ${p.upn}` };
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <Button variant="outlined" startIcon={<ReportProblemOutlined />} onClick={() => setOpen(Date.now())}>
        {t('safeguardingUi.raiseFromProfile')}
      </Button>
      {open !== null ? <RaiseConcernDialog key={open} pupil={pupil} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
