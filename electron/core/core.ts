/**
 * The composition of the core, with no Electron in it: open the store, wire the services to the dispatcher.
 * The Electron shell, the loopback test host, the CLI and the tests all start the core this way.
 */
import type { DataSource } from 'typeorm';
import { openStore, type StoreConfig } from './db/data-source';
import { ensureDataDir, storeConfigFor } from './data-dir';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import { services } from './services';

export interface Core {
  readonly ds: DataSource;
  readonly store: StoreConfig;
  readonly dispatcher: Dispatcher;
  close(): Promise<void>;
}

export interface CoreOptions {
  readonly store: StoreConfig;
  readonly clock?: DispatcherOptions['clock'];
  readonly logError?: DispatcherOptions['logError'];
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const ds = await openStore(opts.store);
  const dispatcher = new Dispatcher({
    ds,
    driver: opts.store.kind,
    services,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.logError ? { logError: opts.logError } : {}),
  });
  return {
    ds,
    store: opts.store,
    dispatcher,
    close: () => ds.destroy(),
  };
}

/** Opens the core on a data folder (SQLite file inside it, or the PostgreSQL it names). */
export async function openCoreAt(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Core> {
  const store = storeConfigFor(dataDir, env);
  if (store.kind === 'sqlite') ensureDataDir(dataDir);
  return createCore({ store });
}
