import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpn } from '../../shared/upn';
import type { ClockItemView } from '../../shared/contract';
import { todayIso } from '../../shared/dates';
import { openCoreAt } from '../core/core';
import { planContent, pupilInput } from '../core/testing/harness';
import { cliSystemActor } from './io';
import { AS_INIT_SENCO, INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

interface ClocksJson {
  ok: true;
  today: string;
  counts: { overdue: number; due_this_week: number; upcoming: number; done: number };
  items: ClockItemView[];
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * One pupil (aged 6 then: under-5s are reviewed every 6 months) whose plan was issued on Wednesday 15 January 2020
 * and never reviewed (annual review due Friday
 * 15 January 2021, overdue whatever today is), and one whose plan is issued 40 days from today (due in over a
 * year: upcoming), with another local authority.
 */
describe('senco-desk clocks', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  const future = addDays(todayIso(), 40);
  /** The transfer is two calendar years on: its deadline (15 February) is always ahead. */
  const transferYear = Number(todayIso().slice(0, 4)) + 2;
  const transferDeadline = `${transferYear}-02-15`;
  /** Issued the August before the deadline's school year: the usual review date (next August) is after the deadline. */
  const transferIssued = `${transferYear - 1}-08-14`;
  /** 12 weeks (the amended plan) before the deadline, moved off a weekend (no term dates are entered here). */
  const latestReview = weekdayOnOrBefore(addDays(transferDeadline, -84));
  beforeAll(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    expect((await cli([...INIT_ARGS, '--data', data], { env: { SENCO_PASSWORD: PASSWORD } })).code).toBe(0);
    const core = await openCoreAt(data, {});
    try {
      const actor = cliSystemActor({ USER: 'tester' });
      const add = async (n: number, name: string, issuedDate: string, la: string) => {
        const p = await core.dispatcher.invokeAs(
          actor,
          'pupils.create',
          pupilInput({
            upn: makeUpn(999, 4001, 19, n),
            legalFirstName: name,
            dateOfBirth: '2013-10-10',
            yearGroup: '8',
            className: '8A',
            senStatus: 'E',
          }),
        );
        if (!p.ok) throw new Error(p.error.message);
        const plan = await core.dispatcher.invokeAs(actor, 'ehcp.create', {
          pupilId: p.value.id,
          localAuthority: la,
          ownerId: null,
          status: 'final',
          draftDate: null,
          issuedDate,
          ceasedDate: null,
          ceasedReason: null,
          content: planContent(),
        });
        if (!plan.ok) throw new Error(plan.error.message);
        return p.value.id;
      };
      await add(1, 'Olwen', '2020-01-15', 'Exampleshire');
      await add(2, 'Fenna', future, 'Northwold (fictional)');
      // A pupil in Year 8 of a middle school moving to secondary school in two Septembers' time: the transfer the
      // SENCo recorded (not the year group) gives the 15 February deadline and brings that year's review forward.
      const moving = await add(3, 'Tomasz', transferIssued, 'Exampleshire');
      const tr = await core.dispatcher.invokeAs(actor, 'ehcp.transfer.record', {
        pupilId: moving,
        kind: 'middle_to_secondary',
        transferDate: `${transferYear}-09-01`,
        nextSetting: 'Eastmere High School (fictional)',
      });
      if (!tr.ok) throw new Error(tr.error.message);
    } finally {
      await core.close();
    }
  });
  afterAll(() => tmp.remove());

  const json = async (...args: string[]) => {
    const r = await cli(['clocks', '--data', data, '--json', ...args], { env: AS_INIT_SENCO });
    return { code: r.code, doc: JSON.parse(r.stdout) as ClocksJson, stderr: r.stderr };
  };

  it('lists the overdue annual review with its due date, and the upcoming one, as JSON', async () => {
    const { code, doc } = await json();
    expect(code).toBe(0);
    expect(doc.today).toBe(todayIso());
    expect(doc.counts).toEqual({ overdue: 1, due_this_week: 0, upcoming: 3, done: 0 });
    // Sorted by due date (which of Fenna's and Tomasz's reviews comes first depends on today).
    expect(doc.items.map((i) => i.dueDate)).toEqual(doc.items.map((i) => i.dueDate).sort());
    expect(doc.items.map((i) => [i.key, i.pupilName, i.dueDate, i.state, i.localAuthority]).sort()).toEqual([
      ['annual_review', 'Fenna Testington', anniversaryOnWeekday(future), 'upcoming', 'Northwold (fictional)'],
      ['annual_review', 'Olwen Testington', '2021-01-15', 'overdue', 'Exampleshire'],
      ['annual_review', 'Tomasz Testington', latestReview, 'upcoming', 'Exampleshire'],
      ['phase_transfer', 'Tomasz Testington', transferDeadline, 'upcoming', 'Exampleshire'],
    ]);
    // Items are exactly what clocks.list returns: every field, with the owner's name.
    expect(Object.keys(doc.items[0]!).sort()).toEqual(
      [
        'adjustedFrom',
        'adjustedReason',
        'calendarGap',
        'className',
        'doneDate',
        'dueDate',
        'fromDate',
        'id',
        'key',
        'localAuthority',
        'ownerId',
        'ownerName',
        'pupilId',
        'pupilName',
        'recordId',
        'recordType',
        'state',
        'supersededBy',
        'transfer',
        'yearGroup',
      ].sort(),
    );
    expect(doc.items.find((i) => i.key === 'annual_review' && i.pupilName.startsWith('Tomasz'))).toMatchObject({
      adjustedFrom: weekdayOnOrBefore(`${transferYear}-08-14`),
      adjustedReason: 'phase_transfer',
      transfer: {
        kind: 'middle_to_secondary',
        transferDate: `${transferYear}-09-01`,
        nextSetting: 'Eastmere High School (fictional)',
        deadline: transferDeadline,
      },
    });
    expect(doc.items[0]).toMatchObject({ fromDate: '2020-01-15', recordType: 'plan', yearGroup: '8', ownerName: null });
  });

  it('filters by --state, --la (any case, start of the name) and --year', async () => {
    const overdue = await json('--state', 'overdue');
    expect(overdue.doc.items.map((i) => i.pupilName)).toEqual(['Olwen Testington']);
    expect(overdue.doc.counts.upcoming).toBe(3); // counts cover every state
    expect((await json('--state', 'upcoming,due_this_week')).doc.items.map((i) => i.pupilName).sort()).toEqual([
      'Fenna Testington',
      'Tomasz Testington',
      'Tomasz Testington',
    ]);
    const north = await json('--la', 'northwold');
    expect(north.doc.items.map((i) => i.localAuthority)).toEqual(['Northwold (fictional)']);
    expect(north.doc.counts).toMatchObject({ overdue: 0, upcoming: 1 });
    expect((await json('--year', '9')).doc.items).toEqual([]);
    expect((await json('--year', 'Y8')).doc.items).toHaveLength(4);
    expect((await json('--year', 'X')).doc.items).toEqual([]);

    const badState = await cli(['clocks', '--data', data, '--state', 'late'], { env: AS_INIT_SENCO });
    expect(badState.code).toBe(2);
    expect(badState.stderr).toMatch(/"late" is not a state\. Use one or more of overdue, due_this_week, upcoming, done/);
    const badLa = await cli(['clocks', '--data', data, '--la', 'Southshire'], { env: AS_INIT_SENCO });
    expect(badLa.code).toBe(2);
    expect(badLa.stderr).toMatch(/Those on record: "Exampleshire", "Northwold \(fictional\)"/);
  });

  it('exits 1 with --fail-on-overdue when something is overdue, 0 when nothing is', async () => {
    const fail = await cli(['clocks', '--data', data, '--fail-on-overdue', '--json'], { env: AS_INIT_SENCO });
    expect(fail.code).toBe(1);
    expect(JSON.parse(fail.stdout)).toMatchObject({ ok: true, counts: { overdue: 1 } });
    expect(fail.stderr).toBe('senco-desk: 1 item is overdue.\n');
    expect((await cli(['clocks', '--data', data, '--fail-on-overdue', '--la', 'Northwold'], { env: AS_INIT_SENCO })).code).toBe(0);
    expect((await cli(['clocks', '--data', data], { env: AS_INIT_SENCO })).code).toBe(0);
  });

  it("prints a header with the counts, then a table with dates as dd/mm/yyyy and the clock's name", async () => {
    const r = await cli(['clocks', '--data', data], { env: AS_INIT_SENCO });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Clocks on \d\d\/\d\d\/\d{4}: 1 overdue, 0 due this week, 3 upcoming\.$/);
    expect(lines[2]).toMatch(/^State +Due +When +Clock +Pupil +Year +LA +Owner +Note$/);
    const row = lines.find((l) => l.includes('Olwen'))!;
    expect(row).toMatch(/^Overdue +15\/01\/2021 +\d+ days overdue +Annual review meeting +Olwen Testington +Year 8 +Exampleshire$/);
    // The transfer, and the review brought forward for it, say so.
    const long = (iso: string) =>
      new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const transferRow = lines.find((l) => l.includes('Phase transfer: new school named'))!;
    expect(transferRow).toContain(
      `Middle to secondary school on 1 September ${transferYear} (Eastmere High School (fictional)): the plan names the next school by 15 February ${transferYear}`,
    );
    const reviewRow = lines.find((l) => l.includes('Tomasz') && l.includes('Annual review meeting'))!;
    expect(reviewRow).toContain(
      `Brought forward from ${long(weekdayOnOrBefore(`${transferYear}-08-14`))} for the phase transfer (middle to secondary school on 1 September ${transferYear})`,
    );
    expect(lines.at(-2)).toBe('4 items.');
    // Without notes to show, there is no Note column.
    const plain = (await cli(['clocks', '--data', data, '--state', 'overdue'], { env: AS_INIT_SENCO })).stdout.split('\n');
    expect(plain[2]).toMatch(/^State +Due +When +Clock +Pupil +Year +LA +Owner$/);

    const none = await cli(['clocks', '--data', data, '--state', 'done'], { env: AS_INIT_SENCO });
    expect(none.stdout).toMatch(/Nothing to show \(showing: done\)\./);
    const help = await cli(['clocks', '--help']);
    expect(help.stdout).toMatch(/--fail-on-overdue/);
    expect(help.stdout).toMatch(/Exit status: 0 listed \(also when items are overdue, unless --fail-on-overdue\)/);
  });

  it('says the folder is not set up (exit 1)', async () => {
    const r = await cli(['clocks', '--data', join(tmp.dir, 'nothing-here')], { env: AS_INIT_SENCO });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds no SENCo Desk school yet/);
  });
});

/** 12 months after `iso` (29 February → 28 February), moved back to the Friday when it is a weekend (no term dates entered). */
function anniversaryOnWeekday(iso: string): string {
  let d = `${Number(iso.slice(0, 4)) + 1}${iso.slice(4)}`;
  if (d.endsWith('-02-29')) d = d.replace('-02-29', '-02-28');
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, -1);
  return d;
}

/** The Friday before a Saturday or Sunday; any other day as it is. */
function weekdayOnOrBefore(iso: string): string {
  let d = iso;
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, -1);
  return d;
}
