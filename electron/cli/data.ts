/** Opening the data folder for a command, with the failures a person can act on turned into plain messages. */
import { existsSync } from 'node:fs';
import { openCoreAt, type Core } from '../core/core';
import { storeConfigFor } from '../core/data-dir';
import { CliError, EXIT, type CliIo } from './io';
import { KeyringError } from '../core/crypto/keyring';
import { CoreGate } from '../core/gate';

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function openCore(dataDir: string, io: CliIo): Promise<Core> {
  try {
    return await openCoreAt(dataDir, io.env);
  } catch (err) {
    // An encrypted folder that stays shut (no or wrong credentials): the keyring's own plain message.
    if (err instanceof KeyringError) throw new CliError(err.message, EXIT.refused, err.code);
    throw new CliError(`Could not open the SENCo Desk data in ${dataDir}: ${describe(err)}`, EXIT.refused, 'open_failed');
  }
}

/** The core behind its gate, for `serve`: an encrypted folder stays locked until someone signs in in the browser. */
export async function openGate(dataDir: string, io: CliIo): Promise<CoreGate> {
  try {
    return await CoreGate.open(dataDir, io.env);
  } catch (err) {
    if (err instanceof KeyringError) throw new CliError(err.message, EXIT.refused, err.code);
    throw new CliError(`Could not open the SENCo Desk data in ${dataDir}: ${describe(err)}`, EXIT.refused, 'open_failed');
  }
}

/** Opens a data folder that must already be set up (pupils list, pupils import), without creating anything. */
export async function openSetUpCore(dataDir: string, io: CliIo): Promise<Core> {
  const notSetUp = `${dataDir} holds no SENCo Desk school yet. Set it up first: senco-desk init --data "${dataDir}" (or senco-desk demo --data "${dataDir}" for demo data).`;
  let store;
  try {
    store = storeConfigFor(dataDir, io.env);
  } catch (err) {
    throw new CliError(`Could not read the database settings in ${dataDir}: ${describe(err)}`, EXIT.refused, 'open_failed');
  }
  if (store.kind === 'sqlite' && !existsSync(store.file)) throw new CliError(notSetUp, EXIT.refused, 'setup_required');
  const core = await openCore(dataDir, io);
  const status = await core.dispatcher.invokeAs({ kind: 'anonymous' }, 'setup.status', {});
  if (!status.ok || status.value.needsSetup) {
    await core.close();
    throw new CliError(notSetUp, EXIT.refused, 'setup_required');
  }
  return core;
}

export async function withCore<T>(open: Promise<Core>, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await open;
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}
