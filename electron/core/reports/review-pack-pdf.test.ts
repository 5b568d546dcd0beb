/**
 * The review pack PDF: rendered from synthetic data, then read back with poppler's pdftotext (every section, the
 * pupil's name, "Confidential" and "Page N of M" on every page) and checked structurally with qpdf.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTScore } from '../../../shared/gas';
import { i18n, t } from '../../../shared/i18n';
import { ATTENDEE_ROLES, DECISION_KINDS, REVIEW_STATUSES } from '../../../shared/contract/reviews';
import { renderReviewPack } from './review-pack-pdf';
import { reviewPackEmptyFixture, reviewPackFixture } from './review-pack-fixture';
import type { ReviewPackData } from './review-pack-data';
import { pdfText } from './pdf-text';

const dir = mkdtempSync(join(tmpdir(), 'review-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECTIONS = ['needs', 'provision', 'goals', 'tScore', 'assessments', 'attendance', 'bands', 'views', 'actions', 'notes'] as const;

/** Renders, writes the file, and returns the pages' text (pdftotext -layout, split on form feeds). */
async function render(data: ReviewPackData, name: string): Promise<{ pdf: Buffer; pages: number; file: string; text: string[] }> {
  const { pdf, pages } = await renderReviewPack(data);
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const out = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const text = out.split('\f');
  if (text[text.length - 1]?.trim() === '') text.pop();
  return { pdf, pages, file, text };
}

/** Text with runs of white space as one space, so wrapped phrases still match. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

function qpdfCheck(file: string): string {
  return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
}

describe('renderReviewPack', () => {
  it('draws every section of a full pack, with the name, "Confidential" and "Page N of M" on every page', async () => {
    const data = reviewPackFixture();
    const { pdf, pages, file, text } = await render(data, 'full');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(text).toHaveLength(pages);
    text.forEach((page, i) => {
      expect(page).toContain('Zoë Ó Briain');
      expect(page).toContain('Confidential');
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
      expect(page).toContain('Generated 12 March 2026');
    });
    const all = flat(text.join('\n'));
    expect(all).toContain('Review pack');
    expect(all).toContain('CONFIDENTIAL');
    expect(all).toContain(t('reviewPack.cover.attendees'));
    for (const key of SECTIONS) expect(all).toContain(t(`reviewPack.sections.${key}`));
    // In order.
    const at = SECTIONS.map((key) => all.lastIndexOf(t(`reviewPack.sections.${key}`)));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The cover: details and attendees.
    expect(all).toContain(data.pupil.upn);
    // Issue 17, item 8: the cover's date of birth in words, as running text writes dates.
    expect(all).toContain('21 July 2016');
    expect(all).not.toContain('21/07/2016');
    // Issue 17, item 8: parents read the pack: abbreviations are spelt out where they first appear.
    // (The cover's labels are drawn in capitals.)
    expect(all).toMatch(/UPN \(unique pupil number\)/i);
    expect(all).toMatch(/SEN \(special educational needs\) status/i);
    expect(all).toContain('Goal attainment scaling (GAS) T-score');
    expect(all).toContain('EHC plan annual review on 10 March 2026');
    expect(all).not.toMatch(/review on \d\d\//);
    for (const a of data.review.attendees) expect(all).toContain(a.name);
    expect(all).toContain('Apologies');
    expect(all).toContain('External professional');
    // Needs and the EHC plan.
    expect(all).toContain('Section E: outcomes');
    expect(all).toContain('Preparing for adulthood');
    // Provision.
    expect(all).toContain('Speech and language therapy: 1:1 with a specialist SALT');
    expect(all).toMatch(/This term\s(?:[\d.%\s]+)?\(Spring\)/);
    // Goals, and the T-score to one decimal place.
    expect(all).toContain(flat(data.goals[0]?.description ?? 'missing'));
    expect(all).toContain('+2 much more');
    expect(all).toContain('-2 much less');
    expect(data.review.tScore).not.toBeNull();
    expect(all).toContain(formatTScore(data.review.tScore));
    // The score in words a parent understands, and how the goals' weights count (the fixture's goal 1 counts double).
    expect(all).toContain(flat(t('therapyRules.tScore.plain')));
    expect(all).toContain('a goal with weight 2 counts twice as much as a goal with weight 1');
    expect(all).toMatch(/In this plan: goal 1 has weight 2, goal 2 has weight 1, goal 3 has weight 1/);
    expect(all).not.toMatch(/rho|Kiresuk/i);
    // Assessments, attendance, bands, views, actions.
    expect(all).toContain('Thrive strand results'.toUpperCase());
    expect(all).toContain('Power and identity');
    expect(all).toContain('Sessions by month');
    expect(all).toContain('Hours delivered against planned, by month');
    expect(all).toContain('Cancelled by therapist');
    expect(all).toContain('Current');
    expect(all).toContain('“best day”');
    expect(all).toContain('Year 5 — a new teacher');
    expect(all).toContain('Not done');
    expect(all).toContain('Move down a band: Universal');
    // The notes page is the last page.
    expect(text[pages - 1]).toContain(t('reviewPack.sections.notes'));
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors found/);
  });

  it('lists on the cover the page each section starts on', async () => {
    const { text } = await render(reviewPackFixture(), 'contents');
    const cover = text[0] ?? '';
    expect(cover).toContain(t('reviewPack.contents'));
    for (const [i, key] of SECTIONS.entries()) {
      const heading = t(`reviewPack.sections.${key}`);
      const listed = new RegExp(`${i + 1} ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ .]*?(\\d+)`).exec(flat(cover));
      expect(listed, heading).not.toBeNull();
      const page = Number(listed?.[1]);
      expect(text[page - 1], heading).toContain(heading);
    }
  });

  it('says plainly what is missing in a sparse pack for a review not yet held', async () => {
    const { pdf, pages, file, text } = await render(reviewPackEmptyFixture(), 'empty');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    text.forEach((page, i) => {
      expect(page).toContain('Zoë Ó Briain');
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
    });
    const all = flat(text.join('\n'));
    for (const key of SECTIONS) expect(all).toContain(t(`reviewPack.sections.${key}`));
    for (const key of [
      'cover.noAttendees',
      'needs.noNeeds',
      'needs.noEhcp',
      'provision.noLines',
      'tScore.none',
      'assessments.none',
      'attendance.rateNone',
      'attendance.noMonths',
      'bands.none',
      'actions.noPrevious',
      'actions.agreeHeading',
      'notRecorded',
    ] as const) {
      expect(all, key).toContain(flat(t(`reviewPack.${key}`)));
    }
    expect(all).toContain('Planned meeting');
    expect(all).toContain('No ratings recorded yet.');
    expect(all).not.toContain(t('reviewPack.actions.thisHeading'));
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors found/);
  });

  it('carries long text over pages, repeats table headers, and prints every script of a name, and plainly what no font has', async () => {
    const base = reviewPackFixture();
    const long = Array.from(
      { length: 40 },
      (_, i) => `Paragraph ${i + 1}: the meeting talked about what is working and what is not, in some detail.`,
    ).join('\n\n');
    const data: ReviewPackData = {
      ...base,
      school: {
        ...base.school,
        name: 'The Very Long Named Synthetic Church of England Voluntary Aided Primary and Nursery School of Exampleton',
      },
      pupil: { ...base.pupil, name: 'Łucja Nguyễn-Ó Briain' },
      review: {
        ...base.review,
        pupilViews: `${'One long paragraph without a break, carried over to the next page. '.repeat(200)}END OF VIEWS`,
        discussion: `${long}\n\nAgreed → review in 6 weeks; target ≥ 3 sessions a week. 日本 ✓ 🙂`,
        attendees: Array.from({ length: 30 }, (_, i) => ({
          role: 'external' as const,
          name: `Attendee ${i + 1}`,
          organisation: 'Synthetic Service',
          present: i % 3 !== 0,
        })),
      },
      lastActions: Array.from({ length: 30 }, (_, i) => ({
        description: `Action ${i + 1}: do something useful for the pupil and report back.`,
        owner: 'Mrs Ada Placeholder',
        dueDate: '2026-01-10',
        doneDate: i % 2 ? '2026-01-09' : null,
      })),
    };
    const { pages, file, text } = await render(data, 'long');
    text.forEach((page, i) => {
      expect(page).toContain('Łucja Nguyễn-Ó Briain');
      expect(page).toContain('Confidential');
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
    });
    const all = flat(text.join('\n'));
    expect(all).toContain('Paragraph 40:');
    expect(all).toContain('END OF VIEWS');
    expect(all).toContain('Agreed → review in 6 weeks; target ≥ 3 sessions a week. 日本 Yes ?');
    expect(all).toContain('Attendee 30');
    expect(all).toContain('Action 30:');
    // The attendees table continues on page 2 with its header row again.
    expect(text[1]).toMatch(/Name\s+Role\s+Organisation\s+Attendance/);
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors found/);
  });

  it('copes with odd data: one rating, one T-score, a bad date, a month without sessions', async () => {
    const base = reviewPackFixture();
    const data: ReviewPackData = {
      ...base,
      goals: [
        { ...(base.goals[0] as ReviewPackData['goals'][number]), points: [{ date: '2026-03-10', rating: 1, source: 'review' }] },
        {
          ...(base.goals[1] as ReviewPackData['goals'][number]),
          points: [
            { date: 'not a date', rating: 0, source: 'session' },
            { date: '2026-01-05', rating: -1, source: 'session' },
          ],
        },
      ],
      tScores: [{ date: '2026-03-10', tScore: 50 }],
      attendance: {
        ...base.attendance,
        months: [
          { month: '2026-02', attended: 0, absent: 0, cancelled: 0, notRecorded: 0, upcoming: 0, minutesPlanned: 0, minutesDelivered: 0 },
        ],
      },
      bandHistory: [{ band: 'specific', startDate: '2026-03-10', endDate: null, reason: 'Started today.', reviewId: null }],
    };
    const { file, text } = await render(data, 'odd');
    const all = flat(text.join('\n'));
    expect(all).toContain('50.0');
    expect(all).toContain('As expected');
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors found/);
  });

  it('renders five years of data quickly', async () => {
    const data = reviewPackFixture({ years: 5 });
    expect(data.goals).toHaveLength(8);
    expect(data.goals[0]?.points).toHaveLength(250);
    expect(data.assessments).toHaveLength(60);
    expect(data.attendance.months.length).toBeGreaterThanOrEqual(55);
    const started = performance.now();
    const { pdf, pages } = await renderReviewPack(data);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(3000);
    expect(pages).toBeGreaterThan(10);
    const file = join(dir, 'five-years.pdf');
    writeFileSync(file, pdf);
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors found/);
  });
});

describe('pdfText', () => {
  it('keeps every letter the shipped fonts have, in any script, and maps or strips only the rest', () => {
    expect(pdfText('Zoë Ó Briain, Siobhán')).toBe('Zoë Ó Briain, Siobhán');
    expect(pdfText('‘a’ “b” – — … • €')).toBe('‘a’ “b” – — … • €');
    expect(pdfText('Łódź Dvořák Nguyễn Thị Hương')).toBe('Łódź Dvořák Nguyễn Thị Hương');
    for (const name of ['Aleksandr Смирнов', 'Αλέξανδρος', 'محمد', 'عائشہ', 'সাদিয়া', 'ਗੁਰਪ੍ਰੀਤ', '王秀英', '陳嘉欣'])
      expect(pdfText(name)).toBe(name);
    expect(pdfText('a → b ≥ c − d')).toBe('a → b ≥ c − d');
    // Signs that only the Chinese font has (full-width there) are written plainly in Latin text; emoji are not shipped.
    expect(pdfText('✓ ✗ ⇒ 🙂')).toBe('Yes x => ?');
    expect(pdfText('tab\there\r\nline\u200b')).toBe('tab here\nline');
    expect(pdfText('e\u0301')).toBe('é');
    expect(pdfText('x\ud800y')).toBe('x?y');
    // The joiners steer Arabic and Indic shaping: kept.
    expect(pdfText('می\u200cخواهم')).toBe('می\u200cخواهم');
  });
});

describe('review pack figures that do not mislead (issue 17, item 5) and the annual review conclusions (item 4)', () => {
  it('prints "not recorded" as its own figure, each percentage of the sessions due, and the annual review recommendation, outcomes and amendments', async () => {
    const base = reviewPackFixture();
    // As the pupil in the issue: a handful attended, dozens of past sessions never recorded, a few still to come.
    const data: ReviewPackData = {
      ...base,
      attendance: {
        ...base.attendance,
        attended: 15,
        absent: 2,
        cancelledBySchool: 1,
        cancelledByTherapist: 1,
        cancelledByFamily: 1,
        notRecorded: 31,
        upcoming: 4,
        months: [
          {
            month: '2026-01',
            attended: 9,
            absent: 1,
            cancelled: 2,
            notRecorded: 11,
            upcoming: 0,
            minutesPlanned: 690,
            minutesDelivered: 270,
          },
          {
            month: '2026-02',
            attended: 6,
            absent: 1,
            cancelled: 1,
            notRecorded: 20,
            upcoming: 0,
            minutesPlanned: 840,
            minutesDelivered: 180,
          },
          { month: '2026-03', attended: 0, absent: 0, cancelled: 0, notRecorded: 0, upcoming: 4, minutesPlanned: 120, minutesDelivered: 0 },
        ],
      },
    };
    const { file, text } = await render(data, 'not-recorded');
    const all = flat(text.join('\n'));
    expect(all).toContain('15 of the 51 sessions due in this period were attended (29% of the sessions due).');
    expect(all).toContain('5 were missed through absence or cancellation (10%).');
    expect(all).toContain('31 have no attendance recorded (61%): whether they took place is not known.');
    expect(all).toContain('4 more sessions are booked after today.');
    expect(all).not.toMatch(/Attended \d+% of the sessions that were due/);
    // The tile and the chart's legend name the figure.
    expect(all).toContain(
      '15 2 3 31 Attended Absent Cancelled Not recorded Cancelled by school: 1 · Cancelled by therapist: 1 · Cancelled by family: 1 15 of the 51',
    );
    expect(all).toContain('Attended Absent Cancelled Not recorded Hours delivered against planned');
    // The provision table says what its percentage is of.
    expect(all).toContain('% of planned');
    // The annual review's conclusions.
    expect(all).toContain('EHC plan annual review: outcomes and recommendation');
    expect(all).toContain('Recommendation to the local authority Amend the plan');
    expect(all).toContain('Progress against section E outcomes');
    expect(all).toMatch(/Zoë will recognise when she is becoming anxious[\s\S]*Achieved/);
    expect(all).toContain('Partly achieved');
    expect(all).toContain('Not yet achieved');
    expect(all).toContain('Section F: Special educational provision');
    expect(all).toContain('Occupational therapy from fortnightly to weekly, 30 minutes, for handwriting.');
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors found/);
  });
});

describe('review pack words', () => {
  it('has every key the renderer uses', () => {
    const source = readFileSync(join(__dirname, 'review-pack-pdf.ts'), 'utf8');
    const keys = [...source.matchAll(/\btp\(\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => m[1] as string);
    expect(keys.length).toBeGreaterThan(80);
    const dynamic = [
      ...SECTIONS.map((s) => `sections.${s}`),
      ...REVIEW_STATUSES.map((s) => `status.${s}`),
      ...ATTENDEE_ROLES.map((r) => `roles.${r}`),
      ...DECISION_KINDS.map((d) => `decisions.${d}`),
      ...['ehcp', 'ipp'].map((s) => `provision.source.${s}`),
      ...[-2, -1, 0, 1, 2].flatMap((r) => [`gas.${r}`, `gasShort.${r}`]),
    ];
    const missing = [...keys, ...dynamic].filter((k) => !i18n.exists(`reviewPack.${k}`) && !i18n.exists(`reviewPack.${k}_other`));
    expect(missing).toEqual([]);
  });
});
