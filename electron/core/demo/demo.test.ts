import { afterEach, describe, expect, it } from 'vitest';
import { pupilCreateInput } from '../../../shared/contract';
import { checkUpn } from '../../../shared/upn';
import { AuditEventEntity, PupilEntity, UserEntity } from '../db/entities';
import { verifyAuditChain } from '../audit';
import { openTestCore, SYSTEM, testDrivers, type TestCore } from '../testing/harness';
import { DEMO_PASSWORD, DEMO_SPECS, demoTerms, generateDemo, loadDemo } from '.';
import { createRng } from './prng';

const current = (d: ReturnType<typeof generateDemo>) => d.pupils.filter((p) => p.dateLeft === null);
const statusOf = (p: ReturnType<typeof generateDemo>['pupils'][number]) => p.senHistory.at(-1)!.status;

describe('demo data generator', () => {
  it('is deterministic: the same size and year give the same data, another year different data', () => {
    const a = generateDemo('small');
    const b = generateDemo('small');
    expect(b).toEqual(a);
    const other = generateDemo('small', '2027/28');
    expect(other.pupils.map((p) => p.upn)).not.toEqual(a.pupils.map((p) => p.upn));
    expect(createRng('x').next()).toBe(createRng('x').next());
  });

  it.each(['small', 'school', 'trust'] as const)('%s: has the counts of its size, valid and unique UPNs, and rows the app would accept', (size) => {
    const d = generateDemo(size);
    const spec = DEMO_SPECS[size];
    const now = current(d);
    expect(now).toHaveLength(spec.units * spec.pupilsPerUnit);
    expect(d.pupils.length - now.length).toBe(spec.units * spec.formersPerUnit);
    expect(now.filter((p) => statusOf(p) === 'E')).toHaveLength(spec.units * spec.ehcpPerUnit);
    expect(now.filter((p) => statusOf(p) === 'K')).toHaveLength(spec.units * spec.senSupportPerUnit);
    expect(d.staff).toHaveLength(spec.units * (spec.staff === 'full' ? 12 : 3));
    expect(new Set(d.staff.map((s) => s.username)).size).toBe(d.staff.length);
    expect(new Set(d.pupils.map((p) => p.upn)).size).toBe(d.pupils.length);
    expect(new Set(d.pupils.map((p) => p.id)).size).toBe(d.pupils.length);
    if (size === 'trust') return; // the same generator as school, five times: the per-row checks below are enough there
    for (const p of d.pupils) {
      expect(checkUpn(p.upn), p.upn).toBeNull();
      // The same schema the pupil form and the dispatcher use.
      const { id: _id, senHistory: _history, ...fields } = p;
      const parsed = pupilCreateInput.safeParse({ ...fields, senStatus: statusOf(p), senStatusFrom: p.senHistory.at(-1)!.startDate, needs: [...p.needs], contacts: [...p.contacts] });
      expect(parsed.success, `${p.upn}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
      // SEN history: contiguous, oldest first, exactly one open period, starting when the pupil joined.
      expect(p.senHistory[0]!.startDate).toBe(p.dateJoined);
      expect(p.senHistory.filter((h) => h.endDate === null)).toHaveLength(1);
      for (let i = 1; i < p.senHistory.length; i++) expect(p.senHistory[i - 1]!.endDate! < p.senHistory[i]!.startDate).toBe(true);
      expect(p.needs.length > 0).toBe(statusOf(p) !== 'N');
    }
  });

  it('puts pupils in year groups that match their age on 1 September, in classes like 7A', () => {
    const d = generateDemo('school');
    const start = Number(d.academicYear.slice(0, 4));
    for (const p of current(d)) {
      const y = Number(p.yearGroup);
      // Year 7 in 2026/27: born 1 September 2014 to 31 August 2015.
      expect(p.dateOfBirth >= `${start - y - 5}-09-01` && p.dateOfBirth <= `${start - y - 4}-08-31`, `${p.upn} ${p.dateOfBirth} Y${y}`).toBe(true);
      expect(p.className).toMatch(new RegExp(`^${p.yearGroup}[A-Z]$`));
    }
  });

  it('gives six ordered, non-overlapping half terms within the academic year', () => {
    const terms = demoTerms(2026);
    expect(terms.map((t) => t.name)).toEqual(['autumn1', 'autumn2', 'spring1', 'spring2', 'summer1', 'summer2']);
    expect(terms[0]!.startDate).toBe('2026-09-02');
    for (let i = 1; i < terms.length; i++) expect(terms[i - 1]!.endDate < terms[i]!.startDate).toBe(true);
    expect(terms[5]!.endDate < '2027-08-01').toBe(true);
  });
});

describe.each(testDrivers())('loading the demo on %s', (driver) => {
  let core: TestCore | null = null;
  afterEach(async () => {
    await core?.cleanup();
    core = null;
  });

  it('sets up an empty store, loads the school size quickly with one audit event, and refuses a second load', async () => {
    core = await openTestCore(driver);
    const started = Date.now();
    const r = await loadDemo(core, { size: 'school', password: DEMO_PASSWORD, actor: SYSTEM });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r).toMatchObject({ setUpSchool: true, pupils: 2000, formerPupils: 20, ehcp: 60, senSupport: 340, termsSet: true, skippedUsers: [] });
    expect(await core.ds.getRepository(PupilEntity).count()).toBe(2020);
    expect(await core.ds.getRepository(UserEntity).count()).toBe(12);
    const events = await core.ds.getRepository(AuditEventEntity).find({ order: { seq: 'ASC' } });
    expect(events.map((e) => e.operation)).toEqual(['setup.initialise', 'terms.replaceYear', 'demo.load']);
    expect((await verifyAuditChain(core.ds.manager)).ok).toBe(true);

    // A demo user signs in and the register reads back through the app's own operations.
    const signIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'therapist1', password: DEMO_PASSWORD } });
    expect(signIn.ok).toBe(true);
    const session = signIn.ok ? (signIn.value as { session: string }).session : '';
    const list = await core.dispatcher.invoke({ op: 'pupils.list', input: { senStatus: 'E', pageSize: 5 }, session });
    expect(list.ok && (list.value as { total: number }).total).toBe(60);

    await expect(loadDemo(core, { size: 'school', password: DEMO_PASSWORD, actor: SYSTEM })).rejects.toThrow(/already holds pupils with the demo's UPNs/);
    expect(await core.ds.getRepository(PupilEntity).count()).toBe(2020);
  });

  it('adds to a school that is already set up, keeping its name and skipping usernames already taken', async () => {
    core = await openTestCore(driver);
    const setup = await core.dispatcher.invoke({
      op: 'setup.initialise',
      input: { school: { name: 'Oakfield Primary (synthetic)', urn: '100001', localAuthority: 'Exampleshire' }, user: { displayName: 'Sam Senco', username: 'senco', password: 'correct horse battery' } },
    });
    expect(setup.ok).toBe(true);
    const r = await loadDemo(core, { size: 'small', password: DEMO_PASSWORD, actor: SYSTEM });
    expect(r).toMatchObject({ setUpSchool: false, school: { name: 'Oakfield Primary (synthetic)' }, skippedUsers: ['senco'], pupils: 60 });
    expect(await core.ds.getRepository(UserEntity).count()).toBe(3);
  });
});
