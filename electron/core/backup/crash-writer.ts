/**
 * Test fixture for crash.test.ts (not shipped): opens the store of a data folder through the core, exactly as the
 * app does, and creates pupils through the dispatcher in a loop, one transaction each. After each transaction has
 * committed (invokeAs has returned) it prints `ack <pupil id>`; the test kills it with SIGKILL at a random moment
 * and checks that every acknowledged pupil is in the database.
 *
 * Usage (bundled by the test with esbuild): node crash-writer.cjs DATA_DIR FIRST_SERIAL
 * The WAL is checkpointed every 50 pages instead of 1000, so that kills also land during checkpoints.
 */
import { makeUpn } from '../../../shared/upn';
import { openCoreAt } from '../core';
import type { Actor } from '../context';

const ACTOR: Actor = { kind: 'system', name: 'crash test writer', role: 'senco' };

async function main(): Promise<void> {
  const [dataDir, first] = process.argv.slice(2);
  if (!dataDir || !first) throw new Error('usage: crash-writer DATA_DIR FIRST_SERIAL');
  const core = await openCoreAt(dataDir, process.env);
  await core.ds.query('PRAGMA wal_autocheckpoint = 50');
  process.stdout.write('ready\n');
  for (let n = Number(first); ; n++) {
    const r = await core.dispatcher.invokeAs(ACTOR, 'pupils.create', {
      upn: makeUpn(999, Math.floor(n / 1000), 27, n % 1000),
      legalFirstName: 'Crash',
      legalLastName: `Tester ${n}`,
      preferredFirstName: null,
      preferredLastName: null,
      dateOfBirth: '2015-04-12',
      yearGroup: '6',
      className: '6C',
      dateJoined: '2019-09-04',
      dateLeft: null,
      homeSchoolName: null,
      homeSchoolUrn: null,
      senStatus: 'K',
      senStatusFrom: null,
      needs: ['SLCN'],
      contacts: [
        { name: 'Parent Tester', relationship: 'mother', phone: '01632 960001', email: 'parent@example.org', parentalResponsibility: true },
      ],
    });
    if (!r.ok) throw new Error(`write ${n} failed: ${r.error.code}: ${r.error.message}`);
    // Only now, after the commit: on Linux a write to a pipe is synchronous, so the line is out before the next write.
    process.stdout.write(`ack ${r.value.id}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-writer: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(3);
});
