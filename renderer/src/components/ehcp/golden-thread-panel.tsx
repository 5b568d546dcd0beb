/**
 * The golden thread as the SENCo types: each gap as a plain-English line naming the need, outcome or provision,
 * with a button that takes you to it; or a clear "complete" state. An icon and words, never colour alone.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import EastOutlined from '@mui/icons-material/EastOutlined';
import type { ThreadProblem } from './plan-model';
import { visuallyHidden } from '../../lib/visually-hidden';

export function GoldenThreadPanel({
  problems,
  hasRows,
  onGo,
  note,
}: {
  readonly problems: readonly ThreadProblem[];
  /** False while the plan has no needs, outcomes or provision at all. */
  readonly hasRows: boolean;
  readonly onGo?: (problem: ThreadProblem) => void;
  readonly note?: string;
}) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" component="section" aria-labelledby="golden-thread-heading" data-testid="golden-thread" sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5, flexWrap: 'wrap' }}>
        <Typography id="golden-thread-heading" variant="h2" sx={{ fontSize: '1.15rem', flex: 1 }}>
          {t('ehcpUi.thread.title')}
        </Typography>
        {problems.length > 0 ? (
          <Chip
            size="small"
            icon={<WarningAmberOutlined />}
            label={t('ehcpUi.thread.count', { count: problems.length })}
            sx={{ bgcolor: '#fff6e0', color: '#6b4600', border: '1px solid #e2c27a', '& .MuiChip-icon': { color: '#8a5a00' } }}
          />
        ) : null}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('ehcpUi.thread.intro')}
      </Typography>
      <Box aria-live="polite" sx={visuallyHidden}>
        {hasRows ? (problems.length ? t('ehcpUi.thread.count', { count: problems.length }) : t('ehcpUi.thread.okTitle')) : ''}
      </Box>
      {!hasRows ? (
        <Typography color="text.secondary">{t('ehcpUi.thread.empty')}</Typography>
      ) : problems.length === 0 ? (
        <Box
          data-testid="golden-thread-ok"
          sx={{
            display: 'flex',
            gap: 1.5,
            alignItems: 'flex-start',
            p: 1.5,
            borderRadius: 1,
            bgcolor: '#e7f3ec',
            border: '1px solid #9fcdb0',
            color: '#1e5631',
          }}
        >
          <CheckCircleOutline sx={{ mt: 0.25 }} aria-hidden />
          <Box>
            <Typography sx={{ fontWeight: 600 }}>{t('ehcpUi.thread.okTitle')}</Typography>
            <Typography variant="body2">{t('ehcpUi.thread.ok')}</Typography>
          </Box>
        </Box>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
          {problems.map((p) => (
            <Box
              component="li"
              key={`${p.kind}-${p.key}`}
              data-testid="golden-thread-problem"
              sx={{
                display: 'flex',
                gap: 1.25,
                alignItems: 'flex-start',
                p: 1.25,
                borderRadius: 1,
                border: '1px solid #e2c27a',
                bgcolor: '#fffbf0',
              }}
            >
              <WarningAmberOutlined fontSize="small" sx={{ color: '#8a5a00', mt: 0.25 }} aria-hidden />
              <Box sx={{ minWidth: 0 }}>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  {p.message}
                </Typography>
                {onGo ? (
                  <Button
                    size="small"
                    endIcon={<EastOutlined fontSize="small" />}
                    onClick={() => onGo(p)}
                    sx={{ mt: 0.25, ml: -0.75, px: 0.75, minHeight: 0 }}
                  >
                    {t('ehcpUi.thread.goTo', { row: p.row })}
                  </Button>
                ) : null}
              </Box>
            </Box>
          ))}
        </Box>
      )}
      {note ? (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1.5 }}>
          {note}
        </Typography>
      ) : null}
    </Paper>
  );
}
