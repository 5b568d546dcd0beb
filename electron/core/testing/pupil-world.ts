/**
 * A small synthetic school in which every read operation of the contract has something to show about two pupils:
 * IN (class 5S, on the teacher's class list and the therapist's caseload) and OUT (class 6T, on neither: the
 * therapist's allocation to OUT ended before today, after they had a session together). Each pupil has an EHC plan, a
 * referral and an assessment, a Specific band with a plan whose reviews show no progress (so both are flagged), a held
 * review with an action owned by the therapist, an update to parents, a protected lesson, a complaint, a
 * safeguarding concern raised by the SENCo, and sessions; OUT's record was exported for an agency.
 * Used by the sweeps in electron/core/scope.test.ts: every read keeps to the reader's scope, and every read that
 * returns a pupil's data is audited.
 */
import type { IppView, PupilProfile, ReviewMeeting, SessionInfo, SessionView, UserSummary } from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, planContent, pupilInput, setUp, type TestCore } from './harness';
import type { Driver } from '../db/data-source';

export const WORLD_NOW = new Date('2026-11-23T09:00:00Z');

export const WORLD_TERMS = [
  { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
  { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
  { name: 'spring1', startDate: '2027-01-04', endDate: '2027-02-12' },
  { name: 'spring2', startDate: '2027-02-22', endDate: '2027-03-26' },
  { name: 'summer1', startDate: '2027-04-12', endDate: '2027-05-28' },
  { name: 'summer2', startDate: '2027-06-07', endDate: '2027-07-21' },
];

export interface WorldPupil {
  readonly profile: PupilProfile;
  readonly planId: string;
  readonly ippId: string;
  readonly reviewId: string;
  /** A session with this pupil alone (IN: the therapist's; OUT: the SENCo's). */
  readonly sessionId: string;
  /** Their place on the school's provision (the provision map, migration 0020). */
  readonly placementId: string;
}

export interface World {
  readonly core: TestCore;
  readonly senco: string;
  readonly sencoId: string;
  readonly therapist: UserSummary;
  readonly teacher: UserSummary;
  readonly therapistSession: string;
  readonly teacherSession: string;
  /** The designated safeguarding lead: for the reads only they may make. */
  readonly dslSession: string;
  readonly in: WorldPupil;
  readonly out: WorldPupil;
  /** The session the therapist ran with IN and OUT while OUT was still allocated to them. */
  readonly sharedSessionId: string;
  /** A provision in the school's catalogue with both pupils on it, costed at a rate the SENCo set. */
  readonly provisionId: string;
  /** OUT's record, exported for an agency (for transfers.preview). */
  readonly packageBase64: string;
  readonly passphrase: string;
  /** What names OUT in any result: id, names, initials (the calendar names pupils by initials). */
  readonly outTokens: readonly (string | RegExp)[];
  readonly inTokens: readonly (string | RegExp)[];
}

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const levels = (expected: string) => ({ m2: null, m1: null, expected, p1: null, p2: null });

/**
 * `observe` hears every operation that built the world, with its input (the trust sweep in electron/core/tenancy.test.ts
 * sends each write again as another school's SENCo: a valid input about this school's records).
 */
export async function buildWorld(driver: Driver, observe?: (op: string, input: unknown) => void): Promise<World> {
  const core = await openTestCore(driver, () => WORLD_NOW);
  const senco = await setUp(core);
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = (await core.dispatcher.invoke({ op, input, session })) as R<T>;
    if (!r.ok) throw new Error(`world: ${op}: ${JSON.stringify(r.error)}`);
    observe?.(op, input);
    return r.value;
  };
  const as = <T>(op: string, input: unknown) => must<T>(senco, op, input);
  const sencoId = (await as<SessionInfo>('auth.me', {})).user.id;
  await as('terms.replaceYear', { academicYear: '2026/27', terms: WORLD_TERMS });
  const therapist = await as<UserSummary>('users.create', {
    displayName: 'Tess Therapist',
    username: 'tess',
    role: 'therapist',
    password: 'therapist password',
  });
  const teacher = await as<UserSummary>('users.create', {
    displayName: 'Tia Teacher',
    username: 'tia',
    role: 'teacher',
    password: 'teacher password 1',
  });
  await as('users.setClasses', { id: teacher.id, classes: ['5S'] });
  await as('users.create', { displayName: 'Dee Safeguarding', username: 'dee', role: 'dsl', password: 'safeguarding password' });

  const pupil = async (serial: number, first: string, last: string, className: string) => {
    const profile = await as<PupilProfile>(
      'pupils.create',
      pupilInput({
        upn: makeUpn(999, 4200, 19, serial),
        legalFirstName: first,
        legalLastName: last,
        className,
        senStatus: 'E',
        needs: ['SLCN'],
      }),
    );
    const plan = await as<{ plan: { id: string } }>('ehcp.create', {
      pupilId: profile.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2025-12-01',
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });
    const referral = await as<{ id: string }>('referrals.save', {
      id: null,
      pupilId: profile.id,
      referrerKind: 'teacher',
      referrerName: 'Tia Teacher',
      laCategory: null,
      discipline: 'speech_language',
      reason: 'Finds it hard to follow spoken instructions.',
      receivedDate: '2026-09-10',
      consentStatus: 'given',
      consentBy: 'Jo Testington (mother)',
      consentDate: '2026-09-09',
    });
    await as('assessments.save', {
      id: null,
      pupilId: profile.id,
      referralId: referral.id,
      kind: 'initial',
      discipline: 'speech_language',
      assessorName: 'Tess Therapist',
      date: '2026-09-20',
      needLevel: 'high',
      notes: 'Synthetic assessment notes.',
      scores: [],
      thrive: [],
    });
    await as('bands.set', {
      pupilId: profile.id,
      band: 'specific',
      needLevel: null,
      startDate: '2026-09-02',
      plannedWeeks: null,
      reason: 'Not progressing in Targeted',
    });
    const ipp = await as<IppView>('ipps.save', {
      id: null,
      baseVersion: null,
      pupilId: profile.id,
      title: 'Communication plan',
      startDate: '2026-09-02',
      reviewDate: '2026-10-12',
      endDate: '2027-07-16',
      expectedOutcomes: null,
      revisionReason: null,
      goals: [
        { key: 'g1', description: 'Asks for help in class', ehcpOutcomeId: null, levels: levels('Asks twice a day') },
        { key: 'g2', description: 'Retells a short story', ehcpOutcomeId: null, levels: levels('Three events in order') },
      ],
      interventions: [
        {
          discipline: 'speech_language',
          description: 'Narrative group',
          frequencyCount: 1,
          frequencyPeriod: 'week',
          sessionMinutes: 30,
          durationWeeks: 20,
          groupSize: 3,
          staffingRatio: 'small_group',
          deliveredBy: 'SLT',
          classroomStrategies: 'Visual timetable',
        },
      ],
    });
    await as('ipps.review', {
      ippId: ipp.id,
      date: '2026-10-12',
      note: null,
      ratings: [
        { goalKey: 'g1', rating: -1, note: null },
        { goalKey: 'g2', rating: -1, note: null },
      ],
    });
    await as('ipps.review', {
      ippId: ipp.id,
      date: '2026-11-16',
      note: null,
      ratings: [
        { goalKey: 'g1', rating: -2, note: null },
        { goalKey: 'g2', rating: -1, note: null },
      ],
    });
    const review = await as<ReviewMeeting>('reviews.save', {
      id: null,
      pupilId: profile.id,
      kind: 'band',
      date: '2026-11-20',
      status: 'held',
      ippId: null,
      placementId: null,
      ehcPlanId: null,
      attendees: [{ role: 'parent_carer', name: 'Pat Parent', organisation: null, present: true }],
      pupilViews: 'I like the word games.',
      parentViews: 'Talks more at home.',
      discussion: null,
      ratings: [],
      decisions: [],
      actions: [
        {
          id: null,
          description: `Share strategies for ${first} with the class teacher`,
          ownerUserId: therapist.id,
          ownerName: null,
          dueDate: '2026-11-30',
          doneDate: null,
        },
      ],
      statutory: null,
    });
    await as('parentUpdates.save', { pupilId: profile.id, date: '2026-11-20', method: 'phone', summary: 'Talked about the new plan' });
    await as('passports.save', {
      pupilId: profile.id,
      baseVersion: null,
      aboutMe: `${first} likes trains.`,
      goodAt: 'Drawing',
      findHard: 'Noisy rooms',
      helpsMe: 'A visual timetable',
      doesNotHelp: 'Being rushed',
      strategies: [{ text: 'Give one instruction at a time', source: 'staff' }],
      pupilWords: 'I like to know what is next.',
      writtenWith: `${first} and Pat Parent`,
      photo: { kind: 'none' },
    });
    await as('sessions.protected.save', {
      id: null,
      pupilId: profile.id,
      className: null,
      weekday: 1,
      start: '13:00',
      end: '14:00',
      label: 'Maths',
      remove: false,
    });
    await as('feedback.save', {
      id: null,
      kind: 'complaint',
      source: 'parent',
      fromName: 'Pat Parent',
      pupilId: profile.id,
      receivedDate: '2026-11-02',
      summary: 'Sessions were cancelled twice without notice.',
      sentiment: null,
      stage: 'senco',
      acknowledgedDate: '2026-11-03',
      respondedDate: null,
      escalatedDate: null,
      closedDate: null,
      outcome: null,
    });
    await as('safeguarding.raise', {
      pupilId: profile.id,
      happenedAt: '2026-11-20T10:15',
      what: 'Bruise on the left forearm, seen at break.',
      childWords: 'I fell off my bike.',
    });
    return { profile, planId: plan.plan.id, ippId: ipp.id, reviewId: review.id };
  };
  const inP = await pupil(1, 'Ina', 'Inscope', '5S');
  const outP = await pupil(2, 'Quinby', 'Xanthos', '6T');

  // The therapist is allocated to both; runs a session with both, then the allocation to OUT ends.
  await as('caseload.allocate', { pupilId: inP.profile.id, userId: therapist.id, discipline: 'speech_language', startDate: '2026-09-07' });
  await as('caseload.allocate', { pupilId: outP.profile.id, userId: therapist.id, discipline: 'speech_language', startDate: '2026-09-07' });
  const book = (title: string, date: string, start: string, practitionerIds: string[], pupilIds: string[]) =>
    as('sessions.schedule', {
      title,
      discipline: 'speech_language',
      practitionerIds,
      pupils: pupilIds.map((pupilId) => ({ pupilId, ehcpProvisionId: null, ippInterventionId: null })),
      firstDate: date,
      startTime: start,
      durationMinutes: 30,
      location: null,
      recurrence: 'none',
      intervalWeeks: 1,
      until: null,
      count: null,
      exceptions: [],
      overrideProtected: false,
    });
  const sessionOn = async (date: string, title: string) =>
    (await as<SessionView[]>('sessions.list', { from: date, to: date })).find((s) => s.title === title)!;
  await book('Language group', '2026-11-10', '10:00', [therapist.id], [inP.profile.id, outP.profile.id]);
  const shared = await sessionOn('2026-11-10', 'Language group');
  await as('sessions.record', {
    sessionId: shared.id,
    pupils: [inP.profile.id, outP.profile.id].map((pupilId) => ({
      pupilId,
      attendance: 'attended',
      cancelledBy: null,
      reason: null,
      deliveredMinutes: null,
      notes: 'Synthetic session note.',
      goals: [],
    })),
  });
  await book('Ina 1:1', '2026-11-17', '10:00', [therapist.id], [inP.profile.id]);
  await book('Quinby 1:1', '2026-11-24', '11:00', [sencoId], [outP.profile.id]);
  await book('Whole group', '2026-11-25', '11:00', [sencoId], [inP.profile.id, outP.profile.id]);
  // Unsaved drafts of each pupil's plan (issue 17, item 3): the SENCo's, and the therapist's kept while OUT was still
  // theirs, so a look-up of drafts (drafts.list) has something about each pupil to show or, for OUT, to leave out.
  const sign = async (username: string, password: string) => (await must<SessionInfo>(null, 'auth.signIn', { username, password })).session;
  const therapistSession = await sign('tess', 'therapist password');
  for (const p of [inP, outP]) {
    const draft = {
      key: `ehcp.plan:${p.planId}`,
      pupilId: p.profile.id,
      payload: JSON.stringify({ sectionA: { views: 'Synthetic unsaved views.' } }),
    };
    await as('drafts.save', draft);
    await must(therapistSession, 'drafts.save', draft);
  }
  const [outAllocation] = await as<{ id: string; userId: string }[]>('caseload.allocations', { pupilId: outP.profile.id });
  await as('caseload.endAllocation', { id: outAllocation!.id, endDate: '2026-11-20' });

  // The provision map (issue 18): a provision both pupils are on, with a measure recorded for each and an hourly rate.
  const provision = await as<{ id: string }>('provisions.create', {
    name: 'Language group (small group)',
    area: 'communication_interaction',
    wave: 'targeted',
    groupSize: 3,
    sessionsPerWeek: 2,
    minutesPerSession: 30,
    staffRole: 'teaching_assistant',
    startDate: '2026-09-02',
    endDate: null,
    measureName: 'Words in a retell',
    description: null,
  });
  const place = async (pupilId: string) =>
    (
      await as<{ id: string }>('provisions.placements.add', {
        provisionId: provision.id,
        pupilId,
        startDate: '2026-09-14',
        endDate: null,
        entryValue: 12,
      })
    ).id;
  const inPlacement = await place(inP.profile.id);
  const outPlacement = await place(outP.profile.id);
  await as('provisions.placements.measures', { id: outPlacement, entryValue: 12, exitValue: 19 });
  await as('provision.rates.set', { rates: [{ role: 'teaching_assistant', hourlyPence: 1_850 }] });
  await as('provision.threshold.set', { thresholdPence: 500_000 });

  const passphrase = 'correct horse battery staple';
  const exported = await as<{ fileBase64: string }>('exports.create', {
    pupilId: outP.profile.id,
    organisation: 'Exampleshire SEND team',
    sections: ['details'],
    basis: { article6: 'public_task', article9: 'substantial_public_interest' },
    format: 'age_package',
    recipient: null,
    passphrase,
    note: null,
  });

  return {
    core,
    senco,
    sencoId,
    therapist,
    teacher,
    therapistSession,
    teacherSession: await sign('tia', 'teacher password 1'),
    dslSession: await sign('dee', 'safeguarding password'),
    in: { ...inP, sessionId: (await sessionOn('2026-11-17', 'Ina 1:1')).id, placementId: inPlacement },
    out: { ...outP, sessionId: (await sessionOn('2026-11-24', 'Quinby 1:1')).id, placementId: outPlacement },
    sharedSessionId: shared.id,
    provisionId: provision.id,
    packageBase64: exported.fileBase64,
    passphrase,
    outTokens: [outP.profile.id, 'Quinby', 'Xanthos', /\bQX\b/],
    inTokens: [inP.profile.id, 'Inscope'],
  };
}

/** Whether a result names any of the tokens (base64 payloads left out: a PDF or package is not searched as text). */
export function mentions(value: unknown, tokens: readonly (string | RegExp)[]): string | null {
  const text = JSON.stringify(value, (key, v: unknown) => (/base64$/i.test(key) ? undefined : v)) ?? '';
  for (const t of tokens) if (typeof t === 'string' ? text.includes(t) : t.test(text)) return String(t);
  return null;
}
