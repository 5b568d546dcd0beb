/**
 * Review meetings end to end, on the school register.spec.ts set up. Through the API: a synthetic pupil with a
 * parent, put on Targeted, with a 20-week plan of two GAS goals (goal 1 weighted 3). In the UI: a held plan review
 * with two attendees, the pupil's and parents' views, both goals rated (live weighted T-score, explained in plain
 * words with each goal's weight), decisions to move down to Universal
 * (medium need) and to revise the plan, and one action for the SENCo due next week. Then: the band history shows
 * Universal from the review date with the review's reason; the decision says what it changed; "Revise the plan"
 * opens the plan editor tied to the review; the dashboard's "Actions from reviews" lists the action until it is
 * marked done; the review pack downloads as a PDF of several pages. Last, a planned review with a decision is
 * refused with the message shown (in the form and by the core). A provider midpoint review shows its placement's
 * agreed extension and how it is funded. Screenshots of the form, the saved review and the dashboard card.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { formatLongDate, formatUkDate, todayIso } from '../shared/dates';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, appUrl, invokeApi, pick, typeDate, callApi, signedInPage } from './fixtures';

const PUPIL = { first: 'Robin', last: 'Reviewtest', upn: makeUpn(801, 2000, 19, 951) };
const NAME = `${PUPIL.first} ${PUPIL.last}`;
const PARENT = 'Dana Reviewtest';
const TITLE = 'Spring attention and turn-taking plan';
const GOAL_1 = 'Robin stays with a table-top task for ten minutes.';
const GOAL_2 = 'Robin waits for his turn in a group game.';
const ACTION = 'Send the updated classroom strategies to the class teacher.';
const PUPIL_VIEWS = 'I like the timer. Waiting is still hard when I know the answer.';
const OVERDUE = 'Return the home-school communication book with comments.';
const PARENT_VIEWS = 'He talks about the group at home and waits better at dinner.';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Dates follow the day the suite runs, so the review is always today and within the plan.
const TODAY = todayIso();
const PLAN_START = addDays(TODAY, -70);
const DUE = addDays(TODAY, 7);

test.describe.configure({ mode: 'serial' });

let page: Page;
let pupilId = '';
let ippId = '';
let reviewUrl = '';
let reviewId = '';
let myId = '';

function ok<T>(op: string, input: unknown): Promise<T> {
  return callApi<T>(page, op, input);
}

test.beforeAll(async ({ browser }) => {
  page = await signedInPage(browser);
  myId = (await ok<{ user: { id: string } }>('auth.me', {})).user.id;
  const created = await ok<{ id: string }>('pupils.create', {
    upn: PUPIL.upn,
    legalFirstName: PUPIL.first,
    legalLastName: PUPIL.last,
    dateOfBirth: '2017-06-14',
    yearGroup: '4',
    className: '4R',
    dateJoined: '2021-09-01',
    senStatus: 'K',
    needs: ['SEMH'],
    contacts: [{ name: PARENT, relationship: 'mother', phone: '01632 960111', email: null, parentalResponsibility: true }],
  });
  pupilId = created.id;
  await ok('bands.set', {
    pupilId,
    band: 'targeted',
    needLevel: null,
    startDate: addDays(TODAY, -80),
    plannedWeeks: 20,
    reason: 'Not settling to tasks on Universal after two terms.',
  });
  const plan = await ok<{ id: string }>('ipps.save', {
    id: null,
    baseVersion: null,
    pupilId,
    title: TITLE,
    startDate: PLAN_START,
    reviewDate: addDays(PLAN_START, 70),
    endDate: addDays(PLAN_START, 140),
    expectedOutcomes: 'Robin joins small-group work and waits for his turn with one reminder.',
    revisionReason: null,
    goals: [
      {
        key: 'attention',
        description: GOAL_1,
        ehcpOutcomeId: null,
        levels: {
          m2: 'Leaves the task within two minutes',
          m1: 'Stays for five minutes with reminders',
          expected: 'Stays for ten minutes with one reminder',
          p1: 'Stays for ten minutes without reminders',
          p2: 'Stays for fifteen minutes and finishes the task',
        },
        // Settling to work matters most this term: this goal counts three times as much in the T-score.
        weight: 3,
      },
      {
        key: 'turns',
        description: GOAL_2,
        ehcpOutcomeId: null,
        levels: {
          m2: null,
          m1: 'Waits only with an adult beside him',
          expected: 'Waits for his turn with one reminder',
          p1: null,
          p2: null,
        },
      },
    ],
    interventions: [],
  });
  ippId = plan.id;
});

test.afterAll(async () => {
  await page.close();
});

test('the Reviews tab starts empty and offers to plan or record a review', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=reviews`));
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  await expect(page.getByText('No reviews yet')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Plan a review' })).toBeVisible();
  await page.getByRole('link', { name: 'Record a review' }).click();
  await expect(page.getByRole('heading', { name: 'Record a review', level: 1 })).toBeVisible();
});

test('a held plan review is recorded with views, ratings, decisions and an action', async () => {
  await expect(page.getByRole('combobox', { name: 'Kind of review' })).toContainText('Plan review');
  await expect(page.getByRole('radio', { name: 'Held' })).toBeChecked();
  await page.getByRole('combobox', { name: 'Individual pupil plan' }).click();
  await page.getByRole('option', { name: new RegExp(`^${TITLE}`) }).click();

  // Two attendees, added by hand.
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByRole('button', { name: 'Add a person' }).click();
  const people = page.getByTestId('attendee-row');
  await expect(people).toHaveCount(2);
  await pick(page, 'Role', 'Parent or carer', people.nth(0));
  await people.nth(0).getByRole('textbox', { name: 'Name' }).fill(PARENT);
  await pick(page, 'Role', 'SENCo', people.nth(1));
  await people.nth(1).getByRole('textbox', { name: 'Name' }).fill('Alex Morgan');
  await people.nth(1).getByRole('textbox', { name: 'Organisation' }).fill('Example Primary School');
  await expect(people.nth(0).getByRole('checkbox', { name: 'Was there' })).toBeChecked();

  await page.getByRole('textbox', { name: 'Pupil’s views' }).fill(PUPIL_VIEWS);
  await page.getByRole('textbox', { name: 'Parents’ or carers’ views' }).fill(PARENT_VIEWS);
  await page
    .getByRole('textbox', { name: 'Discussion' })
    .fill('Good progress with the timer; turn-taking is improving but not yet secure.');

  // Each goal is rated on its own ladder; the T-score follows live.
  const ratings = page.getByTestId('ratings-section');
  await expect(ratings.getByTestId('goal-rating')).toHaveCount(2);
  await expect(ratings.getByTestId('goal-rating').nth(0)).toContainText('Stays for ten minutes with one reminder');
  await expect(ratings.getByTestId('goal-rating-weight')).toHaveText(['(Weight 3 in the T-score)', '(Weight 1 in the T-score)']);
  await ratings
    .getByRole('radiogroup', { name: /Rating for goal 1/ })
    .getByRole('radio', { name: /^\+1 More than expected/ })
    .check();
  // One goal: its weight cancels out, 50 + 10·1.
  await expect(page.getByTestId('live-t-score')).toContainText('60.0 from 1 rated goal');
  await ratings
    .getByRole('radiogroup', { name: /Rating for goal 2/ })
    .getByRole('radio', { name: /^0 Expected level/ })
    .check();
  // Goal 1 (weight 3) at +1, goal 2 (weight 1) at 0: T = 50 + 10·3 / √(0.7·10 + 0.3·16) = 50 + 30 / √11.8 = 58.7
  // (unweighted it would be 56.2).
  await expect(page.getByTestId('live-t-score')).toContainText('58.7 from 2 rated goals');
  // What the score means, in words a parent understands, and how the weights count.
  const words = page.getByTestId('t-score-words');
  await expect(words).toContainText(
    'A score of 50 means the goals were met as expected. Above 50, they went better than expected; below 50, not as well as expected.',
  );
  await expect(words).toContainText(
    'a goal with weight 2 counts twice as much as a goal with weight 1. In this plan: goal 1 has weight 3, goal 2 has weight 1.',
  );
  await expect(words).not.toContainText(/rho|ρ|Kiresuk/);
  await ratings.getByRole('textbox', { name: 'Note on goal 1' }).fill('Used the timer without prompting on three days out of five.');

  // Decisions: move down to Universal (medium need), and revise the plan.
  const decisions = page.getByTestId('decisions-section');
  await expect(decisions.getByTestId('current-band')).toContainText('Current band: Targeted');
  await decisions.getByRole('checkbox', { name: /Move down a band/ }).check();
  await expect(decisions.getByRole('combobox', { name: 'Move to' })).toContainText('Universal');
  await pick(page, 'Need level', 'Medium', decisions);
  await decisions.getByRole('checkbox', { name: /Revise the plan/ }).check();

  // One action, owned by the SENCo (the default owner), due next week.
  await page.getByRole('button', { name: 'Add an action' }).click();
  const action = page.getByTestId('action-row').nth(0);
  await action.getByRole('textbox', { name: 'What will be done' }).fill(ACTION);
  await expect(action.getByRole('combobox', { name: 'Who will do it' })).toContainText('Alex Morgan (SENCo)');
  await typeDate(action, 'Due by', formatUkDate(DUE));
  await expect(action.getByText('Enter a real date as dd/mm/yyyy.')).toHaveCount(0);

  await page.setViewportSize({ width: 1366, height: 3500 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/review-form.png` });
  await page.setViewportSize({ width: 1366, height: 850 });

  await page.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByTestId('review-saved')).toContainText('Review saved. Its decisions have been carried out');
  await expect(page).toHaveURL(/#\/pupils\/[^/]+\/reviews\/[^/?]+$/);
  reviewUrl = page.url();
  reviewId = reviewUrl.split('/reviews/')[1] ?? '';
  await expect(page.getByRole('heading', { name: `Plan review on ${formatLongDate(TODAY)}`, level: 1 })).toBeVisible();

  // The decisions are read-only now, each saying what it changed.
  const band = page.getByTestId('review-decision').filter({ hasText: 'Move down a band' });
  await expect(band.getByTestId('decision-outcome')).toHaveText(`Band moved to Universal (medium need) from ${formatLongDate(TODAY)}.`);
  await expect(page.getByTestId('decision-option')).toHaveCount(0);
  const revise = page.getByTestId('review-decision').filter({ hasText: 'Revise the plan' });
  await expect(revise.getByTestId('decision-outcome')).toContainText('The plan is still to be revised.');
  await expect(revise.getByRole('link', { name: 'Revise the plan' })).toBeVisible();
  // What was typed is kept.
  await expect(page.getByRole('textbox', { name: 'Pupil’s views' })).toHaveValue(PUPIL_VIEWS);
  await expect(page.getByTestId('attendee-row')).toHaveCount(2);
  await page.setViewportSize({ width: 1366, height: 3300 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/review-saved.png` });
  await page.setViewportSize({ width: 1366, height: 850 });
});

test('the band history shows Universal from the review date with the review’s reason', async () => {
  const history = await ok<{
    current: { band: string; needLevel: string | null; startDate: string; reviewId: string | null; reason: string };
  }>('bands.history', { pupilId });
  expect(history.current.band).toBe('universal');
  expect(history.current.needLevel).toBe('medium');
  expect(history.current.startDate).toBe(TODAY);
  expect(history.current.reviewId).toBe(reviewId);
  expect(history.current.reason).toContain('Decided at a review');

  await page.goto(appUrl(`#/pupils/${pupilId}?tab=band`));
  const timeline = page.getByTestId('band-timeline');
  await expect(timeline.locator('li').first()).toContainText('Universal');
  await expect(timeline.locator('li').first()).toContainText(`From ${formatLongDate(TODAY)}`);
  await expect(timeline.locator('li').first()).toContainText('Decided at a review');

  // The Reviews tab lists it with its T-score, decisions and open action.
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=reviews`));
  const row = page.getByTestId('review-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Plan review');
  await expect(row).toContainText('Held');
  await expect(row).toContainText('58.7');
  await expect(row).toContainText('Move down a band');
  await expect(row).toContainText('1 open');
});

test('"Revise the plan" opens the plan editor tied to the review', async () => {
  await page.goto(reviewUrl);
  await page.getByTestId('review-decision').filter({ hasText: 'Revise the plan' }).getByRole('link', { name: 'Revise the plan' }).click();
  await expect(page).toHaveURL(new RegExp(`/ipps/${ippId}/revise\\?review=${reviewId}`));
  await expect(page.getByTestId('review-revision-banner')).toHaveText(
    `Revising the plan as decided at the review on ${formatLongDate(TODAY)}.`,
  );
  await page.getByLabel('Reason for revising').fill('Review decided: goal 2 now expects waiting without a reminder.');
  await page.getByTestId('goal-editor').nth(1).getByLabel('0: Expected level').fill('Waits for his turn without a reminder');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByText('Plan revised: version 2 saved.')).toBeVisible();

  await page.goto(reviewUrl);
  const revise = page.getByTestId('review-decision').filter({ hasText: 'Revise the plan' });
  await expect(revise.getByTestId('decision-outcome')).toContainText('Plan revised: version 2.');
  await expect(revise.getByRole('link', { name: 'Revise the plan' })).toHaveCount(0);
});

test('the dashboard lists the action until it is marked done, and marks overdue ones in words', async () => {
  // A planned band review (through the API) with an action for someone outside school, three days overdue.
  await ok('reviews.save', {
    id: null,
    pupilId,
    kind: 'band',
    date: addDays(TODAY, 14),
    status: 'planned',
    ippId: null,
    placementId: null,
    ehcPlanId: null,
    attendees: [],
    pupilViews: null,
    parentViews: null,
    discussion: null,
    ratings: [],
    decisions: [],
    statutory: null,
    actions: [{ id: null, description: OVERDUE, ownerUserId: null, ownerName: PARENT, dueDate: addDays(TODAY, -3), doneDate: null }],
  });
  // The dashboard's count of open actions opens this list (issue 17).
  await page.goto(appUrl('#/worklist?list=actions'));
  const card = page.getByTestId('review-actions-card');
  await expect(card.getByRole('heading', { name: 'Actions from reviews' })).toBeVisible();
  const row = card.getByTestId('review-action-row').filter({ hasText: ACTION });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(NAME);
  await expect(row).toContainText('Alex Morgan');
  await expect(row).toContainText(formatLongDate(DUE));
  await expect(row.getByRole('link', { name: NAME })).toHaveAttribute('href', `#/pupils/${pupilId}?tab=reviews`);

  const late = card.getByTestId('review-action-row').filter({ hasText: OVERDUE });
  await expect(late).toContainText(PARENT);
  await expect(late.getByTestId('action-overdue')).toHaveText('3 days overdue');
  await expect(late.getByTestId('action-overdue').locator('svg')).toHaveCount(1);
  await expect(row.getByTestId('action-overdue')).toHaveCount(0);

  // "Mine only": the SENCo owns theirs, so it stays; the parent's goes.
  await card.getByLabel('Mine only').check();
  await expect(row).toHaveCount(1);
  await expect(late).toHaveCount(0);
  const mine = await ok<{ description: string }[]>('reviews.actions', { ownerUserId: myId });
  expect(mine.some((a) => a.description === ACTION)).toBe(true);
  await card.getByLabel('Mine only').uncheck();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: `${SCREENSHOTS}/review-actions-card.png` });

  await row.getByRole('button', { name: new RegExp(`^Done: ${ACTION.replace(/[.]/g, '\\.')}`) }).click();
  await expect(card.getByText(`Marked as done: ${ACTION}`)).toBeVisible();
  await expect(card.getByTestId('review-action-row').filter({ hasText: ACTION })).toHaveCount(0);
  const open = await ok<{ description: string }[]>('reviews.actions', {});
  expect(open.some((a) => a.description === ACTION)).toBe(false);
});

test('the review pack downloads as a PDF of several pages', async () => {
  await page.goto(reviewUrl);
  const button = page.getByRole('button', { name: 'Review pack (PDF)' });
  await expect(button).toBeVisible();
  const downloading = page.waitForEvent('download', { timeout: 45_000 });
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = `test-results/review-pack.pdf`;
  await download.saveAs(file);
  await expect(page.getByText(/^Review pack saved as .+\.pdf \(\d+ pages\)\.$/)).toBeVisible();
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  let pages: number;
  if (existsSync('/usr/bin/pdfinfo')) {
    const info = execFileSync('/usr/bin/pdfinfo', [file]).toString();
    pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '0');
  } else {
    pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }
  expect(pages).toBeGreaterThan(1);
  if (existsSync('/usr/bin/pdftoppm'))
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '50', '-l', '2', file, `${SCREENSHOTS}/review-pack`]);
});

test('a planned review with a decision is refused with the message shown', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=reviews`));
  await page.getByRole('link', { name: 'Plan a review' }).click();
  await expect(page.getByRole('heading', { name: 'Plan a review', level: 1 })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Planned' })).toBeChecked();
  await page.getByRole('combobox', { name: 'Individual pupil plan' }).click();
  await page.getByRole('option', { name: new RegExp(`^${TITLE}`) }).click();
  await typeDate(page, 'Date of the meeting', formatUkDate(addDays(TODAY, 21)));
  // The usual people: the pupil, the parent with parental responsibility, and the SENCo recording it.
  await page.getByRole('button', { name: 'Add the usual people' }).click();
  const people = page.getByTestId('attendee-row');
  await expect(people).toHaveCount(3);
  await expect(people.nth(0).getByRole('textbox', { name: 'Name' })).toHaveValue(NAME);
  await expect(people.nth(1).getByRole('textbox', { name: 'Name' })).toHaveValue(PARENT);
  await expect(people.nth(2).getByRole('textbox', { name: 'Name' })).toHaveValue('Alex Morgan');
  await expect(page.getByTestId('ratings-section')).toContainText('Mark the meeting as held to rate them.');

  const decisions = page.getByTestId('decisions-section');
  await expect(decisions).toContainText('Decisions are recorded once the meeting has been held.');
  await decisions.getByRole('checkbox', { name: /Continue as planned/ }).check();
  await page.getByRole('button', { name: 'Save review' }).click();
  const message = 'Decisions are recorded once the meeting has been held: mark it as held first.';
  await expect(page.getByTestId('form-summary')).toContainText(message);
  await expect(page.getByTestId('decisions-error')).toHaveText(message);
  await expect(page).toHaveURL(/\/reviews\/new/);
  // Nothing typed is lost.
  await expect(people).toHaveCount(3);
  await expect(decisions.getByRole('checkbox', { name: /Continue as planned/ })).toBeChecked();

  // The core refuses it too, with the message on the decisions.
  const refused = await invokeApi(page, 'reviews.save', {
    id: null,
    pupilId,
    kind: 'plan',
    date: addDays(TODAY, 21),
    status: 'planned',
    ippId,
    placementId: null,
    ehcPlanId: null,
    attendees: [],
    pupilViews: null,
    parentViews: null,
    discussion: null,
    ratings: [],
    decisions: [{ kind: 'continue', band: null, needLevel: null, plannedWeeks: null, note: null }],
    actions: [],
    statutory: null,
  });
  expect(refused.ok).toBe(false);
  expect(refused.error?.fields?.decisions).toBe(message);

  // Unticking the decision lets the planned review be saved.
  await decisions.getByRole('checkbox', { name: /Continue as planned/ }).uncheck();
  await page.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByTestId('review-saved')).toHaveText('Review saved.');
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=reviews`));
  await expect(page.getByTestId('review-row')).toHaveCount(3);
  await expect(page.getByTestId('review-row').first()).toContainText('Planned');
  await page.screenshot({ path: `${SCREENSHOTS}/reviews-tab.png` });
});

test('the Reviews page lists the school’s reviews, filters to upcoming ones and opens a review', async () => {
  await page.goto(appUrl('#/'));
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reviews', exact: true }).click();
  await expect(page).toHaveURL(/#\/reviews$/);
  await expect(page.getByRole('heading', { name: 'Reviews', level: 1 })).toBeVisible();
  // This school year by default; the held plan review recorded above is in it, with its score and decisions.
  await expect(page.getByRole('button', { name: /^This school year/ })).toHaveAttribute('aria-pressed', 'true');
  const rows = page.getByTestId('reviews-list-row').filter({ hasText: NAME });
  const held = rows.filter({ hasText: 'Held' });
  await expect(held).toHaveCount(1);
  await expect(held).toContainText('Year 4');
  await expect(held).toContainText('Plan review');
  await expect(held).toContainText(formatLongDate(TODAY));
  await expect(held).toContainText('58.7');
  await expect(held).toContainText('Move down a band');
  await expect(held).toContainText('None open');
  await expect(held.getByRole('link', { name: new RegExp(`^${NAME}`) })).toHaveAttribute('href', `#/pupils/${pupilId}?tab=reviews`);
  await page.screenshot({ path: `${SCREENSHOTS}/reviews-page.png` });

  // "Upcoming": planned reviews from today, soonest first; the held one goes.
  await page.getByRole('button', { name: 'Upcoming' }).click();
  await expect(page.getByRole('button', { name: 'Upcoming' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: /^Upcoming reviews/ })).toBeVisible();
  await expect(held).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Band review');
  await expect(rows.first()).toContainText(formatLongDate(addDays(TODAY, 14)));
  await expect(rows.first()).toContainText('Planned');
  await expect(page.getByRole('combobox', { name: 'Status' })).toContainText('Planned');

  // Back to the school year, and open the held review from the list with the keyboard.
  await page.getByRole('button', { name: /^This school year/ }).click();
  await expect(held).toHaveCount(1);
  await held.getByRole('link', { name: new RegExp(`^${formatLongDate(TODAY)}: Plan review for ${NAME}$`) }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(reviewUrl);
  await expect(page.getByRole('heading', { name: `Plan review on ${formatLongDate(TODAY)}`, level: 1 })).toBeVisible();
  // Back returns to the same list.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Reviews', level: 1 })).toBeVisible();
  await expect(held).toHaveCount(1);
});

test("a provider midpoint review shows the placement's agreed extension and its funding", async () => {
  const start = addDays(TODAY, -90);
  await ok('placements.save', {
    id: null,
    pupilId,
    commissioningLa: 'Example Borough Council',
    laCategory: 'inclusion',
    homeSchoolName: 'Example Primary School',
    homeSchoolUrn: null,
    startDate: start,
    staffingRatio: 'one_to_one',
    extensionStatus: 'approved',
    extensionRequestedDate: addDays(TODAY, -30),
    extensionEndDate: addDays(TODAY, 400),
    extensionFundingSource: 'Example Borough Council high-needs fund',
    extensionFundingPence: 612_345,
    extensionFundingApprovedBy: 'Sam Example, SEND manager',
    extensionFundingApprovedDate: addDays(TODAY, -7),
    closurePlan: null,
    closedDate: null,
  });
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=reviews`));
  await page.getByRole('link', { name: 'Record a review' }).click();
  await pick(page, 'Kind of review', 'Provider midpoint review');
  await page.getByRole('combobox', { name: 'Provider placement' }).click();
  await page.getByRole('option', { name: /^Example Borough Council/ }).click();
  const facts = page.getByTestId('midpoint-placement');
  await expect(facts).toContainText('Extension funding');
  await expect(facts).toContainText(
    `£6,123.45 from Example Borough Council high-needs fund, approved by Sam Example, SEND manager on ${formatLongDate(addDays(TODAY, -7))}`,
  );
  await expect(facts).toContainText(`Approved: new end ${formatLongDate(addDays(TODAY, 400))}`);
});
