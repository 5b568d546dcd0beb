/**
 * Bad input, for every operation in the contract: wrong types, unknown keys, oversize strings and lists, invalid
 * dates. Each is refused with a clear invalid_input error, and the database is byte-for-byte unchanged afterwards.
 * Mutations are generated from a valid sample per operation, so a new operation without a sample fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OP_NAMES, type OpName } from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { openTestCore, pupilInput, SCHOOL, setUp, testDrivers, type TestCore } from './testing/harness';

const ID = '00000000-0000-4000-8000-000000000000';

const PLAN_CONTENT = {
  sectionA: { views: 'Likes trains', interests: 'Lego', aspirations: 'To be a driver' },
  needs: [{ key: 'n1', area: 'communication_interaction', description: 'Understanding spoken language' }],
  items: [{ section: 'C', description: 'Hearing checks', provider: 'Audiology' }],
  outcomes: [{ key: 'o1', description: 'Follows two-step instructions', targetDate: '2027-07-16', needKeys: ['n1'], pfaArea: 'community' }],
  provision: [
    {
      key: 'p1',
      description: 'Speech and language therapy',
      frequencyCount: 1,
      frequencyPeriod: 'week',
      sessionMinutes: 30,
      durationWeeks: 36,
      groupSize: 1,
      deliveredBy: 'Speech and language therapist',
      expertise: 'HCPC-registered SLT',
      markedQuantified: true,
      outcomeKeys: ['o1'],
    },
  ],
  placement: { name: 'Oakfield Primary', urn: '100001', type: 'Mainstream primary' },
  personalBudget: 'None requested',
  advice: [{ title: 'Educational psychology advice', author: 'EP service', date: '2025-01-20' }],
};

const SAMPLES: { readonly [K in OpName]: unknown } = {
  'setup.status': {},
  'setup.initialise': { school: SCHOOL, user: { displayName: 'Another Person', username: 'another', password: 'a long enough password' } },
  'auth.signIn': { username: 'sam.senco', password: 'whatever password' },
  'auth.signOut': {},
  'auth.me': {},
  'auth.changePassword': { currentPassword: 'the old password', newPassword: 'a long enough password' },
  'auth.lock': {},
  'auth.unlock': { password: 'whatever password' },
  'school.get': {},
  'school.update': { ...SCHOOL, autoLockMinutes: 10 },
  'terms.list': { academicYear: '2026/27' },
  'terms.replaceYear': { academicYear: '2026/27', terms: [{ name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' }] },
  'users.list': {},
  'users.create': { displayName: 'Tess Therapist', username: 'tess', role: 'therapist', password: 'a long enough password' },
  'users.setActive': { id: ID, active: false },
  'exports.create': {
    pupilId: ID,
    organisation: 'Exampleshire SEND team',
    sections: ['details', 'assessments'],
    basis: { article6: 'public_task', article9: 'substantial_public_interest' },
    format: 'age_package',
    recipient: null,
    passphrase: 'correct horse battery staple',
    note: 'For the annual review',
  },
  'exports.reviewPackPdf': {
    reviewId: ID,
    organisation: 'Exampleshire SEND team',
    basis: { article6: 'public_task', article9: 'substantial_public_interest' },
    password: 'a long enough password',
    note: null,
  },
  'exports.log': { pupilId: ID, from: '2026-09-01', to: '2026-12-31' },
  'transfers.preview': { packageBase64: 'YWdlLWVuY3J5cHRpb24=', passphrase: 'correct horse battery staple', identity: null },
  'transfers.import': {
    packageBase64: 'YWdlLWVuY3J5cHRpb24=',
    passphrase: 'correct horse battery staple',
    identity: null,
    confirm: true,
    packageSha256: 'a'.repeat(64),
    planSha256: 'b'.repeat(64),
    acceptUnverified: false,
  },
  'transfers.identity': {},
  'transfers.senders.list': {},
  'transfers.senders.trust': {
    publicKey: 'A'.repeat(43),
    school: 'Northgate Academy',
    urn: '654321',
    fingerprint: '0000 1111',
    note: 'Read out by the SENCo on the school number',
  },
  'transfers.senders.remove': { id: ID },
  'safeguarding.raise': {
    pupilId: ID,
    happenedAt: '2026-11-23T10:15',
    what: 'Bruise on the left forearm, seen at break.',
    childWords: 'I fell off my bike.',
  },
  'safeguarding.list': { status: 'raised', pupilId: ID },
  'safeguarding.alerts': {},
  'safeguarding.acknowledge': { id: ID },
  'safeguarding.close': { id: ID, system: 'CPOMS', reference: 'CP-2026-0143' },
  'staff.list': { includeInactive: true },
  'staff.save': {
    id: null,
    name: 'Tess Therapist',
    jobTitle: 'Speech and language therapist',
    userId: null,
    active: true,
    dbsNumber: '001234567890',
    dbsIssueDate: '2024-09-01',
    dbsUpdateService: true,
    dbsCheckedOn: '2026-09-01',
    safeguardingLevel: 'level3',
    safeguardingDate: '2025-10-01',
    firstAidRequired: true,
    firstAidDate: '2024-06-01',
    registrationRequired: true,
    registrationBody: 'hcpc',
    registrationNumber: 'SL12345',
    registrationExpiry: '2027-09-30',
    thriveRequired: false,
    thriveLicence: null,
    thriveExpiry: null,
  },
  'staff.cpd.add': { staffId: ID, course: 'Developmental language disorder update', date: '2026-10-10', provider: 'RCSLT', hours: 1.5 },
  'staff.cpd.remove': { id: ID },
  'staff.alerts': {},
  'feedback.list': { kind: 'complaint', openOnly: true },
  'feedback.save': {
    id: null,
    kind: 'complaint',
    source: 'parent',
    fromName: 'Pat Parent',
    pupilId: ID,
    receivedDate: '2026-11-02',
    summary: 'Sessions were cancelled twice without notice.',
    sentiment: null,
    stage: 'senco',
    acknowledgedDate: '2026-11-03',
    respondedDate: null,
    escalatedDate: null,
    closedDate: null,
    outcome: null,
  },
  'feedback.report': { from: '2026-09-01', to: '2027-08-31' },
  'policies.list': {},
  'policies.save': {
    id: null,
    title: 'Policy for Therapy Provision',
    holder: 'Headteacher',
    approvedBy: 'Governing Body',
    approvedDate: '2025-09-01',
    nextReviewDate: '2026-09-01',
  },
  'users.resetPassword': { id: ID, password: 'a long enough password' },
  'users.setClasses': { id: ID, classes: ['4B', 'Oak'] },
  'caseload.allocations': { pupilId: ID },
  'caseload.allocate': { pupilId: ID, userId: ID, discipline: 'speech_language', startDate: '2026-09-07' },
  'caseload.endAllocation': { id: ID, endDate: '2027-07-21' },
  'pupils.list': {
    search: 'ams',
    yearGroup: '6',
    senStatus: 'K',
    need: 'SLCN',
    includeFormer: true,
    sort: 'name',
    direction: 'asc',
    page: 0,
    pageSize: 50,
  },
  'pupils.get': { id: ID },
  'pupils.classes': {},
  'pupils.create': pupilInput({
    upn: makeUpn(999, 4001, 19, 7),
    preferredFirstName: 'Am',
    preferredLastName: 'T',
    homeSchoolName: 'Home School',
    homeSchoolUrn: '100002',
    senStatusFrom: '2020-01-01',
    dateLeft: '2026-07-20',
  }),
  'pupils.update': { ...pupilInput({ upn: makeUpn(999, 4001, 19, 8) }), id: ID },
  'pupils.import': {
    rows: [{ line: 2, values: { UPN: makeUpn(999, 4001, 19, 9), Surname: 'Test', Forename: 'Ada', DOB: '01/02/2015', Year: '6' } }],
  },
  'audit.list': { userId: ID, pupilId: ID, operation: 'pupils.get', from: '2026-01-01', to: '2026-12-31', page: 0, pageSize: 20 },
  'audit.verify': {},
  'ehcp.listForPupil': { pupilId: ID },
  'ehcp.get': { planId: ID, version: 1 },
  'ehcp.create': {
    pupilId: ID,
    localAuthority: 'Exampleshire',
    ownerId: ID,
    status: 'final',
    draftDate: '2025-01-06',
    issuedDate: '2025-03-03',
    ceasedDate: null,
    ceasedReason: null,
    content: PLAN_CONTENT,
  },
  'ehcp.update': {
    planId: ID,
    baseVersion: 1,
    localAuthority: 'Exampleshire',
    ownerId: null,
    status: 'ceased',
    draftDate: null,
    issuedDate: '2025-03-03',
    ceasedDate: '2026-07-20',
    ceasedReason: 'Moved away',
    content: PLAN_CONTENT,
    amendment: { effectiveDate: '2026-01-05', reason: 'Annual review', namesNextPhase: true },
  },
  'ehcp.reviews.list': { planId: ID },
  'ehcp.reviews.save': {
    id: ID,
    planId: ID,
    meetingDate: '2026-03-02',
    held: true,
    invitationsSentDate: '2026-02-02',
    adviceCirculatedDate: '2026-02-13',
    reportSentDate: '2026-03-09',
    laDecisionDate: '2026-03-27',
    laDecision: 'amend',
    amendedFinalDate: '2026-05-20',
  },
  'ehcp.requests.list': { pupilId: ID },
  'ehcp.requests.save': {
    id: ID,
    pupilId: ID,
    localAuthority: 'Exampleshire',
    ownerId: ID,
    requestDate: '2026-01-12',
    decisionDate: '2026-02-20',
    decision: 'assess',
    issueDecision: 'issue',
    issueDecisionDate: '2026-04-24',
    finalPlanDate: '2026-05-29',
    withdrawnDate: null,
  },
  'ehcp.transfer.get': { pupilId: ID },
  'ehcp.transfer.record': {
    pupilId: ID,
    kind: 'primary_to_secondary',
    transferDate: '2027-09-01',
    nextSetting: 'Northwold Academy (fictional)',
  },
  'ehcp.transfer.clear': { pupilId: ID },
  'pupils.markNeedsIdentified': { pupilId: ID, date: '2026-10-01' },
  'calendar.listDays': { academicYear: '2026/27' },
  'calendar.replaceDays': { academicYear: '2026/27', days: [{ date: '2026-09-01', kind: 'inset', name: 'Staff training' }] },
  'calendar.import': { csv: 'Type,Name,Start,End\nTerm,Autumn 1,02/09/2026,23/10/2026\n', dryRun: true },
  'clocks.rules': {},
  'clocks.saveRule': { key: 'needs_identified', enabled: true, amount: 6, unit: 'school_weeks', under5Months: null },
  'clocks.list': { localAuthority: 'Exampleshire', yearGroup: '9', ownerId: ID, pupilId: ID, states: ['overdue'], keys: ['annual_review'] },
  'register.summary': { search: 'a', yearGroup: '6', senStatus: 'K', need: 'SLCN', className: '6B', includeFormer: false },
  'register.export': { search: 'a', yearGroup: '6', senStatus: 'K', need: 'SLCN', className: '6B', includeFormer: false },
  'disciplines.list': {},
  'disciplines.save': { code: 'music_therapy', label: 'Music therapy', active: true },
  'referrals.list': { pupilId: ID, state: 'received' },
  'referrals.save': {
    id: ID,
    pupilId: ID,
    referrerKind: 'local_authority',
    referrerName: 'Exampleshire inclusion team',
    laCategory: 'inclusion',
    discipline: 'speech_language',
    reason: 'Difficulty following instructions',
    receivedDate: '2026-10-01',
    consentStatus: 'given',
    consentBy: 'Jo Testington (mother)',
    consentDate: '2026-09-28',
  },
  'referrals.move': { id: ID, to: 'declined', date: '2026-10-05', reason: 'Needs met in class' },
  'assessments.list': { pupilId: ID },
  'assessments.save': {
    id: ID,
    pupilId: ID,
    referralId: ID,
    kind: 'initial',
    discipline: 'speech_language',
    assessorName: 'Sam Therapist',
    date: '2026-10-20',
    needLevel: 'medium',
    notes: 'Clinical notes',
    scores: [{ measure: 'sdq', scale: 'emotional', value: 4 }],
    thrive: [{ strand: 'being', result: 'gap', notes: 'Notes' }],
  },
  'bands.history': { pupilId: ID },
  'bands.set': {
    pupilId: ID,
    band: 'targeted',
    needLevel: 'high',
    startDate: '2026-11-02',
    plannedWeeks: 20,
    reason: 'Not progressing in Universal',
  },
  'bands.distribution': {},
  'caseload.list': { band: 'targeted', discipline: 'speech_language', search: 'ama' },
  'ipps.listForPupil': { pupilId: ID },
  'ipps.get': { id: ID, version: 1 },
  'ipps.save': {
    id: ID,
    baseVersion: 1,
    pupilId: ID,
    title: 'Communication plan',
    startDate: '2026-11-02',
    reviewDate: '2027-01-18',
    endDate: '2027-03-22',
    expectedOutcomes: 'Uses visuals to ask for help',
    revisionReason: 'Goals met early',
    goals: [
      {
        key: 'g1',
        description: 'Asks for help',
        ehcpOutcomeId: ID,
        levels: { m2: 'Never', m1: 'With prompts', expected: 'Twice a day', p1: 'Often', p2: 'Always' },
        weight: 2,
      },
    ],
    interventions: [
      {
        discipline: 'speech_language',
        description: 'Narrative therapy',
        frequencyCount: 2,
        frequencyPeriod: 'week',
        sessionMinutes: 30,
        durationWeeks: 20,
        groupSize: 1,
        staffingRatio: 'one_to_one',
        deliveredBy: 'SLT',
        classroomStrategies: 'Use a visual timetable',
        continues: ID,
      },
    ],
  },
  'ipps.review': { ippId: ID, date: '2027-01-18', note: 'Good progress', ratings: [{ goalKey: 'g1', rating: 1, note: 'Above expected' }] },
  'placements.listForPupil': { pupilId: ID },
  'placements.save': {
    id: ID,
    pupilId: ID,
    commissioningLa: 'Exampleshire',
    laCategory: 're_engagement',
    homeSchoolName: 'Hill Top Academy',
    homeSchoolUrn: '100003',
    startDate: '2027-01-05',
    staffingRatio: 'two_to_one',
    extensionStatus: 'approved',
    extensionRequestedDate: '2027-03-01',
    extensionEndDate: '2027-10-22',
    closurePlan: 'Gradual return',
    closedDate: null,
    extensionFundingSource: 'Exampleshire high-needs fund',
    extensionFundingPence: 425_050,
    extensionFundingApprovedBy: 'Jo Example',
    extensionFundingApprovedDate: '2027-03-15',
  },
  'placements.preview': { startDate: '2027-01-05' },
  'sessions.schedule': {
    title: 'Speech and language group',
    discipline: 'speech_language',
    location: 'Therapy room',
    firstDate: '2026-10-13',
    startTime: '09:30',
    durationMinutes: 30,
    recurrence: 'weekly',
    intervalWeeks: 1,
    until: '2026-12-15',
    count: 10,
    exceptions: ['2026-11-10'],
    practitionerIds: [ID],
    pupils: [{ pupilId: ID, ehcpProvisionId: ID, ippInterventionId: ID }],
    overrideProtected: false,
  },
  'sessions.list': { from: '2026-11-02', to: '2026-11-08', practitionerId: ID, pupilId: ID, discipline: 'speech_language' },
  'sessions.get': { id: ID },
  'sessions.freeSlots': { practitionerIds: [ID], pupilIds: [ID], durationMinutes: 30, from: null },
  'sessions.move': { id: ID, date: '2026-11-04', startTime: '10:00', overrideProtected: true },
  'sessions.record': {
    sessionId: ID,
    pupils: [
      {
        pupilId: ID,
        attendance: 'cancelled',
        cancelledBy: 'family',
        reason: 'Hospital appointment',
        deliveredMinutes: null,
        notes: 'Rebook',
        goals: [{ ippId: ID, goalKey: 'g1', rating: 1, note: 'Good' }],
      },
    ],
  },
  'sessions.protected.list': { pupilId: ID, className: '5A' },
  'sessions.protected.save': {
    id: ID,
    pupilId: ID,
    className: null,
    weekday: 2,
    start: '09:00',
    end: '10:00',
    label: 'Phonics',
    remove: false,
  },
  'provision.delivered': { pupilId: ID, yearGroup: '5' },
  'practitioners.caseload': {},
  'sessions.stats': { pupilId: ID },
  'sessions.ics': { practitionerId: ID, from: '2026-09-01', to: '2026-12-31' },
  'access.matrix': {},
  'reviews.list': { from: '2026-09-01', to: '2027-08-31', status: 'held', kind: 'plan' },
  'reviews.listForPupil': { pupilId: ID },
  'reviews.get': { id: ID },
  'reviews.save': {
    id: ID,
    pupilId: ID,
    kind: 'annual',
    date: '2026-11-20',
    status: 'held',
    ippId: ID,
    placementId: null,
    ehcPlanId: ID,
    attendees: [{ role: 'parent_carer', name: 'A Parent', organisation: null, present: true }],
    pupilViews: 'I like the groups',
    parentViews: 'Happier at school',
    discussion: 'Good progress',
    ratings: [{ goalKey: 'g1', rating: 1, note: 'Above expected' }],
    decisions: [{ kind: 'band_down', band: 'universal', needLevel: 'low', plannedWeeks: null, note: 'Ready' }],
    actions: [{ id: null, description: 'Send the report', ownerUserId: ID, ownerName: null, dueDate: '2026-12-04', doneDate: null }],
    statutory: {
      invitationsSentDate: '2026-11-01',
      adviceCirculatedDate: '2026-11-06',
      reportSentDate: '2026-11-27',
      laDecisionDate: null,
      laDecision: null,
      amendedFinalDate: null,
    },
  },
  'reviews.actions': { ownerUserId: ID, includeDone: true },
  'reviews.completeAction': { id: ID, doneDate: '2026-11-23' },
  'reviews.pack': { reviewId: ID },
  'progress.forPupil': { pupilId: ID },
  'parentUpdates.list': { pupilId: ID },
  'parentUpdates.save': { pupilId: ID, date: '2026-11-20', method: 'phone', summary: 'Talked about the new plan' },
  'parentUpdates.summary': { pupilId: ID },
  'desk.status': {},
  'desk.outbox.list': { waiting: true },
  'desk.outbox.discard': { id: ID },
  'desk.outbox.resend': { id: ID },
  'sync.changes': { since: 0 },
  'trust.schools.list': {},
  'trust.figures': {},
  'trust.schools.add': {
    school: { name: 'Second School (synthetic)', urn: '100002', localAuthority: 'Exampleshire' },
    senco: { displayName: 'Second Senco', username: 'second.senco', password: 'a long enough password' },
  },
  'pupils.moveSchool': { pupilId: ID, toSchoolId: ID, date: '2026-11-20' },
  'dashboard.worklist': { everyone: true, withSessions: true },
  'passports.get': { pupilId: ID },
  'passports.getVersion': { pupilId: ID, number: 1 },
  'passports.save': {
    pupilId: ID,
    baseVersion: 1,
    aboutMe: 'I like trains and drawing.',
    goodAt: 'Lego',
    findHard: 'Noisy rooms',
    helpsMe: 'A visual timetable',
    doesNotHelp: 'Being rushed',
    strategies: [{ text: 'Give one instruction at a time', source: 'ipp' }],
    pupilWords: 'I like it when I know what is next.',
    writtenWith: 'Sam and his mum',
    photo: { kind: 'new', base64: 'iVBORw0KGgoAAAANSUhEUg==', alt: 'Sam smiling' },
  },
  'passports.suggestStrategies': { pupilId: ID },
  'passports.list': { className: '5S' },
  'passports.pdf': { pupilId: ID, plain: true, version: 1 },
  'drafts.get': { key: 'ehcp.plan:new', pupilId: ID },
  'drafts.list': { keys: ['sessions.record:new', 'ehcp.plan:new'] },
  'drafts.save': { key: 'ehcp.plan:new', pupilId: ID, payload: '{"a":"typed"}' },
  'drafts.discard': { key: 'sessions.schedule:new', pupilId: null },
  'provisions.list': { includeEnded: true },
  'provisions.get': { id: ID },
  'provisions.create': {
    name: 'Lego therapy',
    area: 'communication_interaction',
    wave: 'targeted',
    groupSize: 3,
    sessionsPerWeek: 2,
    minutesPerSession: 45,
    staffRole: 'teaching_assistant',
    startDate: '2026-09-07',
    endDate: null,
    measureName: null,
    description: 'Social communication through building together',
  },
  'provisions.update': {
    id: ID,
    name: 'Precision teaching',
    area: 'cognition_learning',
    wave: 'specific',
    groupSize: 1,
    sessionsPerWeek: 5,
    minutesPerSession: 10,
    staffRole: 'higher_level_teaching_assistant',
    startDate: '2026-09-07',
    endDate: '2027-07-21',
    measureName: 'Words read correctly a minute',
    description: null,
  },
  'provisions.end': { id: ID, endDate: '2027-03-26' },
  'provisions.placements.add': { provisionId: ID, pupilId: ID, startDate: '2026-09-14', endDate: '2027-02-12', entryValue: 12.5 },
  'provisions.placements.end': { id: ID, endDate: '2027-02-12', exitValue: 20.5 },
  'provisions.placements.measures': { id: ID, entryValue: 12.5, exitValue: 20.5 },
  'provision.rates.get': {},
  'provision.rates.set': { rates: [{ role: 'teaching_assistant', hourlyPence: 1850 }] },
  'provision.threshold.get': {},
  'provision.threshold.set': { thresholdPence: 600000 },
  'provision.map': {
    academicYear: '2026/27',
    yearGroup: '7',
    className: '7A',
    need: 'SLCN',
    area: 'communication_interaction',
    wave: 'targeted',
    provisionId: ID,
    pupilId: ID,
    groupBy: 'year',
  },
  'provision.map.csv': {
    academicYear: '2026/27',
    yearGroup: '7',
    className: '7A',
    need: 'SLCN',
    area: 'communication_interaction',
    wave: 'targeted',
    provisionId: ID,
    pupilId: ID,
  },
  'provision.map.pdf': {
    academicYear: '2026/27',
    yearGroup: '7',
    className: '7A',
    need: 'SLCN',
    area: 'communication_interaction',
    wave: 'targeted',
    provisionId: ID,
  },
  'provision.funding.pdf': { pupilId: ID, academicYear: '2026/27' },
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function setAt(root: Json, path: Path, value: unknown): Json {
  const copy = structuredClone(root);
  let cur = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1] as string | number] = value;
  return copy;
}

/** Every leaf and container in a sample, with the mutations that must be refused at that place. */
function mutations(sample: Json): { label: string; input: unknown }[] {
  const out: { label: string; input: unknown }[] = [
    { label: 'a string instead of an object', input: 'not an object' },
    { label: 'a number instead of an object', input: 42 },
    { label: 'a list instead of an object', input: [] },
  ];
  const walk = (node: Json, path: Path) => {
    const where = path.join('.') || '(input)';
    if (Array.isArray(node)) {
      out.push({ label: `${where}: a string instead of a list`, input: setAt(sample, path, 'not a list') });
      if (node.length)
        out.push({
          label: `${where}: 60,001 items`,
          input: setAt(
            sample,
            path,
            Array.from({ length: 60_001 }, () => node[0]),
          ),
        });
      node.forEach((child, i) => walk(child, [...path, i]));
      return;
    }
    if (node !== null && typeof node === 'object') {
      // A record of CSV columns takes any header name; every other object refuses keys it does not know.
      if (path[path.length - 1] !== 'values') {
        out.push({
          label: `${where}: unknown key`,
          input: path.length ? setAt(sample, [...path, 'zzUnknown'], 1) : { ...node, zzUnknown: 1 },
        });
      }
      if (path.length) out.push({ label: `${where}: a number instead of an object`, input: setAt(sample, path, 7) });
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
      return;
    }
    switch (typeof node) {
      case 'string':
        out.push({ label: `${where}: a number instead of text`, input: setAt(sample, path, 12345) });
        out.push({ label: `${where}: 100,000 characters`, input: setAt(sample, path, 'x'.repeat(100_000)) });
        if (/^\d{4}-\d{2}-\d{2}$/.test(node)) {
          out.push({ label: `${where}: 30 February`, input: setAt(sample, path, '2026-02-30') });
          out.push({ label: `${where}: a date in the wrong form`, input: setAt(sample, path, '30/02/2026') });
        }
        return;
      case 'number':
        out.push({ label: `${where}: text instead of a number`, input: setAt(sample, path, 'abc') });
        out.push({ label: `${where}: an enormous number`, input: setAt(sample, path, 1e15) });
        // (Only where the sample is a whole number: hours of CPD may be 1.5.)
        if (Number.isInteger(node)) out.push({ label: `${where}: a fraction`, input: setAt(sample, path, 1.5) });
        return;
      case 'boolean':
        out.push({ label: `${where}: text instead of yes/no`, input: setAt(sample, path, 'yes') });
        return;
      default:
        // null: an optional value left empty; a wrong type must still be refused.
        out.push({ label: `${where}: a number instead of empty`, input: setAt(sample, path, 12345) });
    }
  };
  walk(sample, []);
  return out;
}

async function snapshot(core: TestCore): Promise<string> {
  const tables = [
    'school',
    'term',
    'app_user',
    'pupil',
    'sen_status_period',
    'pupil_need',
    'pupil_contact',
    'audit_event',
    'ehc_plan',
    'ehc_plan_version',
    'ehcp_need',
    'ehcp_outcome',
    'ehcp_provision',
    'ehcp_review',
    'ehc_assessment_request',
    'calendar_day',
    'clock_setting',
    'discipline',
    'referral',
    'referral_event',
    'assessment',
    'band_period',
    'ipp',
    'ipp_version',
    'ipp_goal',
    'ipp_intervention',
    'ipp_review',
    'placement',
    'therapy_session',
    'session_practitioner',
    'session_pupil',
    'protected_time',
    'review_meeting',
    'review_decision',
    'review_action',
    'parent_update',
    'user_class',
    'caseload_allocation',
    'sharing_log',
    'safeguarding_concern',
    'staff_member',
    'cpd_entry',
    'feedback',
    'school_policy',
    'pupil_passport',
    'pupil_passport_version',
    'draft',
    'provision',
    'provision_placement',
    'provision_rate',
    'provision_setting',
  ];
  const parts: string[] = [];
  for (const t of tables) parts.push(t, JSON.stringify(await core.ds.query(`SELECT * FROM ${t} ORDER BY 1`)));
  return parts.join('\n');
}

it('has a valid sample for every operation in the contract', () => {
  expect(Object.keys(SAMPLES).sort()).toEqual([...OP_NAMES].sort());
  for (const op of OP_NAMES) {
    const r = contract[op].input.safeParse(SAMPLES[op]);
    expect(r.success, `${op} sample should be valid: ${r.success ? '' : JSON.stringify(r.error.issues)}`).toBe(true);
  }
});

describe.each(testDrivers())('malformed input on %s', (driver) => {
  let core: TestCore;
  let session: string;
  let dslSession: string;
  beforeAll(async () => {
    core = await openTestCore(driver);
    session = await setUp(core);
    const p = await core.dispatcher.invoke({ op: 'pupils.create', input: pupilInput(), session });
    expect(p.ok).toBe(true);
    const dsl = { displayName: 'Dee DSL', username: 'dee.dsl', role: 'dsl', password: 'a long enough password' };
    expect((await core.dispatcher.invoke({ op: 'users.create', input: dsl, session })).ok).toBe(true);
    const signed = (await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: dsl.username, password: dsl.password } })) as {
      ok: true;
      value: { session: string };
    };
    dslSession = signed.value.session;
    // The trust's SEND lead, made by the trust's IT (the CLI's system actor).
    const lead = { displayName: 'Tara Trust', username: 'tara.trust', role: 'trust_lead', password: 'a long enough password' } as const;
    expect((await core.dispatcher.invokeAs({ kind: 'system', name: 'IT (test)', role: 'senco' }, 'users.create', lead)).ok).toBe(true);
    leadSession = (
      (await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: lead.username, password: lead.password } })) as {
        ok: true;
        value: { session: string };
      }
    ).value.session;
  });
  let leadSession: string;
  /** The SENCo's session, or the DSL's (or the trust SEND lead's) for the operations only they may use. */
  const sessionFor = (op: OpName) => {
    const access = contract[op].access;
    if (Array.isArray(access) && !access.includes('senco') && access.includes('trust_lead')) return leadSession;
    return Array.isArray(access) && !access.includes('senco') && access.includes('dsl') ? dslSession : session;
  };
  afterAll(async () => core.cleanup());

  it.each(OP_NAMES)('%s refuses every malformed input and changes nothing', async (op) => {
    const before = await snapshot(core);
    const cases = mutations(SAMPLES[op] as Json);
    expect(cases.length).toBeGreaterThan(2);
    for (const c of cases) {
      const r = await core.dispatcher.invoke({ op, input: c.input, session: sessionFor(op) });
      expect(r.ok, `${op} accepted ${c.label}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code, `${op} with ${c.label}: ${r.error.message}`).toBe('invalid_input');
        expect(r.error.message.length).toBeGreaterThan(10);
      }
    }
    expect(await snapshot(core)).toBe(before);
  });

  it('refuses an unknown operation and a malformed envelope', async () => {
    const a = await core.dispatcher.invoke({ op: 'pupils.drop', input: {}, session });
    expect(!a.ok && a.error.code).toBe('unknown_operation');
    const b = await core.dispatcher.invoke('nonsense');
    expect(!b.ok && b.error.code).toBe('invalid_input');
    const c = await core.dispatcher.invoke({ op: 'x'.repeat(1000), input: {} });
    expect(!c.ok && c.error.code).toBe('invalid_input');
  });
});
