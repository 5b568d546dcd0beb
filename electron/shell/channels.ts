/**
 * The one IPC channel between the preload and the main process. Every operation travels through it as an
 * Envelope and is validated, authorised and audited by the core's dispatcher, so there is nothing else to expose.
 * No imports: the sandboxed preload bundles this file.
 */
export const IPC_INVOKE_CHANNEL = 'senco:invoke';

/** Long work (electron/core/operation.ts): the page asks the core to cancel an operation it started. */
export const IPC_CANCEL_CHANNEL = 'senco:cancel';

/** Long work's progress, from the main process to the window: { operation, done, total, label }. */
export const IPC_PROGRESS_CHANNEL = 'senco:progress';

/** The argument (webPreferences.additionalArguments) through which the main process tells the preload its version. */
export const VERSION_ARG_PREFIX = '--senco-desk-version=';

/** The argument through which the main process passes the school IT policy (policy.ts) to the preload, as URI-encoded JSON. */
export const POLICY_ARG_PREFIX = '--senco-desk-policy=';

/**
 * The school server card in Settings (connection.ts): read the connection in force, test and save a new one, stop
 * using the saved one. The main process checks the sender as for invoke, and that the session is the SENCo's.
 */
export const CONNECTION_GET_CHANNEL = 'senco:connection:get';
export const CONNECTION_SAVE_CHANNEL = 'senco:connection:save';
export const CONNECTION_CLEAR_CHANNEL = 'senco:connection:clear';

/** Main to page only: the app menu's Lock now and Privacy screen (the page's own shortcuts do the same). */
export const MENU_COMMAND_CHANNEL = 'senco:menu-command';
