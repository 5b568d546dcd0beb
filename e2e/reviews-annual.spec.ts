/**
 * An EHC plan annual review end to end at 1366×768 (issue 17, item 4), as a SENCo. Through the API: a synthetic
 * pupil with one final EHC plan issued about eleven months ago (two section E outcomes), so its annual review falls
 * due within the next three months. In the UI: "Record a review" opens on the annual review of that plan, chosen for
 * the user; a held date of tomorrow is refused beside the date, and by the core; dated today, the SENCo records
 * progress against each outcome, an amendment to section F and the recommendation to amend the plan. The saved
 * review reads back; the review pack prints the recommendation, the progress and the amendment (pdftotext).
 * Screenshots of the refusal and of the filled-in form.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLongDate, formatUkDate, todayIso } from '../shared/dates';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, appUrl, invokeApi, pick, signIn, typeDate, callApi } from './fixtures';

const PUPIL = { first: 'Ashdown', last: 'Annualtest', upn: makeUpn(801, 2000, 19, 977) };
const NAME = `${PUPIL.first} ${PUPIL.last}`;
const OUTCOME_1 = 'Ashdown follows a two-step instruction in class with a visual prompt.';
const OUTCOME_2 = 'Ashdown reads a short text independently and answers questions about it.';
const AMENDMENT = 'Speech and language therapy weekly instead of fortnightly, 45 minutes.';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const TODAY = todayIso();
const TOMORROW = addDays(TODAY, 1);
// Issued 330 days ago: the annual review is due in about five weeks.
const ISSUED = addDays(TODAY, -330);

test.describe.configure({ mode: 'serial' });

let page: Page;
let pupilId = '';
let planId = '';
let reviewId = '';

function ok<T>(op: string, input: unknown): Promise<T> {
  return callApi<T>(page, op, input);
}

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
  pupilId = (
    await ok<{ id: string }>('pupils.create', {
      upn: PUPIL.upn,
      legalFirstName: PUPIL.first,
      legalLastName: PUPIL.last,
      dateOfBirth: '2016-03-02',
      yearGroup: '5',
      className: '5A',
      dateJoined: '2021-09-01',
      senStatus: 'E',
      needs: ['SLCN'],
      contacts: [{ name: 'Jo Annualtest', relationship: 'mother', phone: null, email: null, parentalResponsibility: true }],
    })
  ).id;
  planId = (
    await ok<{ plan: { id: string } }>('ehcp.create', {
      pupilId,
      localAuthority: 'Example Borough Council',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: ISSUED,
      ceasedDate: null,
      ceasedReason: null,
      content: {
        sectionA: { views: null, interests: null, aspirations: null },
        needs: [
          { key: 'n1', area: 'communication_interaction', description: 'Understanding spoken instructions' },
          { key: 'n2', area: 'cognition_learning', description: 'Reading comprehension' },
        ],
        items: [],
        outcomes: [
          { key: 'o1', description: OUTCOME_1, targetDate: addDays(TODAY, 200), needKeys: ['n1'], pfaArea: null },
          { key: 'o2', description: OUTCOME_2, targetDate: addDays(TODAY, 200), needKeys: ['n2'], pfaArea: null },
        ],
        provision: [
          {
            key: 'p1',
            description: 'Speech and language therapy, 1:1',
            frequencyCount: 1,
            frequencyPeriod: 'fortnight',
            sessionMinutes: 45,
            durationWeeks: null,
            groupSize: 1,
            deliveredBy: 'Speech and language therapist',
            expertise: null,
            markedQuantified: true,
            outcomeKeys: ['o1', 'o2'],
          },
        ],
        placement: { name: null, urn: null, type: null },
        personalBudget: null,
        advice: [],
      },
    })
  ).plan.id;
});

test.afterAll(async () => {
  await page.close();
});

test('a new review opens on the annual review of the only current EHC plan, due soon', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=reviews`));
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  await page.getByRole('link', { name: 'Record a review' }).click();
  await expect(page.getByRole('heading', { name: 'Record a review', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kind of review' })).toContainText('EHC plan annual review');
  await expect(page.getByRole('combobox', { name: /EHC plan/ }).first()).toContainText('Example Borough Council');
  await expect(page.getByTestId('annual-chosen')).toContainText(`${NAME} has one current EHC plan and its annual review is due by`);
  // The plan's section E outcomes are listed to record progress against.
  const section = page.getByTestId('annual-section');
  await expect(section.getByTestId('annual-outcome')).toHaveCount(2);
  await expect(section.getByTestId('annual-outcome').nth(0)).toContainText(OUTCOME_1);
});

test('a held date after today is refused beside the date, and by the core', async () => {
  await typeDate(page, 'Date of the meeting', formatUkDate(TOMORROW));
  await expect(page.getByRole('radio', { name: 'Held' })).toBeChecked();
  await page.getByRole('button', { name: 'Save review' }).click();
  const message = `A meeting can be recorded as held only once it has happened: this date is after today (${formatLongDate(TODAY)}). Choose a date up to today, or save the review as planned.`;
  const dateGroup = page.getByTestId('meeting-section');
  await expect(dateGroup.getByText(message)).toBeVisible();
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await expect(page).toHaveURL(/\/reviews\/new/);
  await dateGroup.getByText(message).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/review-annual-future-refused.png` });

  // The core refuses it too, whatever a desk sends, and writes nothing.
  const r = await invokeApi(page, 'reviews.save', {
    id: null,
    pupilId,
    kind: 'annual',
    date: TOMORROW,
    status: 'held',
    ippId: null,
    placementId: null,
    ehcPlanId: planId,
    attendees: [],
    pupilViews: null,
    parentViews: null,
    discussion: null,
    ratings: [],
    decisions: [],
    actions: [],
    statutory: null,
    annual: null,
  });
  expect(r.ok).toBe(false);
  expect(r.error?.fields?.date).toBe(message);
  expect(await ok<unknown[]>('reviews.listForPupil', { pupilId })).toEqual([]);
});

test('dated today, the SENCo records progress against each outcome, an amendment and the recommendation', async () => {
  await typeDate(page, 'Date of the meeting', formatUkDate(TODAY));
  const section = page.getByTestId('annual-section');
  const outcomes = section.getByTestId('annual-outcome');
  await pick(page, 'Progress towards outcome 1', 'Partly achieved', outcomes.nth(0));
  await outcomes.nth(0).getByRole('textbox', { name: 'Note on outcome 1' }).fill('Follows two steps when the prompt card is on the desk.');
  await pick(page, 'Progress towards outcome 2', 'Achieved', outcomes.nth(1));

  await section.getByRole('button', { name: 'Add an amendment' }).click();
  const amendment = section.getByTestId('annual-amendment').nth(0);
  await expect(amendment.getByRole('combobox', { name: 'Section' })).toContainText('Section F: Special educational provision');
  await amendment.getByRole('textbox', { name: 'What should change' }).fill(AMENDMENT);

  // An amendment without the recommendation to amend contradicts itself: refused beside the recommendation.
  await page.getByRole('button', { name: 'Save review' }).click();
  await expect(section.getByText('Amendments are listed only when the review recommends amending the plan')).toBeVisible();
  await pick(page, 'Recommendation to the local authority', 'Amend the plan', section);

  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/review-annual-form.png` });
  await page.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByTestId('review-saved')).toBeVisible();
  await expect(page).toHaveURL(/#\/pupils\/[^/]+\/reviews\/[^/?]+$/);
  reviewId = page.url().split('/reviews/')[1] ?? '';
  await expect(page.getByRole('heading', { name: `EHC plan annual review on ${formatLongDate(TODAY)}`, level: 1 })).toBeVisible();
});

test('the saved annual review reads back, and its pack prints the recommendation, progress and amendment', async () => {
  await page.reload();
  const section = page.getByTestId('annual-section');
  await expect(section.getByRole('combobox', { name: 'Progress towards outcome 1' })).toContainText('Partly achieved');
  await expect(section.getByRole('textbox', { name: 'Note on outcome 1' })).toHaveValue(
    'Follows two steps when the prompt card is on the desk.',
  );
  await expect(section.getByRole('combobox', { name: 'Progress towards outcome 2' })).toContainText('Achieved');
  await expect(section.getByRole('textbox', { name: 'What should change' })).toHaveValue(AMENDMENT);
  await expect(section.getByRole('combobox', { name: 'Recommendation to the local authority' })).toContainText('Amend the plan');
  // The section's heading at the top of the screen, below the app bar.
  await section
    .getByRole('heading', { name: 'Annual review: outcomes and recommendation' })
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -90));
  await page.screenshot({ path: `${SCREENSHOTS}/review-annual-saved.png` });

  const saved = await ok<{
    annual: { outcomes: { outcome: string; progress: string }[]; amendments: { section: string }[]; recommendation: string };
  }>('reviews.get', { id: reviewId });
  expect(saved.annual.recommendation).toBe('amend');
  expect(saved.annual.outcomes.map((o) => [o.outcome, o.progress])).toEqual([
    [OUTCOME_1, 'partly'],
    [OUTCOME_2, 'achieved'],
  ]);
  expect(saved.annual.amendments.map((a) => a.section)).toEqual(['F']);

  // The pupil's Reviews tab says what was recommended.
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=reviews`));
  await expect(page.getByTestId('review-row').first().getByTestId('review-recommendation')).toHaveText(
    'Recommended to the local authority: Amend the plan',
  );

  const pack = await ok<{ pdfBase64: string }>('reviews.pack', { reviewId });
  const dir = mkdtempSync(join(tmpdir(), 'annual-pack-'));
  try {
    writeFileSync(join(dir, 'pack.pdf'), Buffer.from(pack.pdfBase64, 'base64'));
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'pack.pdf'), '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Recommendation to the local authority Amend the plan');
    expect(text).toContain('Partly achieved');
    expect(text).toContain(AMENDMENT);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
