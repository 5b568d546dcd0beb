import { describe, expect, it } from 'vitest';
import { COMPLAINT_STAGES, FEEDBACK_KINDS, FEEDBACK_SENTIMENTS, FEEDBACK_SOURCES, feedbackInput } from '../../../../shared/contract';
import { i18n } from '../../../../shared/i18n';
import {
  academicYearRange,
  addWorkingDays,
  cleanFeedback,
  complaintDeadlines,
  countRows,
  filterFeedback,
  formatDays,
  lateReasons,
  newFeedback,
} from './feedback-model';

describe('feedback form', () => {
  it('keeps none of a complaint’s route on feedback, and no sentiment on a complaint', () => {
    const f = cleanFeedback({
      ...newFeedback('feedback', '2026-03-02'),
      summary: 'Thanks',
      stage: 'senco',
      acknowledgedDate: '2026-03-03',
      sentiment: 'positive',
    });
    expect(f).toMatchObject({ stage: null, acknowledgedDate: null, sentiment: 'positive' });
    expect(feedbackInput.safeParse({ ...f, sentiment: 'positive' }).success).toBe(true);
    const c = cleanFeedback({ ...newFeedback('complaint', '2026-03-02'), summary: 'Late reports', sentiment: 'negative', stage: null });
    expect(c).toMatchObject({ sentiment: null, stage: 'senco' });
    expect(feedbackInput.safeParse(c).success).toBe(true);
  });

  it('starts a complaint with the SENCo', () => {
    expect(newFeedback('complaint', '2026-03-02').stage).toBe('senco');
    expect(newFeedback('feedback', '2026-03-02').stage).toBeNull();
  });
});

describe('working days', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-03-05', 2)).toBe('2026-03-09'); // Thursday → Monday
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Saturday → Monday
    expect(addWorkingDays('2026-03-02', 10)).toBe('2026-03-16');
  });

  it('gives the acknowledge-by and respond-by dates, and none for a half-typed date', () => {
    expect(complaintDeadlines('2026-03-05')).toEqual({ acknowledgeBy: '2026-03-09', respondBy: '2026-03-19' });
    expect(complaintDeadlines('invalid')).toBeNull();
    expect(complaintDeadlines('')).toBeNull();
    // A date that does not exist (a slip while typing) has no deadlines: no throw from the screen that shows them.
    expect(complaintDeadlines('2026-02-30')).toBeNull();
  });

  it('says why a complaint is late, as the core decides it', () => {
    const base = {
      kind: 'complaint' as const,
      receivedDate: '2026-03-02',
      acknowledgedDate: null,
      respondedDate: null,
      escalatedDate: null,
      closedDate: null,
    };
    expect(lateReasons(base, '2026-03-04')).toEqual([]);
    expect(lateReasons(base, '2026-03-05')).toEqual(['acknowledge']);
    expect(lateReasons({ ...base, acknowledgedDate: '2026-03-03' }, '2026-03-17')).toEqual(['respond']);
    expect(lateReasons({ ...base, acknowledgedDate: '2026-03-03', escalatedDate: '2026-03-10' }, '2026-04-01')).toEqual([]);
    expect(lateReasons({ ...base, acknowledgedDate: '2026-03-06', closedDate: '2026-03-10' }, '2026-04-01')).toEqual(['acknowledge']);
    expect(lateReasons({ ...base, kind: 'feedback' }, '2026-04-01')).toEqual([]);
  });
});

describe('governors’ report', () => {
  it('defaults to the academic year, September to August', () => {
    expect(academicYearRange('2026-03-14')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(academicYearRange('2025-09-01')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(academicYearRange('2025-08-31')).toEqual({ from: '2024-09-01', to: '2025-08-31' });
  });

  it('counts every known key, zero when none, then the others', () => {
    expect(countRows({ parent: 2, not_recorded: 1 }, ['pupil', 'parent'])).toEqual([
      { key: 'pupil', count: 0 },
      { key: 'parent', count: 2 },
      { key: 'not_recorded', count: 1 },
    ]);
  });

  it('shows medians to one decimal place', () => {
    expect(formatDays(null)).toBeNull();
    expect(formatDays(2)).toBe('2');
    expect(formatDays(2.5)).toBe('2.5');
  });

  it('has words for every kind, source, sentiment and stage', () => {
    const keys = [
      ...FEEDBACK_KINDS.map((k) => `staffUi.feedback.kinds.${k}`),
      ...FEEDBACK_SOURCES.flatMap((s) => [`staffUi.feedback.sources.${s}`, `staffUi.feedback.sourcesPlural.${s}`]),
      ...FEEDBACK_SENTIMENTS.map((s) => `staffUi.feedback.sentiments.${s}`),
      ...COMPLAINT_STAGES.flatMap((s) => [`staffUi.feedback.stages.${s}`, `staffUi.feedback.stagesShort.${s}`]),
      ...['received', 'acknowledged', 'responded', 'escalated', 'closed', 'logged'].map((s) => `staffUi.feedback.status.${s}`),
      ...['acknowledge', 'respond'].map((r) => `staffUi.feedback.lateReasons.${r}`),
    ];
    expect(keys.filter((k) => !i18n.exists(k))).toEqual([]);
  });
});

describe('feedback search', () => {
  it('matches the summary, name, pupil or outcome, any case', () => {
    const rows = [
      { summary: 'Speech sessions moved', fromName: 'Dana Smith', pupilName: null, outcome: null },
      { summary: 'Thank you', fromName: null, pupilName: 'Robin Reviewtest', outcome: 'Shared with staff' },
    ];
    expect(filterFeedback(rows, 'dana')).toHaveLength(1);
    expect(filterFeedback(rows, 'ROBIN')).toHaveLength(1);
    expect(filterFeedback(rows, 'shared')).toHaveLength(1);
    expect(filterFeedback(rows, '')).toHaveLength(2);
  });
});
