/**
 * Test harness: a real core on a real SQLite file in a temporary folder, or on the real PostgreSQL server named
 * by SENCO_TEST_PG_URL (each test core gets its own schema, dropped afterwards). CI installs and starts
 * PostgreSQL and sets the URL, so there the PostgreSQL suite must run: it fails rather than skips without one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { describe, it } from 'vitest';
import { createCore, type Core } from '../core';
import type { Driver, StoreConfig } from '../db/data-source';
import type { Actor } from '../context';
import type { InputOf, PlanContentIn } from '../../../shared/contract';
import { emptyKeyring, keyringPathFor, newDatabaseKey, databaseKeyLiteral, writeKeyring } from '../crypto/keyring';
import { KeyVault } from '../crypto/vault';

export const PG_URL = process.env.SENCO_TEST_PG_URL ?? '';

export const PG_SKIP_REASON =
  'SENCO_TEST_PG_URL is not set, so the PostgreSQL run is skipped on this machine (CI sets it; to run it here, set SENCO_TEST_PG_URL=postgres://user:password@127.0.0.1:5432/database for a database the user owns).';

/**
 * A suite that needs PostgreSQL (two server processes on one database, an import into it): run when
 * SENCO_TEST_PG_URL is set; in CI a missing URL fails rather than skips; elsewhere it is registered as a skipped
 * suite whose name gives the reason and how to run it, as testDrivers does for the service suite.
 */
export function describeOnPostgres(title: string, body: (url: string) => void): void {
  if (PG_URL) {
    describe(title, () => body(PG_URL));
    return;
  }
  if (process.env.CI) throw new Error(`SENCO_TEST_PG_URL is not set: CI must run "${title}" on PostgreSQL too (see .ci/run).`);
  describe.skip(`${title}: ${PG_SKIP_REASON}`, () => {
    it('runs on PostgreSQL', () => undefined);
  });
}

/**
 * The drivers the service suite runs on here. Without SENCO_TEST_PG_URL (outside CI) the PostgreSQL half is not
 * silently left out: it is registered as a skipped test whose name gives the reason, so Vitest's output shows it
 * ("postgres: SENCO_TEST_PG_URL is not set, ..." among the skipped tests) wherever a service suite is run.
 */
export function testDrivers(): Driver[] {
  if (PG_URL) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error('SENCO_TEST_PG_URL is not set: CI must run the service suite on PostgreSQL too (see .ci/run).');
  describe.skip(`postgres: ${PG_SKIP_REASON}`, () => {
    it('the same tests on PostgreSQL', () => undefined);
  });
  return ['sqlite'];
}

export interface TestCore extends Core {
  readonly cleanup: () => Promise<void>;
}

/**
 * SQLite test stores are plain files unless `encrypted` is asked for, or SENCO_TEST_ENCRYPT=1 runs the whole service
 * suite on encrypted SQLite files with a keyring (what a new data folder gets from openCoreAt with encryption on).
 */
export const ENCRYPT_TESTS = process.env.SENCO_TEST_ENCRYPT === '1';

export async function storeFor(
  driver: Driver,
  opts: { readonly encrypted?: boolean } = {},
): Promise<{ store: StoreConfig; keys: KeyVault | null; cleanup: () => Promise<void> }> {
  if (driver === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'senco-test-'));
    const file = join(dir, 'test.sqlite');
    const cleanup = async () => rmSync(dir, { recursive: true, force: true });
    if (!(opts.encrypted ?? ENCRYPT_TESTS)) return { store: { kind: 'sqlite', file }, keys: null, cleanup };
    const key = newDatabaseKey();
    writeKeyring(keyringPathFor(file), emptyKeyring());
    return { store: { kind: 'sqlite', file, key: databaseKeyLiteral(key) }, keys: new KeyVault(keyringPathFor(file), key), cleanup };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    store: { kind: 'postgres', url: PG_URL, schema },
    keys: null,
    cleanup: async () => {
      const ds = new DataSource({ type: 'postgres', url: PG_URL });
      await ds.initialize();
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
    },
  };
}

export async function openTestCore(driver: Driver, clock?: () => Date, opts: { readonly encrypted?: boolean } = {}): Promise<TestCore> {
  const { store, keys, cleanup } = await storeFor(driver, opts);
  const core = await createCore({ store, keys, ...(clock ? { clock } : {}), logError: () => undefined });
  return {
    ...core,
    cleanup: async () => {
      await core.close();
      await cleanup();
    },
  };
}

export const SYSTEM: Actor = { kind: 'system', name: 'test', role: 'senco' };

export const SCHOOL = { name: 'Oakfield Primary (synthetic)', urn: '100001', localAuthority: 'Exampleshire' } as const;
export const SENCO_USER = { displayName: 'Sam Senco', username: 'sam.senco', password: 'correct horse battery' } as const;

/** Sets up the school and first SENCo; returns the SENCo's session token. */
export async function setUp(core: Core): Promise<string> {
  const r = await core.dispatcher.invoke({ op: 'setup.initialise', input: { school: SCHOOL, user: SENCO_USER } });
  if (!r.ok) throw new Error(`setup failed: ${r.error.message}`);
  return (r.value as { session: string }).session;
}

/** A valid pupil input (synthetic: made-up names and a UPN built from fictional numbers). */
export function pupilInput(overrides: Partial<InputOf<'pupils.create'>> = {}): InputOf<'pupils.create'> {
  return {
    upn: 'H801200001001',
    legalFirstName: 'Amara',
    legalLastName: 'Testington',
    preferredFirstName: null,
    preferredLastName: null,
    dateOfBirth: '2015-04-12',
    yearGroup: '6',
    className: '6B',
    dateJoined: '2019-09-04',
    dateLeft: null,
    homeSchoolName: null,
    homeSchoolUrn: null,
    senStatus: 'K',
    senStatusFrom: null,
    needs: ['SLCN', 'SEMH'],
    contacts: [
      { name: 'Jo Testington', relationship: 'mother', phone: '01632 960001', email: 'jo@example.org', parentalResponsibility: true },
    ],
    ...overrides,
  };
}

/** A complete, synthetic EHC plan: two needs, each with an outcome and quantified provision. */
export function planContent(overrides: Partial<PlanContentIn> = {}): PlanContentIn {
  return {
    sectionA: { views: 'Enjoys music', interests: 'Drumming', aspirations: 'Play in a band' },
    needs: [
      { key: 'n1', area: 'communication_interaction', description: 'Difficulty understanding spoken language' },
      { key: 'n2', area: 'cognition_learning', description: 'Reading well below age expectations' },
    ],
    items: [{ section: 'C', description: 'Annual hearing check', provider: 'Audiology' }],
    outcomes: [
      { key: 'o1', description: 'Follows a two-step instruction in class', targetDate: '2027-07-16', needKeys: ['n1'], pfaArea: null },
      { key: 'o2', description: 'Reads a short text independently', targetDate: '2027-07-16', needKeys: ['n2'], pfaArea: null },
    ],
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
        expertise: 'HCPC-registered',
        markedQuantified: true,
        outcomeKeys: ['o1'],
      },
      {
        key: 'p2',
        description: 'Daily reading intervention',
        frequencyCount: 5,
        frequencyPeriod: 'week',
        sessionMinutes: 20,
        durationWeeks: null,
        groupSize: 3,
        deliveredBy: 'Teaching assistant',
        expertise: null,
        markedQuantified: true,
        outcomeKeys: ['o2'],
      },
    ],
    placement: { name: 'Oakfield Primary', urn: '100001', type: 'Mainstream' },
    personalBudget: null,
    advice: [{ title: 'Speech and language advice', author: 'NHS SLT service', date: '2025-01-15' }],
    ...overrides,
  };
}
