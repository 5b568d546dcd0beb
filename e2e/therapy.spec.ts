/**
 * Therapy referrals, assessments, bands and the caseload end to end, on the school register.spec.ts set up. A
 * synthetic pupil is added through the API; then, in the UI, the pupil is referred for speech and language therapy
 * with consent given, the referral is accepted and its assessment booked, the initial assessment is recorded with
 * TOMs ratings (a score off the half-point scale is refused beside its field) and the referral shows "assessed";
 * a Targeted band of 40 weeks is refused beside the field (the server refuses it too), 20 weeks is saved and the
 * timeline shows it; the caseload's distribution counts the pupil on Targeted. A second pupil, on Specific without
 * progress and without an EHC plan, is flagged with the rule in the code's words and pointed to a request for an EHC
 * needs assessment. Screenshots of the referrals page, the Band tab and the caseload page.
 */
import { expect, test, type Page } from '@playwright/test';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, appUrl, invokeApi, pick, typeDate, signedInPage } from './fixtures';

const PUPIL = { first: 'Rowan', last: 'Therapytest', upn: makeUpn(801, 2000, 16, 501) };
const NAME = `${PUPIL.first} ${PUPIL.last}`;
const WEEKS_MESSAGE = 'A Targeted plan lasts 12 to 36 weeks (therapy policy, section 6).';

test.describe.configure({ mode: 'serial' });

let page: Page;
let pupilId = '';
let targetedBefore = 0;

function todayUk(): string {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

function referralRow() {
  return page.getByTestId('referrals-table').getByRole('row').filter({ hasText: NAME });
}

test.beforeAll(async ({ browser }) => {
  page = await signedInPage(browser);
  const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
    upn: PUPIL.upn,
    legalFirstName: PUPIL.first,
    legalLastName: PUPIL.last,
    dateOfBirth: '2016-05-19',
    yearGroup: '5',
    className: '5R',
    dateJoined: '2022-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [],
  });
  expect(created.ok, created.error?.message).toBe(true);
  pupilId = created.value?.id ?? '';
  const dist = await invokeApi<{ bands: { band: string; count: number }[] }>(page, 'bands.distribution', {});
  expect(dist.ok, dist.error?.message).toBe(true);
  targetedBefore = dist.value?.bands.find((b) => b.band === 'targeted')?.count ?? 0;
});

test.afterAll(async () => {
  await page.close();
});

test('the pupil is referred for speech and language therapy with consent given', async () => {
  await page.goto(appUrl('#/referrals'));
  await expect(page.getByRole('heading', { name: 'Referrals', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New referral' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New referral' });
  await expect(dialog).toBeVisible();

  // Nothing filled in: the shared schema's messages appear beside the fields, and nothing is sent.
  await dialog.getByRole('button', { name: 'Make referral' }).click();
  await expect(dialog.getByText('Choose the pupil this referral is for.')).toBeVisible();

  await dialog.getByRole('combobox', { name: 'Pupil' }).fill(PUPIL.last);
  await page.getByRole('option', { name: new RegExp(NAME) }).click();
  await pick(page, 'Discipline', 'Speech and language therapy', dialog);
  await dialog.getByLabel('Reason for referral').fill('Finds it hard to follow two-part instructions in class; EHC plan outcome 1.');
  await pick(page, 'Parental consent', 'Given', dialog);
  await page.screenshot({ path: `${SCREENSHOTS}/therapy-referral-form.png` });
  await dialog.getByLabel('Given or refused by').fill('Sam Therapytest (parent)');
  await typeDate(dialog, 'Consent date', todayUk());
  await dialog.getByRole('button', { name: 'Make referral' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByText(`Referral made for ${NAME}.`)).toBeVisible();
  await expect(referralRow()).toContainText('Speech and language therapy');
  await expect(referralRow()).toContainText('Consent given');
  await expect(referralRow().getByTestId('referral-state')).toHaveText('Received');
  // The initial assessment is due six weeks after the referral (policy 5).
  await expect(referralRow()).toContainText('Due');
});

test('the referral is accepted and its assessment booked, offering only the allowed moves', async () => {
  await expect(referralRow().getByRole('button', { name: `Close: ${NAME}` })).toHaveCount(0);
  await referralRow()
    .getByRole('button', { name: `Accept: ${NAME}` })
    .click();
  let dialog = page.getByRole('dialog', { name: 'Accept the referral' });
  await dialog.getByRole('button', { name: 'Accept referral' }).click();
  await expect(dialog).toBeHidden();
  await expect(referralRow().getByTestId('referral-state')).toHaveText('Accepted');

  await referralRow()
    .getByRole('button', { name: `Book assessment: ${NAME}` })
    .click();
  dialog = page.getByRole('dialog', { name: 'Book the initial assessment' });
  await dialog.getByLabel('Note (optional)').fill('Booked with the speech and language therapist.');
  await dialog.getByRole('button', { name: 'Book assessment' }).click();
  await expect(dialog).toBeHidden();
  await expect(referralRow().getByTestId('referral-state')).toHaveText('Assessment booked');
});

test('recording the initial assessment with TOMs ratings marks the referral assessed', async () => {
  await referralRow()
    .getByRole('button', { name: `Record assessment: ${NAME}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Record an assessment' });
  await expect(dialog.getByText('Saving this initial assessment marks the referral as assessed.')).toBeVisible();
  await pick(page, 'Need level', 'Medium', dialog);
  await dialog.getByRole('button', { name: 'Add TOMs scores' }).click();
  await expect(dialog.getByText('0 to 5, in half points').first()).toBeVisible();
  await dialog.getByLabel('Impairment').fill('3');
  await dialog.getByLabel('Activity').fill('2.3');
  await dialog.getByLabel('Participation').fill('3');
  await dialog.getByLabel('Wellbeing').fill('3.5');
  await dialog.getByRole('button', { name: 'Save assessment' }).click();
  // A rating off the half-point scale is refused beside its field, and what was typed stays.
  await expect(dialog.getByText('This score is not a whole step of its scale')).toBeVisible();
  await expect(dialog.getByLabel('Impairment')).toHaveValue('3');
  await page.screenshot({ path: `${SCREENSHOTS}/therapy-assessment-form.png` });
  await dialog.getByLabel('Activity').fill('2.5');
  await dialog.getByRole('button', { name: 'Save assessment' }).click();
  await expect(dialog).toBeHidden();

  await expect(referralRow().getByTestId('referral-state')).toHaveText('Assessed');
  await expect(referralRow()).toContainText('Within six weeks of referral');
  await expect(referralRow().getByRole('button', { name: `Close: ${NAME}` })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/therapy-referrals.png`, fullPage: true });

  // The drawer tells the referral's story.
  await referralRow()
    .getByRole('button', { name: /^Details of/ })
    .click();
  const drawer = page.getByRole('dialog', { name: 'Speech and language therapy' });
  await expect(drawer.getByText('From assessment booked to assessed')).toBeVisible();
  await expect(drawer.getByText('Booked with the speech and language therapist.')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/therapy-referral-drawer.png` });
  await drawer.getByRole('button', { name: 'Close referral details' }).click();
});

test('the profile lists the referral and the assessment with its scores', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=referrals`));
  await expect(page.getByRole('tab', { name: 'Referrals and assessments' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('referral-state')).toHaveText('Assessed');
  const assessments = page.getByTestId('assessments-table');
  await expect(assessments).toContainText('Initial');
  await expect(assessments).toContainText('Medium');
  await expect(assessments).toContainText('TOMs: Impairment 3 · Activity 2.5 · Participation 3 · Wellbeing 3.5');
  await page.screenshot({ path: `${SCREENSHOTS}/therapy-profile-referrals.png`, fullPage: true });
});

test('Targeted for 40 weeks is refused beside the field; 20 weeks is saved and shows on the timeline', async () => {
  // The core refuses it whatever the screen does.
  const refused = await invokeApi(page, 'bands.set', {
    pupilId,
    band: 'targeted',
    needLevel: null,
    startDate: '2026-01-05',
    plannedWeeks: 40,
    reason: 'Check',
  });
  expect(refused.ok).toBe(false);
  expect(refused.error?.fields?.plannedWeeks).toBe(WEEKS_MESSAGE);

  await page.getByRole('tab', { name: 'Band' }).click();
  await expect(page.getByText('No band set yet')).toBeVisible();
  await page.getByRole('button', { name: 'Set band' }).click();
  const dialog = page.getByRole('dialog', { name: `Change band for ${NAME}` });
  await dialog.getByRole('radio', { name: /^Targeted/ }).check();
  await dialog.getByLabel('Planned weeks').fill('40');
  await dialog.getByLabel('Reason for the change').fill('Not making enough progress on Universal after the initial assessment.');
  await dialog.getByRole('button', { name: 'Save band' }).click();
  const weeks = dialog.getByLabel('Planned weeks');
  await expect(weeks).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(WEEKS_MESSAGE)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/therapy-band-refused.png` });
  await weeks.fill('20');
  await dialog.getByRole('button', { name: 'Save band' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByText('Band saved.')).toBeVisible();
  await expect(page.getByTestId('band-chip').first()).toContainText('Targeted');
  const timeline = page.getByTestId('band-timeline');
  await expect(timeline).toContainText('Targeted');
  await expect(timeline).toContainText('20 weeks');
  await expect(timeline).toContainText('Not making enough progress on Universal after the initial assessment.');
  await page.screenshot({ path: `${SCREENSHOTS}/therapy-band.png`, fullPage: true });
});

test('the caseload page counts the pupil on Targeted and links to the profile', async () => {
  await page.getByRole('link', { name: 'Plans' }).click();
  await expect(page.getByRole('heading', { name: 'Plans and caseload', level: 1 })).toBeVisible();
  await expect(page.getByTestId('distribution-targeted-count')).toHaveText(String(targetedBefore + 1));
  const table = page.getByTestId('caseload-table');
  await expect(table.getByRole('row').filter({ hasText: NAME })).toContainText('Targeted');
  await expect(table.getByRole('row').filter({ hasText: NAME })).toContainText('Speech and language therapy');
  await page.screenshot({ path: `${SCREENSHOTS}/therapy-caseload.png`, fullPage: true });

  await page.getByRole('combobox', { name: 'Band' }).click();
  await page.getByRole('option', { name: 'Specific', exact: true }).click();
  await expect(table.or(page.getByText('No pupils match'))).toBeVisible();
  await expect(page.getByText(NAME)).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Band' }).click();
  await page.getByRole('option', { name: 'Targeted', exact: true }).click();
  await page.getByRole('link', { name: NAME }).click();
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Band' })).toHaveAttribute('aria-selected', 'true');
});

test('a pupil on Specific without progress and without an EHC plan is pointed to a needs assessment', async () => {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const other = await invokeApi<{ id: string }>(page, 'pupils.create', {
    upn: makeUpn(801, 2000, 16, 502),
    legalFirstName: 'Sasha',
    legalLastName: 'Flagtest',
    dateOfBirth: '2016-03-02',
    yearGroup: '5',
    className: '5R',
    dateJoined: '2022-09-01',
    senStatus: 'K',
    needs: ['SEMH'],
    contacts: [],
  });
  expect(other.ok, other.error?.message).toBe(true);
  const id = other.value?.id ?? '';
  const ok = async (op: string, input: unknown) => {
    const r = await invokeApi<{ id: string }>(page, op, input);
    expect(r.ok, `${op}: ${r.error?.message ?? ''}`).toBe(true);
    return r.value!;
  };
  await ok('bands.set', {
    pupilId: id,
    band: 'specific',
    needLevel: 'high',
    startDate: day(-120),
    plannedWeeks: null,
    reason: 'No progress on Targeted.',
  });
  const plan = await ok('ipps.save', {
    id: null,
    baseVersion: null,
    pupilId: id,
    title: 'Regulation plan',
    startDate: day(-120),
    reviewDate: day(-60),
    endDate: day(60),
    expectedOutcomes: null,
    revisionReason: null,
    goals: [
      {
        key: 'calm',
        description: 'Uses a calm-down strategy',
        ehcpOutcomeId: null,
        levels: { m2: null, m1: null, expected: 'With one prompt', p1: null, p2: null },
      },
    ],
    interventions: [],
  });
  for (const [date, rating] of [
    [day(-60), -1],
    [day(-10), -2],
  ] as const) {
    await ok('ipps.review', { ippId: plan.id, date, note: null, ratings: [{ goalKey: 'calm', rating, note: null }] });
  }
  await page.goto(appUrl(`#/pupils/${id}?tab=band`));
  const flag = page.getByTestId('band-flag');
  await expect(flag).toContainText('No progress on Specific');
  // The words say the rule the code applies, and the next step fits a pupil with no EHC plan.
  await expect(flag).toContainText('Flagged when the pupil is on Specific, has had at least two plan reviews since the band began');
  await expect(flag.getByTestId('band-flag-step')).toHaveText(
    'The pupil has no EHC plan: gather the evidence and request an EHC needs assessment from the local authority.',
  );
  await expect(flag).not.toContainText('last two reviews');
  await page.getByRole('link', { name: 'Plans' }).click();
  const item = page
    .locator('li')
    .filter({ hasText: 'Sasha Flagtest' })
    .filter({ has: page.getByTestId('flag-next-step') });
  await expect(item.getByTestId('flag-next-step')).toHaveText('Request an EHC needs assessment');
});
