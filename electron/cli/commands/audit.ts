/**
 * `senco-desk audit verify`: re-computes the audit trail's hash chain from the first event (through the
 * `audit.verify` operation, the app's own "Check the chain") and names the first event that does not follow: an
 * edited event, one after a changed or inserted event, or a deleted event. Exit 0 when intact, 1 when broken, so a
 * scheduled task can raise an alert.
 */
import type { Command } from 'commander';
import type { AuditBrokenEvent } from '../../../shared/contract';
import { formatUkDateTime, operationLabel } from '../../../shared/audit-format';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp } from '../session';

export interface AuditVerifyOptions {
  readonly data: string;
  readonly json?: boolean;
}

const n = (v: number) => v.toLocaleString('en-GB');

/** "event 57 (23/11/2026 09:15, Opened a pupil record: pupils.get)", or "event 57" for a deleted one. */
export function describeBroken(b: AuditBrokenEvent): string {
  if (b.at === null || b.operation === null) return `event ${b.seq}`;
  return `event ${b.seq} (${formatUkDateTime(b.at)}, ${operationLabel(b.operation)}: ${b.operation})`;
}

export async function auditVerifyCommand(opts: AuditVerifyOptions, io: CliIo): Promise<number> {
  return withCore(openSetUpCore(opts.data, io), (core) => asCaller(core, io, { command: 'audit verify', why: null }, async (caller) => {
    const r = await caller.invoke('audit.verify', {});
    if (!r.ok) throw new CliError(r.error.message, EXIT.refused, r.error.code);
    const { ok, events, firstBroken } = r.value;
    emit(io, opts.json, { ok, events, firstBroken }, () => {
      if (ok || !firstBroken) return `The audit trail is intact: all ${n(events)} event${events === 1 ? '' : 's'} follow one from another.\n`;
      const before = firstBroken.seq - 1;
      return (
        `The audit trail is broken at ${describeBroken(firstBroken)}:\n  ${firstBroken.reason}.\n` +
        `${before > 0 ? `Events 1 to ${n(before)} check; ` : ''}the trail holds ${n(events)} event${events === 1 ? '' : 's'}.\n` +
        'Keep a copy of the data folder as it is, and tell your data protection officer.\n'
      );
    });
    if (!ok) {
      io.stderr(`senco-desk: the audit trail is broken at event ${firstBroken?.seq ?? '?'}.\n`);
      return EXIT.refused;
    }
    return EXIT.ok;
  }));
}

export function registerAudit(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  const audit = program.command('audit').description('The audit trail: check that no event was changed or deleted.');
  audit
    .command('verify')
    .description('Check the whole audit trail: every event must follow from the one before (a SHA-256 hash chain).')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print {ok, events, firstBroken} as JSON: firstBroken is null, or {seq, at, operation, problem, reason, nextSeq}')
    .addHelpText(
      'after',
      '\nEach event carries the hash of the one before, so the check finds the first event that:\n' +
        '  was changed after it was written          (problem "hash_mismatch")\n' +
        '  does not follow the event before it      (problem "prev_hash_mismatch": an earlier event was replaced or inserted)\n' +
        '  is missing from the sequence              (problem "missing": a deleted event; seq is the missing number)\n' +
        'Deleting the newest events leaves a shorter trail that still checks: compare the count with an earlier run.\n\n' +
        'Exit status: 0 intact (the count of events is printed); 1 broken (the first broken event is named), or the data\n' +
        'folder is not set up; 2 usage error.\n\n' +
        'Example (a nightly check):\n  senco-desk audit verify --json > audit-check.json || echo "Audit trail broken"\n',
    )
    .addHelpText('after', credentialsHelp('user_or_it'))
    .action((opts: AuditVerifyOptions) => run(auditVerifyCommand(opts, io)));
}
