/**
 * The dashboard's "Do next" (dashboard.worklist): the signed-in user's deadlines, review actions and sessions to
 * record that are overdue or due within 7 days, grouped by pupil, most urgent first. The first few pupils show, the
 * rest behind "Show all", so the dashboard fits the first screen. The SENCo, therapy lead and headteacher can switch
 * to everyone's ("Mine" is the default; the choice lives in the address). Overdue says so in words, with an icon.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import TaskAltOutlined from '@mui/icons-material/TaskAltOutlined';
import PlaylistAddCheckOutlined from '@mui/icons-material/PlaylistAddCheckOutlined';
import type { WorkItem, Worklist } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { yearGroupLabel } from '../../../../shared/i18n';
import { Loading, QueryError } from '../status';
import { relativeHint } from '../clocks/clock-view';
import { foldGroups, workItemHref } from './worklist-model';

function ItemText({ item }: { readonly item: WorkItem }) {
  const { t } = useTranslation();
  if (item.clock) return <>{t(`clocks.keys.${item.clock.key}.label`)}</>;
  if (item.action) return <>{t('worklistUi.doNext.action', { what: item.action.description })}</>;
  return <>{t('worklistUi.doNext.session', { title: item.session?.title ?? '' })}</>;
}

function When({ item, today }: { readonly item: WorkItem; readonly today: string }) {
  const { t } = useTranslation();
  const hint = relativeHint(
    { dueDate: item.dueDate, doneDate: null, state: item.overdue ? 'overdue' : 'due_this_week', supersededBy: null },
    today,
  );
  const text =
    'count' in hint
      ? t(`clocksUi.relative.${hint.key}`, { count: hint.count })
      : hint.key === 'dueToday' || hint.key === 'dueTomorrow'
        ? t(`clocksUi.relative.${hint.key}`)
        : '';
  // A session to record is past by nature: say when it was, not how "overdue" it is.
  if (item.session) {
    return (
      <Typography component="span" variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {t('worklistUi.doNext.sessionWhen', { date: formatLongDate(item.dueDate), time: item.session.startTime })}
      </Typography>
    );
  }
  return (
    <Typography
      component="span"
      variant="body2"
      sx={{ color: item.overdue ? 'error.dark' : '#6b4500', fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      {text}
    </Typography>
  );
}

export function DoNext({
  data,
  error,
  pending,
  everyone,
  onWhose,
  onRetry,
}: {
  readonly data: Worklist | undefined;
  readonly error: Error | null;
  readonly pending: boolean;
  readonly everyone: boolean;
  readonly onWhose: (everyone: boolean) => void;
  readonly onRetry: () => void;
}) {
  const { t } = useTranslation();
  const heading = useId();
  const [all, setAll] = useState(false);
  const folded = data ? foldGroups(data.groups, all) : null;

  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ px: 2, py: 1.5, height: '100%' }} data-testid="do-next">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 0.5 }}>
        <Typography id={heading} variant="h2" sx={{ flex: 1, display: 'flex', alignItems: 'center', gap: 1 }}>
          <PlaylistAddCheckOutlined color="primary" aria-hidden />
          {t('worklistUi.doNext.heading')}
        </Typography>
        {data?.canSeeEveryone ? (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={everyone ? 'everyone' : 'mine'}
            onChange={(_e, v: string | null) => v && onWhose(v === 'everyone')}
            aria-label={t('worklistUi.doNext.whose')}
          >
            <ToggleButton value="mine" sx={{ px: 1.5, py: 0.25 }}>
              {t('worklistUi.doNext.mine')}
            </ToggleButton>
            <ToggleButton value="everyone" sx={{ px: 1.5, py: 0.25 }}>
              {t('worklistUi.doNext.everyone')}
            </ToggleButton>
          </ToggleButtonGroup>
        ) : null}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {everyone ? t('worklistUi.doNext.introEveryone') : t('worklistUi.doNext.intro')}
      </Typography>
      {pending ? (
        <Loading />
      ) : error || !data || !folded ? (
        <QueryError error={error} onRetry={onRetry} />
      ) : data.groups.length === 0 ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 2, color: 'text.secondary' }} data-testid="do-next-none">
          <TaskAltOutlined aria-hidden />
          <Typography>{everyone ? t('worklistUi.doNext.noneEveryone') : t('worklistUi.doNext.none')}</Typography>
        </Box>
      ) : (
        <>
          <Box component="ul" aria-label={t('worklistUi.doNext.listLabel')} sx={{ listStyle: 'none', m: 0, p: 0 }}>
            {folded.shown.map(({ group, shown, more }) => (
              <Box
                component="li"
                key={group.pupilId}
                data-testid="do-next-pupil"
                data-pupil-id={group.pupilId}
                sx={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 1.5, py: 0.75, borderTop: 1, borderColor: 'divider' }}
              >
                <Box sx={{ minWidth: 0 }}>
                  <Link
                    component={RouterLink}
                    to={`/pupils/${encodeURIComponent(group.pupilId)}`}
                    sx={{ fontWeight: 600, display: 'block' }}
                    data-testid="do-next-pupil-name"
                  >
                    {group.pupilName}
                  </Link>
                  <Typography variant="body2" color="text.secondary">
                    {yearGroupLabel(group.yearGroup)}
                    {group.className ? ` · ${group.className}` : ''}
                  </Typography>
                </Box>
                <Box
                  component="ul"
                  aria-label={t('worklistUi.doNext.pupilItems', { name: group.pupilName, count: group.items.length })}
                  sx={{ listStyle: 'none', m: 0, p: 0, minWidth: 0 }}
                >
                  {shown.map((item) => (
                    <Box
                      component="li"
                      key={`${item.kind}:${item.id}`}
                      data-testid="do-next-item"
                      data-kind={item.kind}
                      sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75, minWidth: 0 }}
                    >
                      {item.overdue ? (
                        <ErrorOutline aria-hidden sx={{ fontSize: 16, color: 'error.dark', alignSelf: 'center', flexShrink: 0 }} />
                      ) : (
                        <ScheduleOutlined aria-hidden sx={{ fontSize: 16, color: '#6b4500', alignSelf: 'center', flexShrink: 0 }} />
                      )}
                      <Link
                        component={RouterLink}
                        to={workItemHref(group.pupilId, item)}
                        color="inherit"
                        underline="hover"
                        sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}
                      >
                        <ItemText item={item} />
                      </Link>
                      <When item={item} today={data.today} />
                    </Box>
                  ))}
                  {more > 0 ? (
                    <Box component="li">
                      <Link component={RouterLink} to={`/pupils/${encodeURIComponent(group.pupilId)}`} variant="body2">
                        {t('worklistUi.doNext.more', { count: more, name: group.pupilName })}
                      </Link>
                    </Box>
                  ) : null}
                </Box>
              </Box>
            ))}
          </Box>
          {folded.hiddenPupils > 0 || all ? (
            <Box sx={{ borderTop: 1, borderColor: 'divider', pt: 0.5 }}>
              <Button size="small" onClick={() => setAll(!all)} data-testid="do-next-show-all" aria-expanded={all}>
                {all ? t('worklistUi.doNext.showFewer') : t('worklistUi.doNext.showAll', { count: data.groups.length })}
              </Button>
            </Box>
          ) : null}
        </>
      )}
    </Paper>
  );
}
