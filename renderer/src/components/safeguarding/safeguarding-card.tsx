/**
 * The DSL's dashboard card: concerns not yet acknowledged, how many of those are overdue (said in words, not only in
 * red), and hand-offs still open. Every count links to the Safeguarding page. Nothing for other roles.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ArrowForward from '@mui/icons-material/ArrowForward';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import HealthAndSafetyOutlined from '@mui/icons-material/HealthAndSafetyOutlined';
import { Loading, QueryError } from '../status';
import { SAFEGUARDING_PATH } from './safeguarding-banner';
import { useSafeguardingAlerts } from './use-alerts';

function Count({ label, value, urgent }: { readonly label: string; readonly value: number; readonly urgent?: boolean }) {
  const { t } = useTranslation();
  const alarm = urgent && value > 0;
  return (
    <Card variant="outlined" sx={{ height: '100%', borderColor: alarm ? 'error.main' : undefined, borderWidth: alarm ? 2 : 1 }}>
      <CardActionArea component={RouterLink} to={SAFEGUARDING_PATH} sx={{ height: '100%', p: 0.5 }}>
        <CardContent>
          <Typography
            color={alarm ? 'error.main' : 'text.secondary'}
            sx={{ fontWeight: 500, display: 'flex', alignItems: 'center', gap: 0.5 }}
          >
            {alarm ? <ErrorOutline fontSize="small" aria-hidden /> : null}
            {label}
          </Typography>
          <Typography
            component="p"
            sx={{ fontSize: '2.5rem', fontWeight: 500, lineHeight: 1.2, my: 0.5, color: alarm ? 'error.main' : 'primary.dark' }}
          >
            {value}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
            {t('safeguardingUi.card.hint')}
            <ArrowForward fontSize="inherit" aria-hidden />
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

export function SafeguardingCard() {
  const { t } = useTranslation();
  const heading = useId();
  const { isDsl, query } = useSafeguardingAlerts();
  if (!isDsl) return null;
  const data = query.data;
  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5, mb: 3 }} data-testid="safeguarding-card">
      <Typography id={heading} variant="h2" sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5 }}>
        <HealthAndSafetyOutlined color="primary" aria-hidden />
        {t('safeguardingUi.card.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('safeguardingUi.card.intro')}
      </Typography>
      {query.isPending ? (
        <Loading />
      ) : query.error || !data ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' } }}>
            <Count label={t('safeguardingUi.card.unacknowledged')} value={data.unacknowledged} urgent />
            <Count label={t('safeguardingUi.card.overdue')} value={data.overdue} urgent />
            <Count label={t('safeguardingUi.card.open')} value={data.open} />
          </Box>
          {data.unacknowledged === 0 ? (
            <Typography color="text.secondary" sx={{ mt: 2 }}>
              {t('safeguardingUi.card.none')}
            </Typography>
          ) : null}
        </>
      )}
    </Paper>
  );
}
