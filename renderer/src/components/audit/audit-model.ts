/**
 * The audit view's pure rules: who an event names, its detail in words, the operations a filter offers, and the
 * chain check's result as sentences. Kept free of React so they are unit-tested.
 */
import { OP_NAMES, type AuditChainResult, type AuditCheckpointRef, type AuditEntry } from '../../../../shared/contract';
import { SYSTEM_OPERATIONS, formatUkDateTime, operationLabel } from '../../../../shared/audit-format';
import { t } from '../../../../shared/i18n';

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

export interface AuditFilters {
  readonly userId: string | null;
  readonly pupilId: string | null;
  readonly operation: string | null;
  /** ISO dates, null when empty, or 'invalid' while half-typed (ignored until it is a real date). */
  readonly from: string | null;
  readonly to: string | null;
}

export const NO_FILTERS: AuditFilters = { userId: null, pupilId: null, operation: null, from: null, to: null };

const isDate = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);

export function isFiltered(f: AuditFilters): boolean {
  return f.userId !== null || f.pupilId !== null || f.operation !== null || isDate(f.from) || isDate(f.to);
}

/** True when both dates are set and the end is before the start (the list would be empty for no good reason). */
export function datesReversed(f: AuditFilters): boolean {
  return isDate(f.from) && isDate(f.to) && f.to < f.from;
}

/** The audit.list input for the filters and page; half-typed dates are left out. */
export function listInput(f: AuditFilters, page: number, pageSize: number) {
  return {
    ...(f.userId ? { userId: f.userId } : {}),
    ...(f.pupilId ? { pupilId: f.pupilId } : {}),
    ...(f.operation ? { operation: f.operation } : {}),
    ...(isDate(f.from) ? { from: f.from } : {}),
    ...(isDate(f.to) ? { to: f.to } : {}),
    page,
    pageSize,
  };
}

function parseDetail(detail: string | null): Record<string, unknown> | null {
  if (!detail) return null;
  try {
    const v: unknown = JSON.parse(detail);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Who did it: the recorded actor, or for a sign-in (recorded before anyone is signed in) the username tried. */
export function whoLabel(e: Pick<AuditEntry, 'actor' | 'userId' | 'operation' | 'detail'>): string {
  if (e.userId === null && e.operation === 'auth.signIn') {
    const username = parseDetail(e.detail)?.username;
    if (typeof username === 'string') return t('auditUi.table.signingIn', { username });
  }
  return e.actor;
}

/** The detail as "key: value" pairs ("changed: legalFirstName, senStatus; listed: 20"); the raw text if not JSON. */
export function detailText(detail: string | null): string {
  if (!detail) return '';
  const d = parseDetail(detail);
  if (!d) return detail;
  return Object.entries(d)
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? v.map(String).join(', ') : v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
    )
    .join('; ');
}

export interface OperationOption {
  readonly op: string;
  readonly label: string;
}

/** Every operation, by its label (the trail records writes, audited reads, and any refused request). */
export function operationOptions(): OperationOption[] {
  return [...OP_NAMES, ...SYSTEM_OPERATIONS]
    .map((op) => ({ op, label: operationLabel(op) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

export interface ChainMessage {
  readonly severity: 'success' | 'error';
  readonly title: string;
  readonly lines: readonly string[];
  /** What the checkpoints kept outside the trail add (compared with, set aside after a restore, none found). */
  readonly notes: readonly string[];
}

function sourceText(c: AuditCheckpointRef): string {
  return t(`auditUi.chain.sources.${c.sourceKind}`, { name: c.source });
}

/** The checkpoints' part of the result, in words. */
export function checkpointNotes(r: AuditChainResult): string[] {
  const c = r.checkpoints;
  const notes: string[] = [];
  if (r.ok) {
    if (c.newest)
      notes.push(
        t('auditUi.chain.checkpointNewest', {
          count: c.compared,
          when: formatUkDateTime(c.newest.writtenAt),
          source: sourceText(c.newest),
          seq: c.newest.seq,
        }),
      );
    else notes.push(t('auditUi.chain.noCheckpoint'));
  }
  if (c.supersededByRestore > 0) {
    const last = r.restores[r.restores.length - 1];
    notes.push(t('auditUi.chain.setAside', { count: c.supersededByRestore, when: last ? formatUkDateTime(last.at) : '—' }));
  }
  if (c.otherDatabase > 0) notes.push(t('auditUi.chain.otherDatabase', { count: c.otherDatabase }));
  if (c.unreadable.length) notes.push(t('auditUi.chain.unreadable', { names: c.unreadable.join(', ') }));
  return notes;
}

/** The chain check's result in words. */
export function chainMessage(r: AuditChainResult): ChainMessage {
  const b = r.firstBroken;
  const notes = checkpointNotes(r);
  if (r.ok || !b) return { severity: 'success', title: t('auditUi.chain.intact', { count: r.events }), lines: [], notes };
  if (b.problem === 'truncated' && b.checkpoint) {
    const last = b.seq - 1;
    return {
      severity: 'error',
      title: t('auditUi.chain.brokenTitle'),
      lines: [
        last > 0 ? t('auditUi.chain.brokenTruncatedAt', { last }) : t('auditUi.chain.brokenTruncatedEmpty'),
        t('auditUi.chain.problems.truncated', {
          last,
          seq: b.checkpoint.seq,
          when: formatUkDateTime(b.checkpoint.writtenAt),
          source: sourceText(b.checkpoint),
        }),
        t('auditUi.chain.nextStepCheckpoint'),
      ],
      notes,
    };
  }
  if (b.problem === 'missing' || b.at === null || b.operation === null) {
    return {
      severity: 'error',
      title: t('auditUi.chain.brokenTitle'),
      lines: [
        t('auditUi.chain.brokenMissingAt', { seq: b.seq }),
        t('auditUi.chain.problems.missing', { seq: b.seq, before: b.seq - 1, next: b.nextSeq ?? b.seq + 1 }),
        t('auditUi.chain.nextStepMissing'),
      ],
      notes,
    };
  }
  const when = formatUkDateTime(b.at);
  const problem =
    b.problem === 'rewritten' && b.checkpoint
      ? t('auditUi.chain.problems.rewritten', { when: formatUkDateTime(b.checkpoint.writtenAt), source: sourceText(b.checkpoint) })
      : t(`auditUi.chain.problems.${b.problem}`);
  return {
    severity: 'error',
    title: t('auditUi.chain.brokenTitle'),
    lines: [
      t('auditUi.chain.brokenAt', { seq: b.seq, when, operation: operationLabel(b.operation) }),
      problem,
      b.problem === 'rewritten' ? t('auditUi.chain.nextStepCheckpoint') : t('auditUi.chain.nextStep', { when: when.slice(0, 10) }),
    ],
    notes,
  };
}
