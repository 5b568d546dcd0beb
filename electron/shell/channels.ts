/**
 * The one IPC channel between the preload and the main process. Every operation travels through it as an
 * Envelope and is validated, authorised and audited by the core's dispatcher, so there is nothing else to expose.
 * No imports: the sandboxed preload bundles this file.
 */
export const IPC_INVOKE_CHANNEL = 'senco:invoke';

/** The argument (webPreferences.additionalArguments) through which the main process tells the preload its version. */
export const VERSION_ARG_PREFIX = '--senco-desk-version=';

/** The argument through which the main process passes the school IT policy (policy.ts) to the preload, as URI-encoded JSON. */
export const POLICY_ARG_PREFIX = '--senco-desk-policy=';

/** Main to page only: the app menu's Lock now and Privacy screen (the page's own shortcuts do the same). */
export const MENU_COMMAND_CHANNEL = 'senco:menu-command';
