/**
 * Who a CLI command acts as. The CLI is one more transport into the core, so it signs in as the app does and then
 * acts as that person, with their role and the pupils they may see:
 *
 *   SENCO_USERNAME and SENCO_PASSWORD   signed in through the core's own auth.signIn (wrong passwords count towards
 *                                       the lockout and are audited; a disabled or locked account is refused; an
 *                                       account that must choose a new password is sent to the app to do so first).
 *                                       Every operation then goes through the dispatcher with that session, exactly as
 *                                       the app's would: the dispatcher checks the role (shared/contract) and the
 *                                       record scope (a teacher's classes, a therapist's caseload), and each audit
 *                                       event names the user, with "via": "senco-desk CLI (OS account ...)" in its
 *                                       detail.
 *   no username                         nobody is signed in. SENCO_RECOVERY_KEY (or a plain folder, or PostgreSQL)
 *                                       opens the database but names no one, so a command may then do only what
 *                                       school IT needs without reading pupils' records: check the audit trail (and
 *                                       backup and restore, which copy the database file and use no operation).
 *                                       Everything else is refused with a plain message to sign in. `init` and
 *                                       `demo` create a school's data and keep to their own system actor (io.ts).
 */
import { SCOPED_ROLES } from '../../shared/access';
import type { InputOf, OpName, OutputOf, PupilRow, SessionInfo, UserSummary } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Core } from '../core/core';
import { CliError, EXIT, cliSystemActor, cliVia, type CliIo } from './io';

/** What a command does with the data, for the message that asks someone to sign in. */
export interface CliNeeds {
  /** The command as typed, e.g. "pupils list". */
  readonly command: string;
  /**
   * What it does that needs a named user ("reads pupils' records"); or null when it may also run with no one signed
   * in (audit verify).
   */
  readonly why: string | null;
}

/** The operations a command may use with no one signed in (school IT: no pupil's record in any of them). */
const WITHOUT_SIGN_IN: ReadonlySet<OpName> = new Set<OpName>(['setup.status', 'audit.verify']);

export interface CliCaller {
  /** The signed-in user; null when no one signed in (SENCO_USERNAME not set). */
  readonly user: UserSummary | null;
  invoke<K extends OpName>(op: K, input: InputOf<K>): Promise<Result<OutputOf<K>>>;
  /** Signs out (the session lives only in this process, but it is ended as the app would end it). */
  end(): Promise<void>;
}

export function signInMessage(needs: CliNeeds): string {
  return (
    `${needs.command} ${needs.why ?? 'needs someone signed in'}, so it runs as a signed-in user, with that user's role and the pupils they may see: ` +
    'set SENCO_USERNAME and SENCO_PASSWORD to your SENCo Desk username and password. (SENCO_RECOVERY_KEY opens an encrypted database but names ' +
    'no one, so on its own it is only for backup, restore and audit verify.)'
  );
}

/** Signs in with SENCO_USERNAME and SENCO_PASSWORD (or, for a command that allows it, acts with no one signed in). */
export async function signIn(core: Core, io: CliIo, needs: CliNeeds): Promise<CliCaller> {
  const username = io.env.SENCO_USERNAME?.trim() ?? '';
  const via = cliVia(io.env);
  if (!username) {
    if (needs.why !== null) throw new CliError(signInMessage(needs), EXIT.refused, 'sign_in_required');
    const actor = cliSystemActor(io.env);
    const invokeAsSystem = async <K extends OpName>(op: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> => {
      if (!WITHOUT_SIGN_IN.has(op)) throw new CliError(signInMessage({ ...needs, why: `needs ${op}` }), EXIT.refused, 'sign_in_required');
      return core.dispatcher.invokeAs(actor, op, input);
    };
    return { user: null, invoke: invokeAsSystem, end: async () => undefined };
  }
  const password = io.env.SENCO_PASSWORD ?? '';
  if (!password) {
    throw new CliError(
      `SENCO_USERNAME is set (${username}) but SENCO_PASSWORD is not: set it to that user's password (in the environment, never on the command line).`,
      EXIT.usage,
      'no_password',
    );
  }
  const r = (await core.dispatcher.invoke({ op: 'auth.signIn', input: { username, password } }, { via })) as Result<SessionInfo>;
  if (!r.ok) throw new CliError(`Could not sign in as ${username}: ${r.error.message}`, EXIT.refused, r.error.code);
  const session = r.value.session;
  const end = async () => {
    await core.dispatcher.invoke({ op: 'auth.signOut', input: {}, session }, { via });
  };
  if (r.value.user.mustChangePassword) {
    await end();
    throw new CliError(
      `${r.value.user.displayName} (${r.value.user.username}) must choose a new password before using SENCo Desk (the SENCo reset it): sign in to the app, ` +
        'choose one, then run this again with SENCO_PASSWORD set to it.',
      EXIT.refused,
      'must_change_password',
    );
  }
  function invoke<K extends OpName>(op: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    return core.dispatcher.invoke({ op, input, session }, { via }) as Promise<Result<OutputOf<K>>>;
  }
  return { user: r.value.user, invoke, end };
}

/** Runs `fn` as the signed-in caller, signing out afterwards whatever happens. */
export async function asCaller<T>(core: Core, io: CliIo, needs: CliNeeds, fn: (caller: CliCaller) => Promise<T>): Promise<T> {
  const caller = await signIn(core, io, needs);
  try {
    return await fn(caller);
  } finally {
    await caller.end();
  }
}

/** The "Sign-in" paragraph of a command's --help: which credentials it needs, and who it then acts as. */
export function credentialsHelp(kind: 'user' | 'user_or_it' | 'file' | 'none_init' | 'none_demo' | 'browser'): string {
  switch (kind) {
    case 'user':
      return (
        '\nSign-in: set SENCO_USERNAME and SENCO_PASSWORD to your SENCo Desk username and password (in the environment, never\n' +
        'as flags). The command runs as you, with your role and the pupils you may see (a teacher or TA: the pupils in\n' +
        'their classes; a therapist: their caseload), exactly as in the app, and the audit trail names you ("via": the\n' +
        'senco-desk CLI). A wrong password counts towards the lockout. They also open an encrypted data folder.\n' +
        'SENCO_RECOVERY_KEY alone is refused here: it opens the database but names no one.\n'
      );
    case 'user_or_it':
      return (
        '\nSign-in: with SENCO_USERNAME and SENCO_PASSWORD it runs as that user (the SENCo or the headteacher may check the\n' +
        'trail). Without a username it runs for school IT with no one named: an encrypted folder then opens with\n' +
        "SENCO_RECOVERY_KEY. It reads no pupil's record either way.\n"
      );
    case 'file':
      return (
        '\nCredentials: none for an unencrypted folder; an encrypted one opens with SENCO_USERNAME and SENCO_PASSWORD, or\n' +
        "SENCO_RECOVERY_KEY (school IT). It copies the whole database file, so no one's role applies: keep it as safe as\n" +
        'the database.\n'
      );
    case 'none_init':
      return "\nCredentials: none: this creates the folder and its first SENCo (SENCO_PASSWORD is that SENCo's new password).\n";
    case 'none_demo':
      return (
        '\nCredentials: none for an empty folder. An encrypted folder already set up opens with SENCO_USERNAME and\n' +
        'SENCO_PASSWORD, or SENCO_RECOVERY_KEY. The demo is written by the CLI itself (the audit trail names the OS account).\n'
      );
    case 'browser':
      return '\nCredentials: none here: each person signs in in the browser, with their own role.\n';
  }
}

/** A call the core refused, as the CLI's error: bad input is a usage error (exit 2), anything else a refusal. */
export function callFailed(r: { readonly error: { readonly message: string; readonly code: string } }): CliError {
  return new CliError(r.error.message, r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused, r.error.code);
}

/**
 * The pupil with this UPN, former pupils included, as the signed-in user may see them (the core decides); refused,
 * with `hint` or the scoped wording of noPupilWithUpn, when there is none.
 */
export async function pupilByUpn(caller: CliCaller, upn: string, dataDir: string, hint: string): Promise<PupilRow> {
  const found = await caller.invoke('pupils.list', { search: upn, includeFormer: true, page: 0, pageSize: 20 });
  if (!found.ok) throw callFailed(found);
  const pupil = found.value.rows.find((p) => p.upn === upn);
  if (!pupil) throw new CliError(noPupilWithUpn(caller, upn, dataDir, hint), EXIT.refused, 'not_found');
  return pupil;
}

/**
 * "No pupil has the UPN ..." as the caller may be told it: a teacher or therapist sees only their own pupils, so for
 * them it says that, without saying whether such a pupil exists.
 */
export function noPupilWithUpn(caller: CliCaller, upn: string, dataDir: string, hint: string): string {
  const role = caller.user?.role;
  if (role && SCOPED_ROLES.includes(role)) {
    return `No pupil on your ${role === 'teacher' ? 'class lists' : 'caseload'} has the UPN ${upn}. Check the number (senco-desk pupils list --former --search NAME shows the UPNs of the pupils you may see), or ask the SENCo.`;
  }
  return `No pupil has the UPN ${upn} in ${dataDir}. ${hint}`;
}
