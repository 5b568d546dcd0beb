/**
 * The school's reviews (the main menu's Reviews): this school year's reviews by default, filtered by kind, status
 * and dates, with quick choices for the upcoming meetings and for planned meetings whose date has passed (these
 * need recording). Each row opens the review; the pupil's name opens their Reviews tab. The filters live in the
 * address, so Back from a review returns to the same list.
 */
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import RateReviewOutlined from '@mui/icons-material/RateReviewOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import TaskAltOutlined from '@mui/icons-material/TaskAltOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import { REVIEW_KINDS, REVIEW_STATUSES, type ReviewKind, type ReviewStatus } from '../../../../shared/contract';
import { formatLongDate, isIsoDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { IsoDateInput } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { canReadReviews } from '../../components/reviews/review-parts';
import { ReviewsTable } from '../../components/reviews/reviews-table';
import {
  QUICK_CHOICES,
  REVIEW_LIST_SORTS,
  defaultDirection,
  filterToInput,
  parseReviewsFilter,
  quickChoiceOf,
  quickFilter,
  schoolYearRange,
  sortReviewRows,
  writeReviewsFilter,
  type QuickChoice,
  type ReviewListSort,
  type ReviewsFilter,
} from '../../components/reviews/reviews-list-model';
import { academicYearOf } from '../../lib/academic-year';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

/** The service returns at most this many rows. */
const LIMIT = 2000;
/** Selects whose empty value means "all": show that option's words rather than an empty box. */
const showEmpty = { inputLabel: { shrink: true }, select: { displayEmpty: true } } as const;

/** Read by screen readers, not shown (sx would read width: 1 as 100%). */
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

type DateDraft = { readonly from: string | null; readonly to: string | null };

export default function ReviewsPage() {
  const { t } = useTranslation();
  const title = t('reviewsUi.list.title');
  usePageTitle(title);
  const role = useSessionInfo().user.role;
  const canRead = canReadReviews(role);
  const heading = useId();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const year = academicYearOf(today);
  const filter = parseReviewsFilter(params, today);
  const quick = quickChoiceOf(filter, today);
  const sortParam = params.get('sort');
  const sort: ReviewListSort = (REVIEW_LIST_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as ReviewListSort) : 'date';
  const dirParam = params.get('dir');
  const direction = dirParam === 'asc' || dirParam === 'desc' ? dirParam : defaultDirection(sort, filter, today);

  // What the date fields show: possibly half-typed ('invalid'), so kept here; the address holds only real dates.
  const [draft, setDraft] = useState<DateDraft>({ from: filter.from, to: filter.to });
  const [synced, setSynced] = useState<DateDraft>({ from: filter.from, to: filter.to });
  if (synced.from !== filter.from || synced.to !== filter.to) {
    setSynced({ from: filter.from, to: filter.to });
    setDraft((d) => ({ from: synced.from !== filter.from ? filter.from : d.from, to: synced.to !== filter.to ? filter.to : d.to }));
  }

  const apply = (next: ReviewsFilter, keepDirection = true) => {
    const p = writeReviewsFilter(params, next, today);
    if (!keepDirection) p.delete('dir');
    setParams(p, { replace: true });
  };
  const setDate = (side: 'from' | 'to', iso: string | null) => {
    setDraft((d) => ({ ...d, [side]: iso }));
    if (iso === null || isIsoDate(iso)) apply({ ...filter, [side]: iso });
  };
  const choose = (choice: QuickChoice) => {
    const next = quickFilter(choice, today, filter.kind);
    setDraft({ from: next.from, to: next.to });
    apply(next, false);
  };

  const badDate = (v: string | null) => v !== null && !isIsoDate(v);
  const backwards = filter.from !== null && filter.to !== null && filter.to < filter.from;
  const fromError = badDate(draft.from) ? t('validation.date') : null;
  const toError = badDate(draft.to) ? t('validation.date') : backwards ? t('validation.endBeforeStart') : null;

  const query = useQuery({
    queryKey: qk('reviews.list', filterToInput(filter)),
    queryFn: () => call('reviews.list', filterToInput(filter)),
    enabled: canRead && !backwards,
    placeholderData: (prev) => prev,
  });
  const passedFilter = quickFilter('passed', today, filter.kind);
  const passed = useQuery({
    queryKey: qk('reviews.list', filterToInput(passedFilter)),
    queryFn: () => call('reviews.list', filterToInput(passedFilter)),
    enabled: canRead,
  });

  if (!canRead) {
    return (
      <>
        <PageHeader title={title} />
        <Paper variant="outlined">
          <EmptyState icon={<RateReviewOutlined />} title={t('reviewsUi.list.noAccessTitle')} body={t('reviewsUi.list.noAccess')} />
        </Paper>
      </>
    );
  }

  const kindLabel = (k: ReviewKind) => t(`reviewsUi.kinds.${k}`);
  const rows = query.data ? sortReviewRows(query.data, sort, direction, kindLabel) : [];
  const passedCount = passed.data?.length ?? 0;
  const onSort = (key: ReviewListSort) => {
    const next = new URLSearchParams(params);
    const dir = sort === key ? (direction === 'asc' ? 'desc' : 'asc') : defaultDirection(key, filter, today);
    if (key === 'date') next.delete('sort');
    else next.set('sort', key);
    if (dir === defaultDirection(key, filter, today)) next.delete('dir');
    else next.set('dir', dir);
    setParams(next, { replace: true });
  };

  const headingText =
    quick === 'year'
      ? t('reviewsUi.list.headingYear', { year })
      : quick === 'upcoming'
        ? t('reviewsUi.list.headingUpcoming')
        : quick === 'passed'
          ? t('reviewsUi.list.headingPassed')
          : filter.from && filter.to
            ? t('reviewsUi.list.headingRange', { from: formatLongDate(filter.from), to: formatLongDate(filter.to) })
            : filter.from
              ? t('reviewsUi.list.headingFrom', { from: formatLongDate(filter.from) })
              : filter.to
                ? t('reviewsUi.list.headingTo', { to: formatLongDate(filter.to) })
                : t('reviewsUi.list.headingAll');
  const intro =
    quick === 'year'
      ? t('reviewsUi.list.introYear')
      : quick === 'upcoming'
        ? t('reviewsUi.list.introUpcoming')
        : quick === 'passed'
          ? t('reviewsUi.list.introPassed')
          : t('reviewsUi.list.introOther');
  const narrowed = filter.kind !== null || filter.status !== null;

  const showYear = (
    <Button variant="outlined" onClick={() => choose('year')}>
      {t('reviewsUi.list.showYear')}
    </Button>
  );
  const empty =
    quick === 'upcoming' && !filter.kind ? (
      <EmptyState
        icon={<EventNoteOutlined />}
        title={t('reviewsUi.list.emptyUpcomingTitle')}
        body={t('reviewsUi.list.emptyUpcoming')}
        action={showYear}
      />
    ) : quick === 'passed' && !filter.kind ? (
      <EmptyState
        icon={<TaskAltOutlined />}
        title={t('reviewsUi.list.emptyPassedTitle')}
        body={t('reviewsUi.list.emptyPassed')}
        action={showYear}
      />
    ) : quick === 'year' && !narrowed ? (
      <EmptyState
        icon={<RateReviewOutlined />}
        title={t('reviewsUi.list.emptyYearTitle')}
        body={t('reviewsUi.list.emptyYear')}
        action={
          <Button component={RouterLink} to="/pupils" variant="outlined">
            {t('reviewsUi.list.toRegister')}
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={<SearchOutlined />}
        title={t('reviewsUi.list.emptyFilteredTitle')}
        body={t('reviewsUi.list.emptyFiltered')}
        action={
          <Button variant="outlined" onClick={() => apply({ ...schoolYearRange(today), status: null, kind: null }, false)}>
            {quick === 'year' ? t('reviewsUi.list.clearFilters') : t('reviewsUi.list.showYear')}
          </Button>
        }
      />
    );

  return (
    <>
      <PageHeader title={title} subtitle={t('reviewsUi.list.subtitle')} />
      <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5 }}>
        <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 2, minWidth: 0 }}>
          <Box component="legend" sx={visuallyHidden}>
            {t('reviewsUi.list.filters')}
          </Box>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={quick}
            onChange={(_, v: QuickChoice | null) => {
              if (v) choose(v);
            }}
            aria-label={t('reviewsUi.list.quick')}
            sx={{ mb: 2, flexWrap: 'wrap', '& .MuiToggleButton-root': { textTransform: 'none', gap: 0.75, px: 1.5 } }}
          >
            {QUICK_CHOICES.map((c) => (
              <ToggleButton
                key={c}
                value={c}
                data-testid={`quick-${c}`}
                sx={c === 'passed' && passedCount ? { color: '#6b4500', fontWeight: 600 } : undefined}
              >
                {c === 'year' ? (
                  <RateReviewOutlined fontSize="small" aria-hidden />
                ) : c === 'upcoming' ? (
                  <EventAvailableOutlined fontSize="small" aria-hidden />
                ) : (
                  <WarningAmberOutlined fontSize="small" aria-hidden />
                )}
                {c === 'year'
                  ? t('reviewsUi.list.quickYear', { year })
                  : c === 'upcoming'
                    ? t('reviewsUi.list.quickUpcoming')
                    : passedCount
                      ? t('reviewsUi.list.quickPassedCount', { count: passedCount })
                      : t('reviewsUi.list.quickPassed')}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1.3fr 1fr 1fr 1fr' },
              alignItems: 'start',
            }}
          >
            <TextField
              select
              label={t('reviewsUi.list.kind')}
              value={filter.kind ?? ''}
              onChange={(e) => apply({ ...filter, kind: (e.target.value || null) as ReviewKind | null })}
              slotProps={showEmpty}
            >
              <MenuItem value="">{t('reviewsUi.list.allKinds')}</MenuItem>
              {REVIEW_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {kindLabel(k)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={t('reviewsUi.list.status')}
              value={filter.status ?? ''}
              onChange={(e) => apply({ ...filter, status: (e.target.value || null) as ReviewStatus | null })}
              slotProps={showEmpty}
            >
              <MenuItem value="">{t('reviewsUi.list.allStatuses')}</MenuItem>
              {REVIEW_STATUSES.map((s) => (
                <MenuItem key={s} value={s}>
                  {t(`reviewsUi.statuses.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <IsoDateInput
              value={draft.from}
              onChange={(iso) => setDate('from', iso)}
              label={t('reviewsUi.list.from')}
              name="from"
              error={fromError}
              helperText={t('reviewsUi.list.dateHelp')}
            />
            <IsoDateInput
              value={draft.to}
              onChange={(iso) => setDate('to', iso)}
              label={t('reviewsUi.list.to')}
              name="to"
              error={toError}
              helperText={t('reviewsUi.list.dateHelp')}
            />
          </Box>
        </Box>

        <Typography id={heading} variant="h2" sx={{ fontSize: '1.15rem' }}>
          {headingText}
          {query.data && !backwards ? ` (${rows.length})` : ''}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
        {backwards ? (
          <Alert severity="warning">{t('validation.endBeforeStart')}</Alert>
        ) : query.isPending ? (
          <Loading />
        ) : query.error ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : rows.length === 0 ? (
          empty
        ) : (
          <>
            <ReviewsTable rows={rows} today={today} labelledBy={heading} sort={sort} direction={direction} onSort={onSort} />
            {rows.length >= LIMIT ? (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
                {t('reviewsUi.list.limit')}
              </Typography>
            ) : null}
          </>
        )}
      </Paper>
    </>
  );
}
