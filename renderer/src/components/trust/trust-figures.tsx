/**
 * The trust SEND lead's dashboard (issue 16, item 5): each of the trust's schools side by side, in counts only
 * (trust.figures): pupils on roll, the SEN register (EHC plans, SEN support) and the therapy bands, and staff accounts.
 * No pupil is named, and nothing links to a school's records: those need an account of that school.
 */
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { I18nKeyUnder } from '../../../../shared/i18n';
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { BANDS } from '../../../../shared/therapy';
import { call } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { Loading, QueryError } from '../status';
import { qk } from '../../lib/query-keys';

export function TrustFiguresSection() {
  const { t } = useTranslation();
  const heading = useId();
  const allowed = useCan('trust.figures');
  const query = useQuery({ queryKey: qk('trust.figures'), queryFn: () => call('trust.figures', {}), enabled: allowed });
  if (!allowed) return null;
  const schools = query.data?.schools ?? [];
  const total = (pick: (s: (typeof schools)[number]) => number) => schools.reduce((n, s) => n + pick(s), 0);
  type School = (typeof schools)[number];
  const columns: readonly { readonly key: I18nKeyUnder<'tenancyUi.figures.columns'>; readonly value: (s: School) => number }[] = [
    { key: 'pupils', value: (s: (typeof schools)[number]) => s.pupils },
    { key: 'ehcp', value: (s: (typeof schools)[number]) => s.ehcp },
    { key: 'senSupport', value: (s: (typeof schools)[number]) => s.senSupport },
    ...BANDS.map((b) => ({ key: `band.${b}` as const, value: (s: (typeof schools)[number]) => s.bands[b] ?? 0 })),
    { key: 'staff', value: (s: (typeof schools)[number]) => s.staff },
  ];
  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5, mb: 3 }} data-testid="trust-figures">
      <Typography id={heading} variant="h2" sx={{ mb: 1 }}>
        {t('tenancyUi.figures.heading')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('tenancyUi.figures.intro')}
      </Typography>
      {query.isPending ? <Loading /> : null}
      {query.error ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        schools.length ? (
          <TableContainer>
            <Table size="small" aria-labelledby={heading}>
              <TableHead>
                <TableRow>
                  <TableCell component="th" scope="col">
                    {t('tenancyUi.figures.school')}
                  </TableCell>
                  {columns.map((c) => (
                    <TableCell key={c.key} component="th" scope="col" align="right">
                      {t(`tenancyUi.figures.columns.${c.key}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {schools.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell component="th" scope="row">
                      {s.name}{' '}
                      <Typography component="span" variant="body2" color="text.secondary">
                        ({t('tenancyUi.figures.urn', { urn: s.urn })})
                      </Typography>
                    </TableCell>
                    {columns.map((c) => (
                      <TableCell key={c.key} align="right">
                        {c.value(s).toLocaleString('en-GB')}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
                <TableRow>
                  <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                    {t('tenancyUi.figures.total')}
                  </TableCell>
                  {columns.map((c) => (
                    <TableCell key={c.key} align="right" sx={{ fontWeight: 600 }}>
                      {total(c.value).toLocaleString('en-GB')}
                    </TableCell>
                  ))}
                </TableRow>
              </TableBody>
            </Table>
          </TableContainer>
        ) : (
          <Alert severity="info">{t('tenancyUi.figures.none')}</Alert>
        )
      ) : null}
      <Alert severity="info" sx={{ mt: 2 }}>
        {t('tenancyUi.figures.noRecords')}
      </Alert>
    </Paper>
  );
}
