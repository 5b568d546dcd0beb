/**
 * Pupil passports through the real renderer at 1366×768 (issue 18, item 3): the SENCo writes a pupil's passport on
 * the Passport tab, taking strategies from the pupil's EHC plan and individual plan, adds a photo with its
 * description, and saves a second version; a teacher finds the passport of a pupil in their class on their dashboard
 * ("Passports for my classes"), opens it and sees no cost anywhere; and cannot open the passport of a pupil outside
 * their classes (refused by the core). Own pupils and users (stamped), on the shared school.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { makeUpn } from '../shared/upn';
import { makePng } from '../electron/core/testing/images';
import { SCREENSHOTS, appUrl, invokeApi, signIn, URL_WITH_TOKEN } from './fixtures';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 768 } });

const stamp = Date.now() % 1000;
const MINE = { first: 'Maya', last: 'Passportclass', className: '3P', upn: makeUpn(805, 2100, 26, stamp) };
const OTHER = { first: 'Oscar', last: 'Passportother', className: '3Q', upn: makeUpn(805, 2100, 27, stamp) };
const TEACHER = { displayName: 'Tom Passports', username: `tom.passports.${stamp}`, password: 'a long enough password', role: 'teacher' };
const nameOf = (p: { first: string; last: string }) => `${p.first} ${p.last}`;
/** Anything that would be a cost: a pound sign, or the words for one. */
const COST = /£|\bcosts?\b|hourly rate|per hour/i;

let page: Page;
const ids: Record<'mine' | 'other', string> = { mine: '', other: '' };

test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(page);
  for (const [key, p] of [
    ['mine', MINE],
    ['other', OTHER],
  ] as const) {
    const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
      upn: p.upn,
      legalFirstName: p.first,
      legalLastName: p.last,
      dateOfBirth: '2018-03-09',
      yearGroup: '3',
      className: p.className,
      dateJoined: '2022-09-01',
      senStatus: 'E',
      needs: ['SLCN'],
      contacts: [],
    });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    ids[key] = created.value!.id;
  }
  const teacher = await invokeApi<{ id: string }>(page, 'users.create', TEACHER);
  expect(teacher.ok, JSON.stringify(teacher.error)).toBe(true);
  expect((await invokeApi(page, 'users.setClasses', { id: teacher.value!.id, classes: [MINE.className] })).ok).toBe(true);
  // Maya's plans: an EHC plan with Section F provision, and an individual plan with classroom strategies.
  const plan = await invokeApi(page, 'ehcp.create', {
    pupilId: ids.mine,
    localAuthority: 'Example Borough Council',
    ownerId: null,
    status: 'final',
    draftDate: null,
    issuedDate: '2025-12-01',
    ceasedDate: null,
    ceasedReason: null,
    content: {
      sectionA: { views: null, interests: null, aspirations: null },
      needs: [{ key: 'n1', area: 'communication_interaction', description: 'Understanding spoken language' }],
      items: [],
      outcomes: [{ key: 'o1', description: 'Follows a two-step instruction', targetDate: '2027-07-16', needKeys: ['n1'], pfaArea: null }],
      provision: [
        {
          key: 'p1',
          description: 'Speech and language therapy, individual',
          frequencyCount: 1,
          frequencyPeriod: 'week',
          sessionMinutes: 30,
          durationWeeks: 36,
          groupSize: 1,
          deliveredBy: 'Speech and language therapist',
          expertise: null,
          markedQuantified: true,
          outcomeKeys: ['o1'],
        },
      ],
      placement: { name: null, urn: null, type: null },
      personalBudget: null,
      advice: [],
    },
  });
  expect(plan.ok, JSON.stringify(plan.error)).toBe(true);
  const ipp = await invokeApi(page, 'ipps.save', {
    id: null,
    baseVersion: null,
    pupilId: ids.mine,
    title: 'Talking plan',
    startDate: '2026-09-07',
    reviewDate: '2026-12-14',
    endDate: '2027-03-29',
    expectedOutcomes: null,
    revisionReason: null,
    goals: [
      {
        key: 'g1',
        description: 'Asks for help in class',
        ehcpOutcomeId: null,
        levels: { m2: null, m1: null, expected: 'Asks twice a day', p1: null, p2: null },
      },
    ],
    interventions: [
      {
        discipline: 'speech_language',
        description: 'Narrative group',
        frequencyCount: 1,
        frequencyPeriod: 'week',
        sessionMinutes: 30,
        durationWeeks: 20,
        groupSize: 3,
        staffingRatio: 'small_group',
        deliveredBy: 'SLT',
        classroomStrategies: 'Visual timetable on the desk\nGive thinking time',
      },
    ],
  });
  expect(ipp.ok, JSON.stringify(ipp.error)).toBe(true);
  // Oscar, in another class, has a passport too (written through the API).
  const other = await invokeApi(page, 'passports.save', {
    pupilId: ids.other,
    baseVersion: null,
    aboutMe: 'Oscar likes maps.',
    goodAt: null,
    findHard: null,
    helpsMe: 'Quiet corner',
    doesNotHelp: null,
    strategies: [],
    pupilWords: null,
    writtenWith: null,
    photo: { kind: 'none' },
  });
  expect(other.ok, JSON.stringify(other.error)).toBe(true);
});

test.afterAll(async () => page?.close());

test('the SENCo writes a passport with strategies from the plans, a photo, and saves a second version', async () => {
  await page.goto(appUrl(`#/pupils/${ids.mine}?tab=passport`));
  const tab = page.getByTestId('passport-tab');
  await expect(tab.getByText('No passport yet')).toBeVisible();
  await tab.getByRole('button', { name: 'Write a passport' }).click();
  const editor = page.getByTestId('passport-editor');
  await editor.getByLabel('About me').fill('I am Maya. I love horses and drawing.');
  await editor.getByLabel('What I am good at').fill('Drawing, and helping my friends.');
  await editor.getByLabel('What I find hard').fill('Long instructions and noisy rooms.');
  await editor.getByLabel('What helps me').fill('Pictures, and time to think.');
  await editor.getByLabel('What does not help me').fill('Being rushed.');
  await editor.getByLabel('In the pupil’s own words').fill('I know the answer, I just need more time.');
  await editor.getByLabel('Written with').fill('Maya and her dad');

  await editor.getByTestId('passport-suggest').click();
  const dialog = page.getByRole('dialog', { name: `Strategies from ${nameOf(MINE)}’s plans` });
  await expect(dialog.getByText('Speech and language therapy, individual (Speech and language therapist)')).toBeVisible();
  await expect(dialog.getByText('EHC plan, Section F')).toBeVisible();
  await expect(dialog.getByText('Visual timetable on the desk')).toBeVisible();
  await expect(dialog.getByText('Individual plan “Talking plan”').first()).toBeVisible();
  // Not the therapy itself: that is the plan's provision, not a classroom strategy.
  await dialog.getByRole('checkbox', { name: /Speech and language therapy, individual/ }).uncheck();
  await page.screenshot({ path: `${SCREENSHOTS}/passport-suggestions.png` });
  await dialog.getByRole('button', { name: 'Add the ones ticked' }).click();
  await expect(editor.getByRole('textbox', { name: 'Strategy 1', exact: true })).toHaveValue('Visual timetable on the desk');
  await expect(editor.getByRole('textbox', { name: 'Strategy 2', exact: true })).toHaveValue('Give thinking time');
  await expect(editor.getByRole('textbox', { name: 'Strategy 3', exact: true })).toHaveValue('Target: Asks for help in class');
  // A strategy of the SENCo's own, and the third changed.
  await editor.getByRole('button', { name: 'Add a strategy' }).click();
  await editor.getByRole('textbox', { name: 'Strategy 4', exact: true }).fill('Check understanding by asking me to say it back');
  await editor.getByRole('textbox', { name: 'Strategy 3', exact: true }).fill('Ask me if I need help: I find it hard to ask');

  await editor.getByTestId('passport-photo-input').setInputFiles({ name: 'maya.png', mimeType: 'image/png', buffer: makePng(96) });
  await editor.getByTestId('passport-save').click();
  await expect(editor.getByText('Describe the photo, so that someone who cannot see it knows what it shows.')).toBeVisible();
  await editor.getByLabel(/Describe the photo/).fill('Maya smiling');
  await page.screenshot({ path: `${SCREENSHOTS}/passport-editor.png`, fullPage: true });
  await editor.getByTestId('passport-save').click();

  await expect(page.getByText('Saved version 1 of the passport.')).toBeVisible();
  const card = page.getByTestId('passport-card');
  await expect(card).toContainText('I know the answer, I just need more time.');
  await expect(card.getByTestId('passport-strategies')).toContainText('Ask me if I need help: I find it hard to ask');
  await expect(card.getByTestId('passport-strategies')).toContainText('From an individual plan');
  await expect(card.getByRole('img', { name: 'Maya smiling' })).toBeVisible();

  // The second version: what helps changes, the photo is kept.
  await card.getByTestId('passport-edit').click();
  await page.getByTestId('passport-editor').getByLabel('What helps me').fill('Pictures, time to think, and a quiet corner.');
  await page.getByTestId('passport-save').click();
  await expect(page.getByText('Saved version 2 of the passport.')).toBeVisible();
  await expect(page.getByTestId('passport-card')).toContainText('a quiet corner');
  await expect(page.getByTestId('passport-card').getByRole('img', { name: 'Maya smiling' })).toBeVisible();
  const versions = page.getByTestId('passport-versions');
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions).toContainText('Version 2');
  await expect(versions).toContainText('(current)');
  await page.screenshot({ path: `${SCREENSHOTS}/passport-senco.png` });

  // The first version is kept as it was.
  await versions.getByRole('button', { name: /Open: Version 1/ }).click();
  await expect(page.getByText(/You are looking at version 1/)).toBeVisible();
  await expect(page.getByTestId('passport-card')).not.toContainText('a quiet corner');
  await page.getByRole('button', { name: 'Back to the current version' }).click();
  await expect(page.getByTestId('passport-card')).toContainText('a quiet corner');

  // The staff copy downloads as a PDF.
  const download = page.waitForEvent('download');
  await page.getByTestId('passport-print-staff').click();
  expect((await download).suggestedFilename()).toBe(`pupil-passport-Maya-Passportclass-v2.pdf`);
});

test('a teacher sees the passport of a pupil in their class on the dashboard, opens it, and sees no cost', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const tp = await context.newPage();
  try {
    await tp.goto(URL_WITH_TOKEN);
    await tp.getByLabel('Username').fill(TEACHER.username);
    await tp.getByLabel('Password').fill(TEACHER.password);
    await tp.getByRole('button', { name: 'Sign in' }).click();
    await expect(tp.getByTestId('signed-in-user')).toContainText(TEACHER.displayName);
    const card = tp.getByTestId('passports-card');
    await expect(card.getByRole('heading', { name: 'Passports for my classes' })).toBeVisible();
    await expect(card).toContainText(nameOf(MINE));
    await expect(card).toContainText('What helps me: Pictures, time to think, and a quiet corner.');
    await expect(card).not.toContainText(nameOf(OTHER));
    await card.scrollIntoViewIfNeeded();
    await tp.screenshot({ path: `${SCREENSHOTS}/passport-teacher-dashboard.png` });
    expect(await tp.locator('body').innerText()).not.toMatch(COST);

    await card.getByRole('link', { name: `Open ${nameOf(MINE)}’s passport` }).click();
    const passport = tp.getByTestId('passport-card');
    await expect(passport).toContainText('I know the answer, I just need more time.');
    await expect(passport).toContainText('Ask me if I need help: I find it hard to ask');
    // Teachers read passports; they do not write them.
    await expect(passport.getByTestId('passport-edit')).toHaveCount(0);
    await tp.screenshot({ path: `${SCREENSHOTS}/passport-teacher.png` });
    expect(await tp.locator('body').innerText()).not.toMatch(COST);
    // Nor in what the core sends.
    const raw = await invokeApi(tp, 'passports.get', { pupilId: ids.mine });
    expect(raw.ok).toBe(true);
    expect(JSON.stringify(raw)).not.toMatch(COST);
  } finally {
    await context.close();
  }
});

test('a teacher cannot open the passport of a pupil outside their classes', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const tp = await context.newPage();
  try {
    await tp.goto(URL_WITH_TOKEN);
    await tp.getByLabel('Username').fill(TEACHER.username);
    await tp.getByLabel('Password').fill(TEACHER.password);
    await tp.getByRole('button', { name: 'Sign in' }).click();
    await expect(tp.getByTestId('signed-in-user')).toContainText(TEACHER.displayName);
    await tp.goto(appUrl(`#/pupils/${ids.other}?tab=passport`));
    const refused = tp.getByTestId('pupil-refused');
    await expect(refused.getByRole('heading', { name: 'This pupil’s record is not open to you' })).toBeVisible();
    await expect(refused).not.toContainText(nameOf(OTHER));
    await expect(tp.getByText('Oscar likes maps.')).toHaveCount(0);
    await tp.screenshot({ path: `${SCREENSHOTS}/passport-teacher-refused.png` });
    // Asked directly, the core refuses too, and says why without naming the pupil.
    const direct = await invokeApi(tp, 'passports.get', { pupilId: ids.other });
    expect(direct.ok).toBe(false);
    expect(direct.error?.message).toMatch(/class/);
    expect(JSON.stringify(direct)).not.toMatch(/Oscar|maps/);
    const pdf = await invokeApi(tp, 'passports.pdf', { pupilId: ids.other });
    expect(pdf.ok).toBe(false);
  } finally {
    await context.close();
  }
});
