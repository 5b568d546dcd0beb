/**
 * What each write changes: the read operations whose answers may differ after the write succeeds (issue 19, item 1).
 * The renderer's client refreshes every query of these reads after a successful write (renderer/src/api/client.ts),
 * so a screen never shows what was true before it; no screen invalidates a read by hand.
 *
 * Every write is listed, an empty list saying "no read shows what this changes" (signing in, a draft), so adding a
 * write without saying what it changes fails the typecheck; so does a name that is not a read of the contract.
 *
 * A list names the reads that show the records written, wherever they are shown (a pupil's tab, a list, a count,
 * the deadlines a record moves), and only those: each read here is fetched again at once if a screen shows it, so
 * an over-long list costs a round trip. It does not list the record a page puts into the cache from the write's own
 * answer while the form that saved it is open and built from it (the review's `reviews.get`, the plan's `ehcp.get`,
 * the IPP's `ipps.get`, a transfer's `ehcp.transfer.get`, a passport's `passports.get`): the refresh comes before the
 * page hears the answer, so fetching that record would rebuild the form before it has cleared its draft. The page's
 * setQueryData keeps it current there, and any other screen fetches it when it opens (the cache's staleTime is 0).
 *
 * (This is a map beside the operations rather than a field of each: a field typed against the contract's read
 * operations would make the contract's type depend on itself.)
 */
import type { Contract, OpName } from './index';

/** The contract's read operations: the only things a query key, or a write's `changes`, may name. */
export type ReadOpName = { [K in OpName]: Contract[K]['kind'] extends 'read' ? K : never }[OpName];
/** The contract's write operations. */
export type WriteOpName = { [K in OpName]: Contract[K]['kind'] extends 'write' ? K : never }[OpName];
/** The reads one write changes. */
export type Changes = readonly ReadOpName[];
/** What every write changes: one entry for each write, and no other key. */
export type ChangesMap = { readonly [K in WriteOpName]: Changes };

/** The deadlines a record moves: the clocks, and the dashboard's counts and "Do next" computed from them. */
const DEADLINES = ['clocks.list', 'dashboard.worklist'] as const satisfies Changes;
const PUPIL_RECORD = ['pupils.list', 'pupils.get', 'pupils.classes', 'register.summary'] as const satisfies Changes;

export const changes = {
  // Setting up and signing in: the screens start afresh (the sign-in screen asks for everything anew).
  'setup.initialise': [],
  'auth.signIn': [],
  'auth.changePassword': [],
  'auth.lock': [],
  'auth.unlock': [],
  // School and users.
  'school.update': ['school.get'],
  'terms.replaceYear': ['terms.list', ...DEADLINES],
  'users.create': ['users.list'],
  'users.setActive': ['users.list'],
  'users.resetPassword': ['users.list'],
  'users.setClasses': ['users.list'],
  // Pupils.
  'pupils.create': PUPIL_RECORD,
  'pupils.update': PUPIL_RECORD,
  'pupils.import': PUPIL_RECORD,
  'pupils.markNeedsIdentified': ['pupils.get', ...DEADLINES],
  'pupils.moveSchool': [...PUPIL_RECORD, 'trust.figures', ...DEADLINES],
  // EHC plans and their statutory records.
  'ehcp.create': ['ehcp.listForPupil', ...DEADLINES],
  'ehcp.update': ['ehcp.listForPupil', ...DEADLINES],
  'ehcp.reviews.save': ['ehcp.reviews.list', ...DEADLINES],
  'ehcp.requests.save': ['ehcp.requests.list', ...DEADLINES],
  // Not ehcp.transfer.get: the card puts the answer into the cache itself, its dialog's draft still open.
  'ehcp.transfer.record': [...DEADLINES],
  'ehcp.transfer.clear': [...DEADLINES],
  // The calendar and the clocks' rules.
  'calendar.replaceDays': ['calendar.listDays', ...DEADLINES],
  'calendar.import': ['terms.list', 'calendar.listDays', ...DEADLINES],
  'clocks.saveRule': ['clocks.rules', ...DEADLINES],
  'disciplines.save': ['disciplines.list'],
  // Therapy.
  'referrals.save': ['referrals.list', 'caseload.list', ...DEADLINES],
  'referrals.move': ['referrals.list', 'caseload.list', ...DEADLINES],
  'assessments.save': ['assessments.list', 'referrals.list', 'caseload.list', ...DEADLINES],
  'bands.set': ['bands.history', 'bands.distribution', 'caseload.list'],
  'caseload.allocate': ['caseload.allocations', 'caseload.list'],
  'caseload.endAllocation': ['caseload.allocations', 'caseload.list'],
  // Plans (IPPs) and placements.
  // Not ipps.get: the editor puts the saved plan into the cache itself (the editor is keyed by its version).
  'ipps.save': ['ipps.listForPupil', 'reviews.get', 'reviews.listForPupil'],
  'ipps.review': ['ipps.listForPupil'],
  'placements.save': ['placements.listForPupil'],
  // Sessions. A session scheduled or moved changes the months' "scheduled" and "upcoming" counts (sessions.stats).
  'sessions.schedule': ['sessions.list', 'sessions.freeSlots', 'sessions.stats', 'practitioners.caseload', 'dashboard.worklist'],
  'sessions.move': ['sessions.list', 'sessions.freeSlots', 'sessions.stats', 'practitioners.caseload', 'dashboard.worklist'],
  'sessions.record': ['sessions.list', 'sessions.stats', 'provision.delivered', 'dashboard.worklist'],
  'sessions.protected.save': ['sessions.protected.list', 'sessions.freeSlots'],
  // Reviews and parents' updates.
  'reviews.save': [
    'reviews.list',
    'reviews.listForPupil',
    'reviews.actions',
    'bands.history',
    'ipps.listForPupil',
    'placements.listForPupil',
    ...DEADLINES,
  ],
  'reviews.completeAction': ['reviews.actions', 'reviews.listForPupil', 'reviews.get', 'dashboard.worklist'],
  'parentUpdates.save': ['parentUpdates.list', 'parentUpdates.summary'],
  // Sharing and transfers.
  'exports.create': ['exports.log'],
  'exports.reviewPackPdf': ['exports.log'],
  'transfers.import': PUPIL_RECORD,
  'transfers.senders.trust': ['transfers.senders.list'],
  'transfers.senders.remove': ['transfers.senders.list'],
  // Safeguarding.
  'safeguarding.raise': ['safeguarding.list', 'safeguarding.alerts'],
  'safeguarding.acknowledge': ['safeguarding.list', 'safeguarding.alerts'],
  'safeguarding.close': ['safeguarding.list', 'safeguarding.alerts'],
  // Staff and governance.
  'staff.save': ['staff.list', 'staff.alerts'],
  'staff.cpd.add': ['staff.list', 'staff.alerts'],
  'staff.cpd.remove': ['staff.list', 'staff.alerts'],
  'feedback.save': ['feedback.list', 'feedback.report'],
  'policies.save': ['policies.list'],
  // A trust.
  'trust.schools.add': ['trust.schools.list', 'trust.figures'],
  // Pupil passports.
  'passports.save': ['passports.list'],
  // Drafts are read by the forms themselves when they open (lib/use-draft.ts), never from the query cache.
  'drafts.save': [],
  'drafts.discard': [],
  // Provision.
  'provisions.create': ['provisions.list', 'provisions.get', 'provision.map'],
  'provisions.update': ['provisions.list', 'provisions.get', 'provision.map'],
  'provisions.end': ['provisions.list', 'provisions.get', 'provision.map'],
  'provisions.placements.add': ['provisions.list', 'provisions.get', 'provision.map'],
  'provisions.placements.end': ['provisions.list', 'provisions.get', 'provision.map'],
  'provisions.placements.measures': ['provisions.list', 'provisions.get', 'provision.map'],
  'provision.rates.set': ['provision.rates.get', 'provision.map'],
  'provision.threshold.set': ['provision.threshold.get', 'provision.map'],
} as const satisfies ChangesMap;

/**
 * The reads a successful call of `op` changes: its entry in `changes` for a write, nothing for a read. A call made
 * with `dryRun: true` (calendar.import's preview) changes nothing.
 */
export function readsChangedBy(op: OpName, input?: unknown): Changes {
  if (typeof input === 'object' && input !== null && (input as { dryRun?: unknown }).dryRun === true) return [];
  return Object.prototype.hasOwnProperty.call(changes, op) ? (changes as ChangesMap)[op as WriteOpName] : [];
}
