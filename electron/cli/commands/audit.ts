/**
 * `senco-desk audit verify`: re-computes the audit trail's hash chain from the first event (through the
 * `audit.verify` operation, the app's own "Check the chain"), compares it with the checkpoints of its head kept
 * outside it (the data folder's, each backup's, and any given with --checkpoints), and names the first problem: an
 * edited event, one after a changed or inserted event, a deleted event, events deleted from the end (truncation), or
 * events rewritten with their hashes recomputed. Exit 0 when intact, 1 when broken, so a scheduled task can raise
 * an alert.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import type { AuditBrokenEvent, AuditChainResult, AuditCheckpointRef } from '../../../shared/contract';
import { formatUkDateTime, operationLabel } from '../../../shared/audit-format';
import { defaultDataDir } from '../../core/data-dir';
import { CHECKPOINT_SUFFIX, readCheckpoint } from '../../core/audit-checkpoint';
import { describeCheckpointSource } from '../../core/audit';
import { openSetUpCore, withCore } from '../data';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp } from '../session';
import { t } from '../../../shared/i18n';

export interface AuditVerifyOptions {
  readonly data: string;
  readonly json?: boolean;
  /** Checkpoint files, or folders of them (a copy of the backups folder kept elsewhere). */
  readonly checkpoints?: readonly string[];
}

const n = (v: number) => v.toLocaleString('en-GB');

/** "event 57 (23/11/2026 09:15, Opened a pupil record: pupils.get)", or "event 57" for a deleted one. */
export function describeBroken(b: AuditBrokenEvent): string {
  if (b.at === null || b.operation === null) return `event ${b.seq}`;
  return `event ${b.seq} (${formatUkDateTime(b.at)}, ${operationLabel(b.operation)}: ${b.operation})`;
}

/** "event 1,204, checkpoint written 14/03/2026 09:15, kept with the backup senco-desk-....sqlite". */
function describeCheckpoint(c: AuditCheckpointRef): string {
  return `event ${n(c.seq)}, written ${formatUkDateTime(c.writtenAt)}, ${describeCheckpointSource(c)}`;
}

/** Reads the checkpoint files named by --checkpoints (a folder: every *.audit-head.json in it). */
export function givenCheckpoints(paths: readonly string[]) {
  const out: { seq: number; hash: string; at: string; writtenAt: string; store: string; source: string }[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      files = statSync(p).isDirectory()
        ? readdirSync(p)
            .filter((f) => f.endsWith(CHECKPOINT_SUFFIX))
            .sort()
            .map((f) => join(p, f))
        : [p];
    } catch {
      throw new CliError(`--checkpoints ${p}: there is no such file or folder.`, EXIT.usage, 'bad_file');
    }
    for (const file of files) {
      const doc = readCheckpoint(file);
      if (!doc)
        throw new CliError(
          `--checkpoints ${file}: this is not an audit checkpoint (a *${CHECKPOINT_SUFFIX} file written by SENCo Desk).`,
          EXIT.usage,
          'bad_file',
        );
      out.push({
        seq: doc.seq,
        hash: doc.hash,
        at: doc.at,
        writtenAt: doc.writtenAt,
        store: doc.store,
        source: file.length <= 300 ? file : basename(file).slice(-300),
      });
    }
  }
  return out;
}

/** What the checkpoints add, in words (empty when there is nothing to say). */
function checkpointLines(r: AuditChainResult): string {
  const c = r.checkpoints;
  const lines: string[] = [];
  if (c.newest) {
    lines.push(
      `Compared with ${t('cli.counted.checkpoint', { count: c.compared })} of the trail kept outside it; the newest: ${describeCheckpoint(c.newest)}.`,
    );
  } else {
    lines.push(
      'No checkpoint of the trail was found outside it, so events deleted from the end would not show: keep copies of the backups (with their .audit-head.json files) elsewhere.',
    );
  }
  if (c.supersededByRestore > 0) {
    const last = r.restores[r.restores.length - 1];
    lines.push(
      `${t('cli.counted.olderCheckpointWas', { count: c.supersededByRestore })} set aside: ${t('cli.agree.itRecords', { count: c.supersededByRestore })} the trail as it was before the restore from a backup` +
        `${last ? ` at event ${n(last.seq)} (${formatUkDateTime(last.at)})` : ''}. If nobody restored a backup then, treat this as tampering.`,
    );
  }
  if (c.otherDatabase > 0)
    lines.push(
      `${t('cli.counted.checkpointIs', { count: c.otherDatabase })} of another database and ${t('cli.agree.wasWere', { count: c.otherDatabase })} not compared.`,
    );
  if (c.unreadable.length)
    lines.push(`Could not read ${t('cli.agree.thisCheckpoint', { count: c.unreadable.length })}: ${c.unreadable.join(', ')}.`);
  return lines.map((l) => `${l}\n`).join('');
}

export async function auditVerifyCommand(opts: AuditVerifyOptions, io: CliIo): Promise<number> {
  const checkpoints = givenCheckpoints(opts.checkpoints ?? []);
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'audit verify', why: null }, async (caller) => {
      const r = await caller.invoke('audit.verify', checkpoints.length ? { checkpoints } : {});
      if (!r.ok) throw new CliError(r.error.message, EXIT.refused, r.error.code);
      const { ok, events, firstBroken } = r.value;
      emit(io, opts.json, { ok, events, firstBroken, checkpoints: r.value.checkpoints, restores: r.value.restores }, () => {
        if (ok || !firstBroken)
          return `The audit trail is intact: all ${t('cli.counted.event', { count: events })} follow one from another.\n${checkpointLines(r.value)}`;
        const before = firstBroken.seq - 1;
        const holds = `the trail holds ${t('cli.counted.event', { count: events })}`;
        const checks =
          firstBroken.problem === 'rewritten'
            ? `The events follow one from another, but not from what the checkpoint recorded; ${holds}.`
            : `${before > 0 ? `Events 1 to ${n(before)} check; ` : ''}${holds}.`;
        return (
          `The audit trail is broken at ${describeBroken(firstBroken)}:\n  ${firstBroken.reason}.\n${checks}\n` +
          'Keep a copy of the data folder as it is, and tell your data protection officer.\n'
        );
      });
      if (!ok) {
        const what =
          firstBroken?.problem === 'truncated' ? 'cut short (truncated)' : firstBroken?.problem === 'rewritten' ? 'rewritten' : 'broken';
        io.stderr(`senco-desk: the audit trail is ${what} at event ${firstBroken?.seq ?? '?'}.\n`);
        return EXIT.refused;
      }
      return EXIT.ok;
    }),
  );
}

export function registerAudit(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  const audit = program.command('audit').description('The audit trail: check that no event was changed or deleted.');
  audit
    .command('verify')
    .description(
      'Check the whole audit trail: every event must follow from the one before (a SHA-256 hash chain), and the trail must agree with the checkpoints of its head kept outside it.',
    )
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option(
      '--checkpoints <paths...>',
      `checkpoint files (*${CHECKPOINT_SUFFIX}), or folders of them, kept elsewhere: a copy of the backups folder on another drive`,
    )
    .option(
      '--json',
      'print {ok, events, firstBroken, checkpoints, restores} as JSON: firstBroken is null, or {seq, at, operation, problem, reason, nextSeq, checkpoint}',
    )
    .addHelpText(
      'after',
      '\nEach event carries the hash of the one before, so the check finds the first event that:\n' +
        '  was changed after it was written          (problem "hash_mismatch")\n' +
        '  does not follow the event before it      (problem "prev_hash_mismatch": an earlier event was replaced or inserted)\n' +
        '  is missing from the sequence              (problem "missing": a deleted event; seq is the missing number)\n' +
        "A checkpoint records the head of the trail (its last event and that event's hash) outside the database: in\n" +
        `the data folder (senco-desk${CHECKPOINT_SUFFIX}, after every recorded action) and beside every backup\n` +
        `(<backup>${CHECKPOINT_SUFFIX}). The check compares the trail with every checkpoint it finds, and names:\n` +
        '  events deleted from the end               (problem "truncated": the trail ends before a checkpoint\'s event; seq is the first one gone)\n' +
        '  events rewritten, hashes recomputed       (problem "rewritten": an event\'s hash differs from a checkpoint\'s)\n' +
        'Checkpoints older than a restore from a backup describe the trail that restore replaced: they are set aside\n' +
        'and counted ("supersededByRestore"). Someone who can rewrite the database can rewrite the data folder\'s\n' +
        'checkpoint too: copies of the backups kept elsewhere, given with --checkpoints, are out of their reach.\n\n' +
        'Exit status: 0 intact (the count of events is printed); 1 broken (the first broken event is named), or the data\n' +
        'folder is not set up; 2 usage error (such as a --checkpoints file that is not a checkpoint).\n\n' +
        'Examples:\n  senco-desk audit verify --json > audit-check.json || echo "Audit trail broken"\n' +
        '  senco-desk audit verify --checkpoints /media/usb/senco-backups\n',
    )
    .addHelpText('after', credentialsHelp('user_or_it'))
    .action((opts: AuditVerifyOptions) => run(auditVerifyCommand(opts, io)));
}
