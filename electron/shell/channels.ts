/**
 * The one IPC channel between the preload and the main process. Every operation travels through it as an
 * Envelope and is validated, authorised and audited by the core's dispatcher, so there is nothing else to expose.
 * No imports: the sandboxed preload bundles this file.
 */
export const IPC_INVOKE_CHANNEL = 'senco:invoke';

/** The argument (webPreferences.additionalArguments) through which the main process tells the preload its version. */
export const VERSION_ARG_PREFIX = '--senco-desk-version=';
