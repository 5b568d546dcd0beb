/**
 * The field-level difference transfer in shows before anything is written (issue 14, item 7): for each field of
 * the pupil's record that importing would write, the value on record and the value in the package. Contacts are
 * matched by name (ignoring case and spaces), so a changed telephone number reads as "Mother, Jo Example: phone
 * 01632 960111 → 07700 900999" rather than as one list replacing another; a contact in only one list is added or
 * removed, field by field. The diff covers every field the import writes, so an empty diff means nothing is written.
 */
import type { Contact, PupilFields, TransferFieldChange, TransferValue } from '../../../shared/contract';

/** The pupil's fields as transfer in writes them (pupilCreateInput's output, less the status start date). */
export type TransferPupil = Omit<PupilFields, 'senStatusFrom' | 'contacts'> & { readonly contacts: readonly Contact[] };

/** Details fields, in the order a form shows them; upn is the key the pupil was found by, so never differs. */
export const DETAIL_FIELDS = [
  'legalFirstName',
  'legalLastName',
  'preferredFirstName',
  'preferredLastName',
  'dateOfBirth',
  'yearGroup',
  'className',
  'dateJoined',
  'dateLeft',
  'homeSchoolName',
  'homeSchoolUrn',
] as const satisfies readonly (keyof TransferPupil)[];
export const NEEDS_FIELDS = ['senStatus', 'needs'] as const satisfies readonly (keyof TransferPupil)[];
export const CONTACT_FIELDS = [
  'name',
  'relationship',
  'phone',
  'email',
  'parentalResponsibility',
] as const satisfies readonly (keyof Contact)[];

function same(a: TransferValue, b: TransferValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function value(v: unknown): TransferValue {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'boolean') return v;
  return String(v);
}

function field(
  section: TransferFieldChange['section'],
  name: string,
  before: TransferValue,
  after: TransferValue,
  item: string | null = null,
): TransferFieldChange | null {
  if (same(before, after)) return null;
  const change = before === null ? 'added' : after === null ? 'removed' : 'changed';
  return { section, field: name, item, change, before, after };
}

const contactKey = (c: Contact) => c.name.trim().replace(/\s+/g, ' ').toLowerCase();

function contactFields(before: Contact | null, after: Contact | null): TransferFieldChange[] {
  const item = (after ?? before)!.name;
  const out: TransferFieldChange[] = [];
  for (const f of CONTACT_FIELDS) {
    const b = before ? value(before[f]) : null;
    const a = after ? value(after[f]) : null;
    // Per value: a phone number given where there was none is added, even for a contact already on record.
    if (!same(b, a))
      out.push({
        section: 'contacts',
        field: f,
        item,
        change: b === null ? 'added' : a === null ? 'removed' : 'changed',
        before: b,
        after: a,
      });
  }
  return out;
}

/** The contacts' changes: matched by name, then those only on record (removed) and only in the package (added). */
export function contactsDiff(before: readonly Contact[], after: readonly Contact[]): TransferFieldChange[] {
  const out: TransferFieldChange[] = [];
  const unmatched = [...before];
  const pairs: [Contact, Contact][] = [];
  const added: Contact[] = [];
  for (const c of after) {
    const i = unmatched.findIndex((o) => contactKey(o) === contactKey(c));
    if (i >= 0) pairs.push([unmatched.splice(i, 1)[0]!, c]);
    else added.push(c);
  }
  for (const [b, a] of pairs) out.push(...contactFields(b, a));
  for (const b of unmatched) out.push(...contactFields(b, null));
  for (const a of added) out.push(...contactFields(null, a));
  // The same people, each the same, but listed in another order (the first is the one the school rings first).
  if (out.length === 0 && !same(before.map(contactKey), after.map(contactKey))) {
    out.push({
      section: 'contacts',
      field: 'order',
      item: null,
      change: 'changed',
      before: before.map((c) => c.name),
      after: after.map((c) => c.name),
    });
  }
  return out;
}

/**
 * What writing `next` over `current` (null: a new pupil) changes, field by field, in the order details, contacts,
 * needs. Every field of TransferPupil except upn is compared.
 */
export function pupilDiff(current: TransferPupil | null, next: TransferPupil): TransferFieldChange[] {
  const out: TransferFieldChange[] = [];
  for (const f of DETAIL_FIELDS) {
    const c = field('details', f, current ? value(current[f]) : null, value(next[f]));
    if (c) out.push(c);
  }
  out.push(...contactsDiff(current?.contacts ?? [], next.contacts));
  for (const f of NEEDS_FIELDS) {
    const before = current ? value(current[f]) : null;
    const after = value(next[f]);
    // A new pupil with no needs recorded: nothing to show for an empty list.
    if (!current && Array.isArray(after) && after.length === 0) continue;
    const c = field('needs', f, before, after);
    if (c) out.push(c);
  }
  return out;
}
