/**
 * The demo school, generated in memory and deterministically: the same size and academic year give the same
 * pupils, names, UPNs, dates and ids on every run and machine (seeded PRNG, and every date derived from the
 * academic year, never from today). Everything is synthetic: names are random pairings from common-name lists,
 * UPNs use LA code 999 (not a real local authority) and phone numbers and e-mail addresses come from the ranges
 * reserved for fiction and examples (Ofcom's 07700 900xxx, example.org).
 */
import type { Contact } from '../../../shared/contract';
import type { ContactRelationship, NeedCode, Role, SenStatus, YearGroup } from '../../../shared/domain';
import { makeUpn } from '../../../shared/upn';
import { demoCalendar, demoTerms, type DemoCalendarYear, type DemoTerm } from './calendar';
import { addDaysIso, randomDate, toDay, weekdayOnOrAfter, weekdayOnOrBefore } from './days';
import { generateEhcData, type DemoAssessmentRequest, type DemoPlan, type DemoTransfer, type EhcPupil } from './ehcp';
import { ADULT_FIRST_NAMES, FIRST_NAMES, SURNAMES } from './names';
import { createRng, type Rng } from './prng';
import { generateTherapyData, type DemoTherapy, type TherapyPupil } from './therapy';

export { addDaysIso } from './days';
export { demoTerms, type DemoTerm } from './calendar';

export const DEMO_SIZES = ['small', 'school', 'trust'] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

/**
 * The academic year the demo describes unless another is asked for. Fixed rather than "this year" so the data
 * (ages, year groups, dates) is identical whenever it is generated; pass another year to move it.
 */
export const DEMO_ACADEMIC_YEAR = '2026/27';
/** Not a real local authority's code (real ones run 201-938), so a demo UPN can never be a real child's. */
export const DEMO_LA_CODE = 999;
/** The first SENCo's username in a demo school set up by the demo itself. */
export const DEMO_SENCO_USERNAME = 'senco';
/** Used when SENCO_PASSWORD is not set; printed once when the demo sets a school up. Demo data only. */
export const DEMO_PASSWORD = 'senco-desk-demo';

interface SizeSpec {
  /** Schools' worth of pupils and staff (a trust is several); each gets its own establishment number. */
  readonly units: number;
  readonly pupilsPerUnit: number;
  readonly formersPerUnit: number;
  readonly ehcpPerUnit: number;
  readonly senSupportPerUnit: number;
  /** Year groups and their relative sizes (sixth forms are smaller than the main school years). */
  readonly years: readonly (readonly [YearGroup, number])[];
  readonly staff: 'small' | 'full';
}

const SECONDARY_WITH_SIXTH: SizeSpec['years'] = [
  ['7', 1],
  ['8', 1],
  ['9', 1],
  ['10', 1],
  ['11', 1],
  ['12', 0.55],
  ['13', 0.5],
];

/**
 * Sizes from the issue: small ~60 pupils and 3 staff; school ~2,000 pupils, 400 on the SEN register (about 3% with
 * an EHC plan and 17% on SEN support, close to the national secondary picture) and 12 staff; trust 5 schools' worth.
 */
export const DEMO_SPECS: Readonly<Record<DemoSize, SizeSpec>> = {
  small: {
    units: 1,
    pupilsPerUnit: 60,
    formersPerUnit: 2,
    ehcpPerUnit: 2,
    senSupportPerUnit: 10,
    years: SECONDARY_WITH_SIXTH.slice(0, 5),
    staff: 'small',
  },
  school: {
    units: 1,
    pupilsPerUnit: 2000,
    formersPerUnit: 20,
    ehcpPerUnit: 60,
    senSupportPerUnit: 340,
    years: SECONDARY_WITH_SIXTH,
    staff: 'full',
  },
  trust: {
    units: 5,
    pupilsPerUnit: 2000,
    formersPerUnit: 20,
    ehcpPerUnit: 60,
    senSupportPerUnit: 340,
    years: SECONDARY_WITH_SIXTH,
    staff: 'full',
  },
};

/**
 * Primary-need frequencies, roughly the shape of DfE "Special educational needs in England" for secondary pupils:
 * SEMH, SpLD, MLD and SLCN lead on SEN support; autism leads among EHC plans. NSA (no specialist assessment) is
 * only used on SEN support.
 */
const NEEDS_SEN_SUPPORT: readonly (readonly [NeedCode, number])[] = [
  ['SEMH', 22],
  ['SPLD', 17],
  ['MLD', 13],
  ['SLCN', 12],
  ['ASD', 12],
  ['NSA', 6],
  ['OTH', 5],
  ['PD', 3],
  ['HI', 2],
  ['VI', 1],
  ['MSI', 0.5],
  ['SLD', 0.5],
];
const NEEDS_EHCP: readonly (readonly [NeedCode, number])[] = [
  ['ASD', 36],
  ['SEMH', 17],
  ['SLCN', 13],
  ['SLD', 8],
  ['MLD', 8],
  ['PD', 5],
  ['SPLD', 4],
  ['HI', 3],
  ['VI', 2],
  ['OTH', 2],
  ['PMLD', 1],
  ['MSI', 1],
];

export interface DemoStatusPeriod {
  readonly id: string;
  readonly status: SenStatus;
  readonly startDate: string;
  readonly endDate: string | null;
}

export interface DemoPupil {
  readonly id: string;
  readonly upn: string;
  readonly legalFirstName: string;
  readonly legalLastName: string;
  readonly preferredFirstName: string | null;
  readonly preferredLastName: string | null;
  readonly dateOfBirth: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  readonly dateJoined: string;
  readonly dateLeft: string | null;
  readonly homeSchoolName: string | null;
  readonly homeSchoolUrn: string | null;
  /** Oldest first; the last is open (end date null). */
  readonly senHistory: readonly DemoStatusPeriod[];
  /** Ranked: primary need first. */
  readonly needs: readonly NeedCode[];
  readonly contacts: readonly Contact[];
  /** When the SENCo recorded that a recent joiner's needs were identified (null: not yet, or not a recent joiner). */
  readonly needsIdentifiedOn: string | null;
}

export interface DemoStaff {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** What they do, for the printed list (therapists' disciplines). */
  readonly job: string;
}

export interface DemoData {
  readonly size: DemoSize;
  readonly academicYear: string;
  /** The date the demo describes ("as of"): 1 October of the academic year. */
  readonly referenceDate: string;
  readonly school: { readonly name: string; readonly urn: string; readonly localAuthority: string };
  readonly staff: readonly DemoStaff[];
  /** The academic year's terms (the same as the last entry of `calendar`). */
  readonly terms: readonly DemoTerm[];
  /** Terms, INSET days and bank holidays of the year before and of the academic year itself. */
  readonly calendar: readonly DemoCalendarYear[];
  readonly pupils: readonly DemoPupil[];
  /** One final EHC plan for every current pupil with status E, with its versions and annual reviews. */
  readonly plans: readonly DemoPlan[];
  /** Requests for an EHC needs assessment the school made for a few pupils on SEN support. */
  readonly assessmentRequests: readonly DemoAssessmentRequest[];
  /** Phase transfers the SENCo recorded for pupils with plans at the end of a phase (Year 11 here). */
  readonly transfers: readonly DemoTransfer[];
  /** The therapy team's records for the pupils on the SEN register: bands, referrals, assessments, plans, placements. */
  readonly therapy: DemoTherapy;
}

export function academicYearStart(academicYear: string): number {
  const y = Number(academicYear.slice(0, 4));
  if (!/^\d{4}\/\d{2}$/.test(academicYear) || (y + 1) % 100 !== Number(academicYear.slice(5))) {
    throw new Error(`"${academicYear}" is not an academic year: use the form 2026/27.`);
  }
  return y;
}

// ---- staff ----

const FULL_STAFF: readonly (readonly [Role, string, string])[] = [
  ['senco', 'senco', 'SENCo'],
  ['therapy_lead', 'therapy.lead', 'Therapy lead'],
  ['therapist', 'therapist1', 'Speech and language therapist'],
  ['therapist', 'therapist2', 'Occupational therapist'],
  ['therapist', 'therapist3', 'Educational psychologist'],
  ['teacher', 'teacher1', 'Teacher'],
  ['teacher', 'teacher2', 'Teacher'],
  ['teacher', 'teacher3', 'Teaching assistant'],
  ['headteacher', 'head', 'Headteacher'],
  ['dsl', 'dsl', 'Designated safeguarding lead'],
  ['office', 'office1', 'Office manager'],
  ['office', 'office2', 'Administrator'],
];
const SMALL_STAFF = FULL_STAFF.filter(([, u]) => ['senco', 'therapist1', 'teacher1'].includes(u));

/** The staff usernames a demo of this size makes, in order (schools 2 and up of a trust add ".2", ".3", ...). */
export function demoUsernames(size: DemoSize): string[] {
  const spec = DEMO_SPECS[size];
  const out: string[] = [];
  for (let unit = 1; unit <= spec.units; unit++) {
    for (const [, base] of spec.staff === 'full' ? FULL_STAFF : SMALL_STAFF) out.push(unit === 1 ? base : `${base}.${unit}`);
  }
  return out;
}

// ---- pupils ----

const ESTABLISHMENT_BASE: Readonly<Record<DemoSize, number>> = { small: 4100, school: 4000, trust: 4200 };
const CLASS_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const RELATIONSHIPS: readonly (readonly [ContactRelationship, number])[] = [
  ['mother', 50],
  ['father', 30],
  ['carer', 8],
  ['grandparent', 6],
  ['guardian', 4],
  ['other', 2],
];

/** Splits `total` in proportion to the weights, largest remainders first, so the parts add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) {
    const i = order[k % order.length]![1];
    parts[i] = parts[i]! + 1;
  }
  return parts;
}

function contactFor(rng: Rng, surname: string, relationship: ContactRelationship): Contact {
  const first = rng.pick(ADULT_FIRST_NAMES);
  const last = relationship === 'mother' || relationship === 'father' || rng.chance(0.3) ? surname : rng.pick(SURNAMES);
  return {
    name: `${first} ${last}`,
    relationship,
    phone: `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`,
    email: rng.chance(0.8) ? `${first}.${last}${rng.int(1, 99)}@example.org`.toLowerCase() : null,
    parentalResponsibility:
      relationship === 'mother' ||
      relationship === 'father' ||
      relationship === 'guardian' ||
      (relationship === 'carer' && rng.chance(0.5)),
  };
}

function distinctSecondary(rng: Rng, primary: NeedCode, table: readonly (readonly [NeedCode, number])[]): NeedCode | null {
  if (primary === 'NSA') return null;
  const options = table.filter(([n]) => n !== primary && n !== 'NSA');
  return rng.weighted(options);
}

export function generateDemo(size: DemoSize, academicYear: string = DEMO_ACADEMIC_YEAR): DemoData {
  const spec = DEMO_SPECS[size];
  const S = academicYearStart(academicYear);
  const rng = createRng(`senco-desk-demo:${size}:${academicYear}`);
  const referenceDate = `${S}-10-01`;
  const termStartOf = (year: number) => demoTerms(year)[0]!.startDate;

  const staff: DemoStaff[] = [];
  for (let unit = 1; unit <= spec.units; unit++) {
    for (const [role, base, job] of spec.staff === 'full' ? FULL_STAFF : SMALL_STAFF) {
      const first = rng.pick(ADULT_FIRST_NAMES);
      staff.push({
        id: rng.uuid(),
        username: unit === 1 ? base : `${base}.${unit}`,
        displayName: `${first} ${rng.pick(SURNAMES)}`,
        role,
        job: spec.units > 1 ? `${job}, school ${unit}` : job,
      });
    }
  }

  const pupils: DemoPupil[] = [];
  const unitOf = new Map<string, number>();
  for (let unit = 1; unit <= spec.units; unit++) {
    // Each size has its own establishment numbers, so two sizes can be loaded into one folder without clashing.
    const establishment = ESTABLISHMENT_BASE[size] + unit;
    const serials = new Map<number, number>();
    const nextUpn = (allocationYear: number) => {
      const serial = (serials.get(allocationYear) ?? 0) + 1;
      serials.set(allocationYear, serial);
      return makeUpn(DEMO_LA_CODE, establishment, allocationYear, serial);
    };

    // Who is on the register: drawn once per school so the counts are exact.
    const register = new Map<number, SenStatus>();
    const order = rng.shuffle(Array.from({ length: spec.pupilsPerUnit }, (_, i) => i));
    order.slice(0, spec.ehcpPerUnit).forEach((i) => register.set(i, 'E'));
    order.slice(spec.ehcpPerUnit, spec.ehcpPerUnit + spec.senSupportPerUnit).forEach((i) => register.set(i, 'K'));

    const counts = apportion(
      spec.pupilsPerUnit,
      spec.years.map(([, w]) => w),
    );
    let index = 0;
    const makePupil = (yearGroup: YearGroup, className: string, status: SenStatus, leftInYear: number | null): DemoPupil => {
      const y = Number(yearGroup);
      // The academic year the pupil is (or was last) in, and the September they started Year 7 and Reception.
      const inYear = leftInYear ?? S;
      const y7Start = inYear - (y - 7);
      const receptionYear = inYear - y;
      const dateOfBirth = randomDate(rng, `${inYear - y - 5}-09-01`, `${inYear - y - 4}-08-31`);
      let dateJoined = termStartOf(y7Start);
      if (y >= 12 && rng.chance(0.2))
        dateJoined = termStartOf(inYear - (y - 12)); // joined the sixth form
      else if (y > 7 && rng.chance(0.08)) dateJoined = weekdayOnOrAfter(randomDate(rng, addDaysIso(dateJoined, 30), `${inYear}-06-30`));
      const dateLeft = leftInYear === null ? null : demoTerms(leftInYear)[5]!.endDate;
      const legalLastName = rng.pick(SURNAMES);
      const legalFirstName = rng.pick(FIRST_NAMES);
      const preferredFirstName = rng.chance(0.05) ? rng.pick(FIRST_NAMES.filter((n) => n !== legalFirstName)) : null;

      // SEN history: the open period, and before it an earlier status where there was time for one.
      const lastDay = dateLeft ?? referenceDate;
      const history: DemoStatusPeriod[] = [];
      const canChange = toDay(lastDay) - toDay(dateJoined) > 120;
      const earlier: SenStatus | null = status === 'E' ? 'K' : status === 'K' && rng.chance(0.5) ? 'N' : null;
      if (earlier && canChange) {
        const from = randomDate(rng, addDaysIso(dateJoined, 60), addDaysIso(lastDay, -30));
        history.push({ id: rng.uuid(), status: earlier, startDate: dateJoined, endDate: addDaysIso(from, -1) });
        history.push({ id: rng.uuid(), status, startDate: from, endDate: null });
      } else {
        history.push({ id: rng.uuid(), status, startDate: dateJoined, endDate: null });
      }

      const needs: NeedCode[] = [];
      if (status !== 'N') {
        const table = status === 'E' ? NEEDS_EHCP : NEEDS_SEN_SUPPORT;
        const primary = rng.weighted(table);
        needs.push(primary);
        if (rng.chance(status === 'E' ? 0.6 : 0.35)) {
          const second = distinctSecondary(rng, primary, table);
          if (second) needs.push(second);
        }
      }

      const contacts: Contact[] = [];
      const contactCount = status !== 'N' ? (rng.chance(0.75) ? 2 : 1) : rng.chance(0.25) ? 1 : 0;
      for (let c = 0; c < contactCount; c++) {
        let relationship = rng.weighted(RELATIONSHIPS);
        if (contacts.some((k) => k.relationship === relationship)) relationship = relationship === 'mother' ? 'father' : 'carer';
        contacts.push(contactFor(rng, legalLastName, relationship));
      }

      return {
        id: rng.uuid(),
        upn: nextUpn(receptionYear),
        legalFirstName,
        legalLastName,
        preferredFirstName,
        preferredLastName: null,
        dateOfBirth,
        yearGroup,
        className,
        dateJoined,
        dateLeft,
        homeSchoolName: null,
        homeSchoolUrn: null,
        senHistory: history,
        needs,
        contacts,
        needsIdentifiedOn: null,
      };
    };

    spec.years.forEach(([yearGroup], yi) => {
      const count = counts[yi]!;
      const classes = Math.max(1, Math.ceil(count / 30));
      for (let i = 0; i < count; i++) {
        const p = makePupil(yearGroup, `${yearGroup}${CLASS_LETTERS[i % classes]}`, register.get(index) ?? 'N', null);
        pupils.push(p);
        unitOf.set(p.id, unit);
        index++;
      }
    });
    // Last year's leavers stay on record (UPNs are never reused, and SEN files are kept: IRMS toolkit).
    for (let i = 0; i < spec.formersPerUnit; i++) {
      const yearGroup: YearGroup = rng.chance(0.6) ? '11' : '13';
      pupils.push(makePupil(yearGroup, `${yearGroup}${CLASS_LETTERS[rng.int(0, 5)]}`, rng.chance(0.2) ? 'K' : 'N', S - 1));
    }
  }

  const school =
    size === 'trust'
      ? { name: 'Larkspur Learning Trust (demo)', urn: '999003', localAuthority: 'Exampleshire (fictional)' }
      : size === 'school'
        ? { name: 'Larkspur High School (demo)', urn: '999002', localAuthority: 'Exampleshire (fictional)' }
        : { name: 'Brookfield Academy (demo)', urn: '999001', localAuthority: 'Exampleshire (fictional)' };

  // EHC plans, reviews and assessment requests: a PRNG stream of their own, so the pupils above stay as they were.
  const ehcRng = createRng(`senco-desk-demo-ehc:${size}:${academicYear}`);
  const staffOf = (unit: number, base: string) => {
    const username = unit === 1 ? base : `${base}.${unit}`;
    return staff.some((s) => s.username === username) ? username : null;
  };
  const ehcPupils: EhcPupil[] = pupils
    .filter((p) => p.dateLeft === null)
    .map((p) => {
      const unit = unitOf.get(p.id) ?? 1;
      return {
        id: p.id,
        yearGroup: p.yearGroup,
        dateJoined: p.dateJoined,
        status: p.senHistory[p.senHistory.length - 1]!.status,
        needs: p.needs,
        senco: staffOf(unit, 'senco') ?? 'senco',
        deputy: staffOf(unit, 'therapy.lead'),
      };
    });
  const ehc = generateEhcData(ehcRng, ehcPupils, { referenceDate, startYear: S, schoolLocalAuthority: school.localAuthority, school });

  const withEhc = pupils.map((p): DemoPupil => {
    let out = p;
    // The register follows the plan: status E from the day the plan was issued (or from joining, when the plan
    // came with the pupil), SEN support before it.
    const issued = ehc.issuedFor.get(p.id);
    if (issued) {
      const open = p.senHistory[p.senHistory.length - 1]!;
      const support = p.senHistory.length > 1 ? p.senHistory[0]! : null;
      if (issued > addDaysIso(p.dateJoined, 30)) {
        out = {
          ...p,
          senHistory: [
            { id: support?.id ?? ehcRng.uuid(), status: 'K', startDate: p.dateJoined, endDate: addDaysIso(issued, -1) },
            { ...open, startDate: issued },
          ],
        };
      } else {
        out = { ...p, senHistory: [{ ...open, startDate: p.dateJoined }] };
      }
    }
    // Recent joiners (the last 12 months): most have had their needs identified, this term's mostly within weeks.
    if (p.dateLeft === null && p.dateJoined <= referenceDate && toDay(referenceDate) - toDay(p.dateJoined) <= 365) {
      const thisYear = p.dateJoined >= `${S}-09-01`;
      if (ehcRng.chance(thisYear ? 0.9 : 0.97)) {
        const latest = thisYear ? addDaysIso(referenceDate, -1) : addDaysIso(p.dateJoined, 45);
        const candidate = weekdayOnOrBefore(
          randomDate(ehcRng, addDaysIso(p.dateJoined, 7), [latest, addDaysIso(p.dateJoined, 42)].sort()[0]!),
        );
        if (candidate >= p.dateJoined && candidate < referenceDate) out = { ...out, needsIdentifiedOn: candidate };
      }
    }
    return out;
  });

  // The therapy team's records: a PRNG stream of their own too, so everything above stays as it was.
  const staffByUnit = new Map<number, Map<string, { username: string; displayName: string }>>();
  for (let unit = 1; unit <= spec.units; unit++) {
    const m = new Map<string, { username: string; displayName: string }>();
    for (const [, base] of FULL_STAFF) {
      const s = staff.find((x) => x.username === (unit === 1 ? base : `${base}.${unit}`));
      if (s) m.set(base, { username: s.username, displayName: s.displayName });
    }
    staffByUnit.set(unit, m);
  }
  const outcomesOf = new Map(ehc.plans.map((p) => [p.pupilId, p.versions[p.versions.length - 1]!.content.outcomes.map((o) => o.key)]));
  const therapyPupils: TherapyPupil[] = withEhc
    .filter((p) => p.dateLeft === null && p.dateJoined < referenceDate)
    .flatMap((p) => {
      const status = p.senHistory[p.senHistory.length - 1]!.status;
      if (status === 'N') return [];
      return [
        {
          id: p.id,
          yearGroup: p.yearGroup,
          dateJoined: p.dateJoined,
          status,
          needs: p.needs,
          parentName: p.contacts.find((k) => k.parentalResponsibility)?.name ?? null,
          ehcpOutcomeIds: outcomesOf.get(p.id) ?? [],
          staff: staffByUnit.get(unitOf.get(p.id) ?? 1)!,
        },
      ];
    });
  const therapy = generateTherapyData(createRng(`senco-desk-demo-therapy:${size}:${academicYear}`), therapyPupils, {
    referenceDate,
    localAuthority: school.localAuthority,
    placements: size === 'small' ? 0 : size === 'school' ? 2 : 5,
  });

  const calendar = [demoCalendar(S - 1), demoCalendar(S)];
  return {
    size,
    academicYear,
    referenceDate,
    school,
    staff,
    terms: calendar[1]!.terms,
    calendar,
    pupils: withEhc,
    plans: ehc.plans,
    assessmentRequests: ehc.assessmentRequests,
    transfers: ehc.transfers,
    therapy,
  };
}
