/**
 * en-GB strings the core uses for issue 9: exports and transfer in, safeguarding hand-offs, staff compliance,
 * complaints and feedback, policies. (Screen strings live in the *-ui files.)
 */
/** Spread into common.ts's `validation`. */
export const sharingValidation = {
    agePublicKey: 'That is not an age public key. An age public key starts with "age1" and has 62 characters; ask the agency to send theirs again, or use a passphrase instead.',
    exportPassphrase: 'Use a passphrase of at least 10 characters (four or five random words is good). Give it to the agency by phone, not in the same email as the file.',
    exportSections: 'Choose at least one section to share, each once: share only what the agency needs.',
    keyOrPassphrase: 'Give either the agency’s age public key or a passphrase, not both.',
    dateTime: 'Enter a real date and time, for example 23/11/2026 14:05: the date must exist (there is no 30 February) and the time must be from 00:00 to 23:59.',
    concernInFuture: 'That time is in the future. Enter when it was seen or said.',
    dbsNumber: 'A DBS certificate number is 12 digits (it is on the certificate). Record the number only, never a copy of the certificate.',
    dbsIssueDateNeeded: 'Enter the certificate’s issue date as well as its number.',
    dbsNumberNeeded: 'The update service needs the certificate number: enter it, or untick the update service.',
    trainingDateNeeded: 'Enter the date the training was completed as well as its level.',
    registrationBodyNeeded: 'Choose the register the number belongs to (HCPC for therapists).',
    expiryNeeded: 'Enter the expiry date shown on the register or licence.',
    cpdHours: 'Enter the hours as a number from 0.25 to 200, for example 1.5.',
    complaintStage: 'Choose where the complaint is: with the SENCo (first) or in the formal complaints procedure.',
    complaintDateOrder: 'The date {{step}} cannot be before the date {{before}}.',
    escalatedIsFormal: 'An escalated complaint is in the formal complaints procedure: choose that stage.',
    outcomeNeeded: 'Record the outcome before closing the complaint.',
    complaintOnly: 'Only complaints have stages and these dates; leave it empty for feedback.',
    reviewAfterApproval: 'The next review must be after the date the policy was approved.',
    feedbackKindFixed: 'Feedback cannot become a complaint (or the other way round). Record a new entry instead.',
} as const;

/** Spread into common.ts's `errors`. */
export const sharingErrors = {
  transferNotSencoDesk: 'This file opened, but it is not a SENCo Desk export (its manifest is missing or different). Ask the sender to export it from SENCo Desk again.',
  transferVersion: 'This export was made by a different version of SENCo Desk (format {{version}}) that this one cannot read. Update SENCo Desk, or ask the sender for a new export.',
  transferDamaged: 'A file inside this package does not match its listing, so it cannot be trusted. Ask the sender to export it again.',
  transferInvalid: 'The {{section}} in this package could not be read ({{detail}}). Nothing was imported. Ask the sender to check the record and export it again.',
  transferNeedsDetails: 'This package has no pupil details and the pupil is not on record here, so there is nothing to attach it to. Ask the sender to include “Pupil details”.',
  concernAlready: 'This concern is already {{status}}. Reload to see its latest state.',
} as const;

/** Spread into common.ts's `things`. */
export const sharingThings = {
  concern: 'safeguarding concern',
  staffMember: 'staff member',
  cpdEntry: 'CPD entry',
  feedback: 'feedback or complaint',
  policy: 'policy',
} as const;

export const sharing = {
  feedbackSteps: {
    received: 'received',
    acknowledged: 'acknowledged',
    responded: 'responded to',
    escalated: 'escalated',
    closed: 'closed',
  },
  concernStatus: {
    raised: 'raised',
    acknowledged: 'acknowledged',
    closed: 'closed',
  },
  exportSections: {
    details: 'Pupil details and contacts',
    needs: 'SEN status and needs',
    ehcp: 'EHC plan',
    referrals: 'Referrals',
    assessments: 'Assessments',
    bands: 'Band history',
    plans: 'Individual pupil plans',
    sessions: 'Therapy sessions and attendance',
    reviews: 'Reviews',
    parent_updates: 'Updates to parents',
    review_pack: 'Review pack',
  },
} as const;
