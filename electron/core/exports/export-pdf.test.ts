/**
 * The readable PDF of an agency export, read back as a reader gets it (poppler's pdftotext) from a synthetic record
 * with every section filled and a school year of sessions: the cover's facts and lawful basis in words, each
 * section's own layout, dates as dd/mm/yyyy only, words for codes, no internal ids, a header and "Page N of M" on
 * every page, and a file qpdf accepts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssessmentRecord,
  ExportSection,
  IppView,
  OutputOf,
  ParentUpdate,
  PlanView,
  PupilProfile,
  ReferralRecord,
  ReviewMeeting,
  SessionView,
} from '../../../shared/contract';
import { EXPORT_SECTIONS } from '../../../shared/contract';
import { i18n, t } from '../../../shared/i18n';
import { makeUpn } from '../../../shared/upn';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportDocument } from './export-data';
import { renderExportPdf } from './export-pdf';
import { SCRIPT_NAMES, pdfFonts, pdfPages } from '../reports/script-names';

const HAVE_TOOLS = ['pdftotext', 'pdfinfo', 'qpdf'].every((tool) => existsSync(`/usr/bin/${tool}`));
const NO_TOOLS = HAVE_TOOLS ? '' : ' (skipped: poppler-utils and qpdf are not installed; apt-get install poppler-utils qpdf)';

const title = (s: ExportSection) => t(`exportSections.${s}`);

// ---- a synthetic pupil's record ----

let idCounter = 0;
/** Ids like the app's (UUIDs): none of them may reach the PDF. */
const newId = () => `7c0ffee0-0000-4000-8000-${String(++idCounter).padStart(12, '0')}`;
const PUPIL_ID = newId();
const UPN = makeUpn(999, 4300, 15, 42);
const NAME = 'Zoë Ó Briain';
const EXPORTED_AT = '2026-06-15T09:30:00.000Z';
const TODAY = '2026-06-15';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const details: Omit<PupilProfile, 'needs' | 'senStatus' | 'senHistory' | 'needsIdentifiedOn'> = {
  id: PUPIL_ID,
  upn: UPN,
  name: NAME,
  legalFirstName: 'Zoë',
  legalLastName: 'Ó Briain',
  preferredFirstName: 'Zo',
  preferredLastName: null,
  dateOfBirth: '2015-03-09',
  yearGroup: '5',
  className: '5 Oak',
  dateJoined: '2019-09-04',
  dateLeft: null,
  homeSchoolName: null,
  homeSchoolUrn: null,
  contacts: [
    { name: 'Aoife Ó Briain', relationship: 'mother', phone: '07700 900123', email: 'aoife@example.org', parentalResponsibility: true },
    { name: 'Łucja Nowak', relationship: 'grandparent', phone: null, email: null, parentalResponsibility: false },
  ],
  createdAt: '2019-09-04T08:00:00.000Z',
  updatedAt: '2026-01-10T08:00:00.000Z',
};

const needs = {
  senStatus: 'E',
  needs: ['ASD', 'SLCN'],
  needsIdentifiedOn: '2019-11-20',
  senHistory: [
    { status: 'K', startDate: '2019-11-20', endDate: '2024-02-11' },
    { status: 'E', startDate: '2024-02-12', endDate: null },
  ],
};

const needKey = newId();
const outcomeKey = newId();
const ehcp: PlanView[] = [
  {
    plan: {
      id: newId(),
      pupilId: PUPIL_ID,
      localAuthority: 'Exampleshire',
      ownerId: newId(),
      status: 'final',
      draftDate: '2023-12-01',
      issuedDate: '2024-02-12',
      ceasedDate: null,
      ceasedReason: null,
      currentVersion: 2,
      versions: [
        {
          number: 1,
          kind: 'original',
          effectiveDate: '2024-02-12',
          reason: null,
          namesNextPhase: false,
          createdAt: '2024-02-12T09:00:00.000Z',
          createdBy: 'Sam Senco (sam.senco)',
        },
        {
          number: 2,
          kind: 'amendment',
          effectiveDate: '2025-03-01',
          reason: 'Annual review: speech and language provision increased.',
          namesNextPhase: false,
          createdAt: '2025-03-01T09:00:00.000Z',
          createdBy: 'Sam Senco (sam.senco)',
        },
      ],
    },
    pupilName: NAME,
    version: {
      number: 2,
      kind: 'amendment',
      effectiveDate: '2025-03-01',
      reason: 'Annual review: speech and language provision increased.',
      namesNextPhase: false,
      createdAt: '2025-03-01T09:00:00.000Z',
      createdBy: 'Sam Senco (sam.senco)',
    },
    content: {
      sectionA: { views: 'Likes trains and drawing maps.', interests: null, aspirations: 'Wants to drive a train one day.' },
      needs: [
        {
          key: needKey,
          area: 'communication_interaction',
          description: 'Finds it hard to follow spoken instructions with more than two parts.',
        },
      ],
      items: [{ section: 'G', description: 'Annual review by the community paediatrician.', provider: 'Exampleshire NHS Trust' }],
      outcomes: [
        {
          key: outcomeKey,
          description: 'Will follow a three-part instruction in class without an adult repeating it.',
          targetDate: '2027-07-16',
          needKeys: [needKey],
          pfaArea: null,
        },
      ],
      provision: [
        {
          key: newId(),
          description: 'Direct speech and language therapy',
          frequencyCount: 1,
          frequencyPeriod: 'week',
          sessionMinutes: 30,
          durationWeeks: 36,
          groupSize: 1,
          deliveredBy: 'Speech and language therapist',
          expertise: 'HCPC-registered speech and language therapist',
          markedQuantified: true,
          outcomeKeys: [outcomeKey],
          provisionId: null,
        },
        {
          key: newId(),
          description: 'Language group',
          frequencyCount: 3,
          frequencyPeriod: 'week',
          sessionMinutes: 20,
          durationWeeks: null,
          groupSize: 4,
          deliveredBy: 'Teaching assistant',
          expertise: null,
          markedQuantified: true,
          outcomeKeys: [outcomeKey],
          provisionId: null,
        },
      ],
      placement: { name: 'Oakfield Primary (synthetic)', urn: '100001', type: 'Mainstream primary school' },
      personalBudget: null,
      advice: [{ title: 'Educational psychology advice', author: 'Dr Example (fictional)', date: '2023-10-02' }],
    },
    goldenThread: {
      needsWithoutOutcome: [],
      needsWithoutProvision: [],
      provisionWithoutOutcome: [],
      outcomesWithoutNeed: [],
      provisionNotQuantified: [],
      problems: 0,
    },
  },
];

const referralId = newId();
const referrals: ReferralRecord[] = [
  {
    id: referralId,
    pupilId: PUPIL_ID,
    pupilName: NAME,
    referrerKind: 'teacher',
    referrerName: 'Mr Class Teacher',
    laCategory: null,
    discipline: 'speech_language',
    reason: 'Struggles to follow instructions in class; rarely answers questions.',
    receivedDate: '2025-09-08',
    consentStatus: 'given',
    consentBy: 'Aoife Ó Briain',
    consentDate: '2025-09-09',
    state: 'assessment_booked',
    declinedReason: null,
    history: [
      { from: null, to: 'received', date: '2025-09-08', reason: null, by: 'Sam Senco (sam.senco)' },
      { from: 'received', to: 'accepted', date: '2025-09-10', reason: null, by: 'Sam Senco (sam.senco)' },
      { from: 'accepted', to: 'assessment_booked', date: '2025-09-15', reason: null, by: 'Tess Therapist (tess.t)' },
    ],
  },
];

const assessments: AssessmentRecord[] = [
  {
    id: newId(),
    pupilId: PUPIL_ID,
    referralId,
    kind: 'initial',
    discipline: 'psychology',
    assessorName: 'Dr Example (fictional)',
    date: '2025-10-01',
    needLevel: 'high',
    notes:
      'Synthetic notes: strengths in visual memory; needs support with working memory.\n\nRecommendations shared with the class teacher.',
    scores: [
      { measure: 'sdq', scale: 'emotional', value: 6 },
      { measure: 'sdq', scale: 'conduct', value: 3 },
      { measure: 'sdq', scale: 'hyperactivity', value: 7 },
      { measure: 'sdq', scale: 'peer', value: 5 },
      { measure: 'sdq', scale: 'total', value: 21 },
    ],
    thrive: [{ strand: 'power_identity', result: 'partly_secure', notes: 'Growing confidence in small groups.' }],
  },
];

const bands: OutputOf<'bands.history'> = {
  current: {
    band: 'targeted',
    needLevel: null,
    startDate: '2025-11-03',
    endDate: null,
    plannedWeeks: 24,
    reason: 'Little progress on Universal.',
    by: 'Sam Senco (sam.senco)',
    reviewId: null,
  },
  history: [
    {
      band: 'universal',
      needLevel: 'medium',
      startDate: '2024-02-12',
      endDate: '2025-11-02',
      plannedWeeks: null,
      reason: 'Needs identified from the EHC plan.',
      by: 'Sam Senco (sam.senco)',
      reviewId: null,
    },
    {
      band: 'targeted',
      needLevel: null,
      startDate: '2025-11-03',
      endDate: null,
      plannedWeeks: 24,
      reason: 'Little progress on Universal.',
      by: 'Sam Senco (sam.senco)',
      reviewId: null,
    },
  ],
  flagged: false,
  nextStep: null,
};

const ippId = newId();
const goalA = newId();
const goalB = newId();
const ipps: IppView[] = [
  {
    id: ippId,
    pupilId: PUPIL_ID,
    pupilName: NAME,
    currentVersion: 1,
    closedDate: null,
    versions: [{ number: 1, createdAt: '2025-11-03T09:00:00.000Z', createdBy: 'Sam Senco (sam.senco)', reason: null, reviewId: null }],
    version: 1,
    title: 'Targeted plan: following instructions',
    startDate: '2025-11-03',
    reviewDate: '2026-02-09',
    endDate: '2026-04-20',
    weeks: 24,
    lengthDays: 168,
    expectedOutcomes: 'Expected level on both goals by the end of the plan.',
    goals: [
      {
        key: goalA,
        description: 'Follows a two-part instruction',
        ehcpOutcomeId: outcomeKey,
        ehcpOutcome: 'Will follow a three-part instruction in class without an adult repeating it.',
        levels: {
          m2: 'Needs every instruction repeated',
          m1: 'Follows one part',
          expected: 'Follows both parts',
          p1: 'Follows three parts',
          p2: 'Follows three parts in a noisy room',
        },
        weight: 1,
      },
      {
        key: goalB,
        description: 'Asks for help when stuck',
        ehcpOutcomeId: null,
        ehcpOutcome: null,
        levels: { m2: null, m1: 'Asks when prompted', expected: 'Asks unprompted once a lesson', p1: null, p2: null },
        weight: 1,
      },
    ],
    interventions: [
      {
        id: newId(),
        discipline: 'speech_language',
        description: 'Listening and attention programme',
        frequencyCount: 2,
        frequencyPeriod: 'week',
        sessionMinutes: 30,
        durationWeeks: 24,
        groupSize: 1,
        staffingRatio: 'one_to_one',
        deliveredBy: 'Teaching assistant',
        classroomStrategies: 'Give instructions one part at a time, with a visual prompt.',
        provisionId: null,
      },
    ],
    reviews: [
      {
        date: '2026-02-09',
        note: 'Steady progress on both goals.',
        mean: -0.5,
        ratings: [
          { goalKey: goalA, rating: 0, note: null, weight: 1 },
          { goalKey: goalB, rating: -1, note: 'Still waits to be asked.', weight: 1 },
        ],
      },
    ],
  },
];

/** A school year of sessions, two a day on weekdays: attended mostly, some absent, some cancelled, the rest after the export still to come. */
function makeSessions(count: number, from: string): SessionView[] {
  const out: SessionView[] = [];
  const by = ['school', 'therapist', 'family'] as const;
  for (let day = 0; out.length < count; day++) {
    const date = addDays(from, day);
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    for (const [startTime, endTime, discipline] of [
      ['09:00', '09:30', 'speech_language'],
      ['13:15', '14:00', 'occupational_therapy'],
    ] as const) {
      if (out.length >= count) break;
      const i = out.length;
      const upcoming = date > TODAY;
      // Some past sessions were never recorded: "not recorded", neither attended nor missed.
      const attendance = upcoming || i % 13 === 7 ? 'pending' : i % 7 === 3 ? 'absent' : i % 11 === 5 ? 'cancelled' : 'attended';
      out.push({
        id: newId(),
        seriesId: newId(),
        title: discipline === 'speech_language' ? 'Listening and attention' : 'Fine motor skills',
        discipline,
        location: 'Therapy room',
        date,
        startTime,
        endTime,
        durationMinutes: discipline === 'speech_language' ? 30 : 45,
        provisionId: null,
        practitioners: [{ id: newId(), name: discipline === 'speech_language' ? 'Tess Therapist' : 'Olu Occupational' }],
        pupils: [
          {
            pupilId: PUPIL_ID,
            name: NAME,
            initials: 'ZÓ',
            ehcpProvisionId: null,
            ippInterventionId: null,
            attendance,
            cancelledBy: attendance === 'cancelled' ? by[i % 3]! : null,
            reason: attendance === 'cancelled' ? 'Room needed for a school event' : attendance === 'absent' ? 'Unwell' : null,
            deliveredMinutes: attendance === 'attended' ? (i % 4 === 0 ? null : 25) : null,
            notes:
              attendance === 'attended' && i % 5 === 0
                ? 'Worked on two-part instructions with picture cards; followed most of them without a repeat, then practised asking for help with a cue card.'
                : null,
          },
        ],
        recorded: attendance !== 'pending',
      });
    }
  }
  return out;
}
const sessions = makeSessions(420, '2025-09-03');

const reviews: ReviewMeeting[] = [
  {
    id: newId(),
    pupilId: PUPIL_ID,
    kind: 'plan',
    date: '2026-02-09',
    status: 'held',
    ippId,
    ippTitle: 'Targeted plan: following instructions',
    placementId: null,
    ehcPlanId: null,
    attendees: [
      { role: 'parent_carer', name: 'Aoife Ó Briain', organisation: null, present: true },
      { role: 'external', name: 'Dr Example (fictional)', organisation: 'Exampleshire EPS', present: false },
    ],
    pupilViews: 'I like the picture cards.',
    parentViews: 'Mornings are easier now.',
    discussion: 'Good progress on goal 1; goal 2 needs more practice.',
    ratings: [
      { goalKey: goalA, rating: 0, note: null, weight: 1 },
      { goalKey: goalB, rating: -1, note: null, weight: 1 },
    ],
    tScore: 43.79826327053958,
    decisions: [
      {
        kind: 'band_up',
        band: 'specific',
        needLevel: 'high',
        plannedWeeks: 30,
        note: 'More intensive support agreed.',
        actedAt: '2026-02-09T16:00:00.000Z',
        actedOn: `band_period:${newId()}`,
      },
    ],
    actions: [
      {
        id: newId(),
        reviewId: newId(),
        pupilId: PUPIL_ID,
        pupilName: NAME,
        reviewKind: 'plan',
        reviewDate: '2026-02-09',
        description: 'Send the home practice sheet',
        ownerUserId: newId(),
        ownerName: 'Tess Therapist',
        dueDate: '2026-02-20',
        doneDate: null,
        overdue: true,
      },
    ],
    statutory: null,
    annual: null,
    recordedBy: 'Sam Senco (sam.senco)',
    updatedAt: '2026-02-09T16:00:00.000Z',
  },
  {
    id: newId(),
    pupilId: PUPIL_ID,
    kind: 'annual',
    date: '2025-02-10',
    status: 'held',
    ippId: null,
    ippTitle: null,
    placementId: null,
    ehcPlanId: ehcp[0]!.plan.id,
    attendees: [{ role: 'senco', name: 'Sam Senco', organisation: null, present: true }],
    pupilViews: null,
    parentViews: null,
    discussion: null,
    ratings: [],
    tScore: null,
    decisions: [],
    actions: [],
    statutory: {
      invitationsSentDate: '2025-01-06',
      adviceCirculatedDate: '2025-01-27',
      reportSentDate: '2025-02-20',
      laDecisionDate: '2025-03-01',
      laDecision: 'amend',
      amendedFinalDate: null,
    },
    annual: {
      outcomes: [
        {
          outcomeKey: 'o1',
          outcome: 'Follows two-step classroom instructions with visual prompts.',
          progress: 'partly',
          note: 'Uses the visual timetable unprompted.',
        },
      ],
      amendments: [{ section: 'F', text: 'Speech and language therapy weekly instead of fortnightly.' }],
      recommendation: 'amend',
    },
    recordedBy: 'Sam Senco (sam.senco)',
    updatedAt: '2025-02-20T16:00:00.000Z',
  },
];

const parentUpdates: ParentUpdate[] = [
  {
    id: newId(),
    pupilId: PUPIL_ID,
    date: '2026-03-02',
    method: 'phone',
    summary: 'Called to share the plan review outcome.',
    sentBy: 'Sam Senco (sam.senco)',
  },
  {
    id: newId(),
    pupilId: PUPIL_ID,
    date: '2025-12-05',
    method: 'letter',
    summary: 'Letter about the new Targeted plan.',
    sentBy: 'Sam Senco (sam.senco)',
  },
];

const DATA: Readonly<Record<ExportSection, unknown>> = {
  details,
  needs,
  ehcp,
  referrals,
  assessments,
  bands,
  plans: ipps,
  sessions,
  reviews,
  parent_updates: parentUpdates,
};

function exportDoc(sections: readonly ExportSection[] = EXPORT_SECTIONS): ExportDocument {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    exportedAt: EXPORTED_AT,
    from: { school: 'Oakfield Primary (synthetic)', urn: '100001', exportedBy: 'Sam Senco (sam.senco)' },
    to: { organisation: 'Exampleshire Educational Psychology Service' },
    basis: { article6: 'public_task', article9: 'substantial_public_interest' },
    pupil: { upn: UPN, name: NAME, dateOfBirth: details.dateOfBirth, yearGroup: details.yearGroup },
    sections,
    data: Object.fromEntries(sections.map((s) => [s, DATA[s]])),
  };
}

// ---- reading the PDF back ----

const dir = mkdtempSync(join(tmpdir(), 'export-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function write(name: string, doc: ExportDocument): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await renderExportPdf(doc, title));
  return file;
}
const rawText = (file: string, page?: number) =>
  execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8' });
/** The text with runs of white space as one space (table columns and wrapped lines read as one line). */
const flat = (s: string) => s.replace(/\s+/g, ' ');
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

describe.skipIf(!HAVE_TOOLS)(`the agency export PDF${NO_TOOLS}`, () => {
  let file: string;
  let text: string;
  let pages: number;

  beforeAll(async () => {
    file = await write('all.pdf', exportDoc());
    text = flat(rawText(file));
    pages = pageCount(file);
  });

  it('is a valid PDF that qpdf accepts', () => {
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('has a cover with the pupil, the sender, the recipient, the date and the lawful basis in words', () => {
    const cover = flat(rawText(file, 1));
    expect(cover).toContain(NAME);
    expect(cover).toContain(UPN);
    expect(cover).toContain('9 March 2015 (age 11)');
    expect(cover).toContain('Year 5');
    expect(cover).toContain('Oakfield Primary (synthetic) (URN 100001)');
    expect(cover).toContain('Exported by Sam Senco ');
    expect(cover).not.toContain('sam.senco');
    expect(cover).toContain('Exampleshire Educational Psychology Service');
    expect(cover).toContain('Date exported 15 June 2026');
    expect(cover).toContain('Public task (UK GDPR Article 6(1)(e)); substantial public interest (Article 9(2)(g))');
    expect(cover).not.toMatch(/public_task|substantial_public_interest/);
    expect(cover).toContain('CONFIDENTIAL');
    expect(cover).toMatch(/Keep it secure/);
    expect(cover).toContain('Every section of the pupil’s record is included.');
    // The contents list each section with the page it starts on.
    for (const s of EXPORT_SECTIONS) expect(cover).toMatch(new RegExp(`${title(s).replace(/[()]/g, '\\$&')} page \\d+`));
  });

  it('gives every section its title, in order', () => {
    let at = flat(rawText(file, 1)).length;
    for (const s of EXPORT_SECTIONS) {
      const i = text.indexOf(title(s), at);
      expect(i, title(s)).toBeGreaterThan(at - 1);
      at = i;
    }
  });

  it('writes dates in running text as "15 June 2026" and dd/mm/yyyy only in table cells: no ISO dates, no date-times, no true or false, no codes, ids or raw keys', () => {
    // Table cells keep the compact dd/mm/yyyy (a session line, a band's dates); sentences, headings and labels the long date.
    expect(text).toMatch(/\b\d{2}\/\d{2}\/\d{4}\b/);
    expect(text).toMatch(/\d+ sessions from \d{1,2} [A-Z][a-z]+ \d{4} to \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(text).not.toMatch(
      /(since|in effect from|sessions from|to|Shared on|Date exported|Date of birth|Date joined the school|Start|End|Review date|issued|Invitations sent|, ) \d{2}\/\d{2}\/\d{4}/,
    );
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/\b(true|false|null|undefined|NaN)\b/i);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(text).not.toMatch(/\b(exportPdf|sharingUi|ehcpUi|therapyUi|reviewsUi)\./);
    expect(text).not.toMatch(
      /\b(speech_language|occupational_therapy|public_task|parent_carer|band_up|partly_secure|power_identity|assessment_booked)\b/,
    );
    expect(text).not.toMatch(/created ?at|updated ?at|Upn:/i);
  });

  it('puts the pupil and "Confidential" at the head of every page after the cover, and "Page N of M" at the foot of every page', () => {
    expect(pages).toBeGreaterThan(5);
    for (let n = 1; n <= pages; n++) {
      const page = flat(rawText(file, n));
      expect(page).toContain(`Page ${n} of ${pages}`);
      expect(page).toMatch(/Shared on 15 June 2026 by /);
      if (n > 1) expect(page).toMatch(new RegExp(`^ ?${NAME} · UPN ${UPN} CONFIDENTIAL`));
    }
  });

  it('shows the details with contacts and parental responsibility as yes or no', () => {
    expect(text).toContain('Legal name Zoë Ó Briain');
    expect(text).toContain('Preferred name Zo Ó Briain');
    expect(text).toContain('Year group and class Year 5, 5 Oak');
    expect(text).toContain('Date joined the school 4 September 2019');
    expect(text).toMatch(/Aoife Ó Briain Mother 07700 900123 aoife@example\.org Yes/);
    // Letters beyond Latin-1 are printed as they are (the PDF embeds fonts for them), not stripped or dropped.
    expect(text).toMatch(/Łucja Nowak Grandparent No/);
  });

  it('shows the SEN status, the ranked needs and the history in words', () => {
    expect(text).toContain('Current SEN status E: Education, health and care plan, since 12 February 2024');
    expect(text).toContain('Primary need Autistic spectrum disorder');
    expect(text).toContain('Secondary need Speech, language and communication needs');
    expect(text).toMatch(/K: SEN support 20\/11\/2019 11\/02\/2024/);
  });

  it('shows the EHC plan by section, with provision and how often', () => {
    expect(text).toContain('EHC plan issued by Exampleshire');
    expect(text).toContain('Final: issued by the local authority');
    expect(text).toContain('Version 2 (amendment), in effect from 1 March 2025');
    expect(text).toContain('Section B: Special educational needs');
    expect(text).toContain('Need 1 Communication and');
    expect(text).toContain('Section F: Special educational provision');
    expect(text).toContain('Once a week, 30 minutes');
    expect(text).toContain('3 times a week, 20');
    expect(text).toContain('Section K: Advice and information');
  });

  it('lists referrals with their state and consent', () => {
    expect(text).toMatch(/08\/09\/2025 Speech and/);
    expect(text).toContain('Mr Class Teacher');
    expect(text).toContain('Struggles to follow');
    expect(text).toContain('Assessment booked');
    expect(text).toMatch(/by Aoife Ó Briain .*on 09\/09\/2025/);
  });

  it('shows each assessment with its scores and Thrive strands', () => {
    expect(text).toContain('1 October 2025: Initial assessment, Psychology');
    expect(text).toMatch(/SDQ Emotional symptoms 6 0 to 10/);
    expect(text).toMatch(/SDQ Total difficulties 21 0 to 40/);
    expect(text).toMatch(/Power and identity Partly secure/);
    expect(text).toContain('Recommendations shared with the class teacher.');
  });

  it('shows the current band and the band history', () => {
    expect(text).toContain('Current band Targeted since 3 November 2025 (planned for 24 weeks)');
    expect(text).toMatch(/Universal Medium 12\/02\/2024 02\/11\/2025/);
  });

  it('shows each plan with its goals on a GAS ladder, interventions, strategies and reviews', () => {
    expect(text).toContain('Targeted plan: following instructions');
    expect(text).toContain('Goal 1: Follows a two-part instruction');
    expect(text).toMatch(/\+2 Much more than expected Follows three parts in a noisy room/);
    expect(text).toMatch(/-2 Much less than expected Not described/);
    expect(text).toContain('Listening and attention programme Twice a week, 30 minutes');
    expect(text).toContain('Give instructions one part at a time, with a visual prompt.');
    expect(text).toMatch(/Goal 2: -1 \(a little less than expected\)/);
  });

  it('summarises the sessions by term, then lists one compact line per session', () => {
    const rows = sessions.map((s) => ({ s, p: s.pupils[0]! }));
    const count = (a: string) => rows.filter((r) => r.p.attendance === a).length;
    const minutes = rows
      .filter((r) => r.p.attendance === 'attended')
      .reduce((m, r) => m + (r.p.deliveredMinutes ?? r.s.durationMinutes), 0);
    const upcoming = rows.filter((r) => r.p.attendance === 'pending' && r.s.date > TODAY).length;
    const notRecorded = rows.filter((r) => r.p.attendance === 'pending' && r.s.date <= TODAY).length;
    expect(upcoming).toBeGreaterThan(0);
    expect(notRecorded).toBeGreaterThan(0);
    // The percentage is of the sessions due, not recorded ones included (it used to be of the recorded ones only).
    const due = count('attended') + count('absent') + count('cancelled') + notRecorded;
    const all = `All sessions ${sessions.length} ${count('attended')} ${count('absent')} ${count('cancelled')} ${notRecorded} ${upcoming} ${minutes.toLocaleString('en-GB')} ${Math.round((100 * count('attended')) / due)}%`;
    expect(text).toContain(all);
    expect(text).toMatch(/Autumn 2025\/26 \d+ \d+/);
    expect(text).toMatch(/2025\/26 in total/);
    expect(text).toMatch(/Of the \d+ cancelled sessions: \d+ by the school, \d+ by the therapist, \d+ by the family\./);
    expect(text).toMatch(/03\/09\/2025 09:00–09:30 Speech and language therapy Tess Therapist Attended 30/);
    expect(text).toMatch(/Cancelled by (school|therapist|family) Room needed for a school event/);
    expect(text).toMatch(/Absent Unwell/);
    expect(text).toMatch(/Upcoming/);
    // Long notes are shortened to one line.
    expect(text).toMatch(/Worked on two-part [^.]*…/);
    expect(text).not.toContain('with a cue card');
    // Compact: the list takes about 45 lines a page.
    const listPages = new Set<number>();
    for (let n = 1; n <= pages; n++) if (/\d{2}:\d{2}–\d{2}:\d{2}/.test(rawText(file, n))) listPages.add(n);
    expect(listPages.size).toBeLessThanOrEqual(Math.ceil(sessions.length / 38) + 1);
  });

  it('shows each review with attendees, views, ratings, decisions, actions and statutory steps', () => {
    expect(text).toContain('Plan review, 9 February 2026');
    expect(text).toMatch(/Aoife Ó Briain Parent or carer Present/);
    expect(text).toMatch(/Dr Example \(fictional\) From another organisation Exampleshire EPS Apologies/);
    expect(text).toContain('I like the picture cards.');
    expect(text).toMatch(/Goal 1: Follows a two-part instruction 0 \(as expected\)/);
    expect(text).toContain('T-score: 43.8');
    expect(text).toContain('Move up a band (more support): to Specific, need level high, planned for 30 weeks.');
    expect(text).toMatch(/Send the home practice sheet Tess Therapist 20\/02\/2026 Not done \(overdue\)/);
    expect(text).toContain('EHC plan annual review, 10 February 2025');
    expect(text).toMatch(/Local authority decision Amend the plan, 1 March 2025/);
    // The annual review's conclusions (issue 17, item 4).
    expect(text).toMatch(/Recommendation to the local authority Amend the plan/);
    expect(text).toMatch(
      /Follows two-step classroom instructions with visual prompts\. Partly achieved Uses the visual timetable unprompted\./,
    );
    expect(text).toMatch(/Section F: Special educational provision Speech and language therapy weekly instead of fortnightly\./);
  });

  it('lists the updates to parents', () => {
    expect(text).toMatch(/02\/03\/2026 Phone call Called to share the plan review outcome\. Sam Senco/);
  });

  it('says which sections were not shared, and holds only those chosen', async () => {
    const some = await write('some.pdf', exportDoc(['details', 'assessments']));
    const all = flat(rawText(some));
    expect(flat(rawText(some, 1))).toMatch(/Not shared: SEN status and needs, EHC plan, referrals/);
    expect(all).toContain('Pupil details and contacts');
    expect(all).not.toContain('Summary by term');
    expect(all).not.toContain('Section F');
    expect(spawnSync('qpdf', ['--check', some]).status).toBe(0);
  });

  it('says so when a section has nothing in it', async () => {
    const doc = exportDoc(['sessions', 'reviews', 'plans']);
    const empty = await write('empty.pdf', { ...doc, data: { sessions: [], reviews: [], plans: [] } });
    const all = flat(rawText(empty));
    expect(all).toContain('No therapy sessions are recorded for this pupil.');
    expect(all).toContain('No reviews are recorded for this pupil.');
    expect(all).toContain('No individual pupil plans are recorded for this pupil.');
    expect(all).toContain(`Page 2 of ${pageCount(empty)}`);
  });
});

describe('the agency export PDF’s words', () => {
  it('has every exportPdf key the renderer asks for', () => {
    const source = readFileSync(join(__dirname, 'export-pdf.ts'), 'utf8');
    const keys = [...source.matchAll(/\btx\(\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => `exportPdf.${m[1]}`);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !i18n.exists(k) && !i18n.exists(`${k}_other`))).toEqual([]);
  });
});

describe.skipIf(!HAVE_TOOLS)(`the agency export PDF with a name in every script${NO_TOOLS}`, () => {
  for (const { script, name } of SCRIPT_NAMES) {
    it(`${script}: "${name}" on the cover and at the head or foot of every page, as written`, async () => {
      const file = await write(`names-${script.replace(/\W+/g, '-')}.pdf`, {
        ...exportDoc(['details', 'needs', 'reviews']),
        pupil: { ...exportDoc().pupil, name },
      });
      const text = pdfPages(file);
      expect(text.length).toBe(pageCount(file));
      text.forEach((page) => expect(page).toContain(name));
      for (const f of pdfFonts(file))
        expect(f, `${f.name} is embedded with a ToUnicode map`).toMatchObject({ embedded: true, unicode: true });
    });
  }
});
