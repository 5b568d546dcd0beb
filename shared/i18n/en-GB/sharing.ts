/**
 * en-GB strings the core uses for issue 9: exports and transfer in, safeguarding hand-offs, staff compliance,
 * complaints and feedback, policies. (Screen strings live in the *-ui files.)
 */
/** Spread into common.ts's `validation`. */
export const sharingValidation = {
  agePublicKey:
    'That is not an age public key. An age public key starts with "age1" and has 62 characters; ask the agency to send theirs again, or use a passphrase instead.',
  exportPassphrase:
    'Use a passphrase of at least 10 characters (four or five random words is good). Give it to the agency by phone, not in the same email as the file.',
  exportSections: 'Choose at least one section to share, each once: share only what the agency needs.',
  keyOrPassphrase: 'Give either the agency’s age public key or a passphrase, not both.',
  pdfMakesPassword:
    'A protected PDF gets a strong password made by SENCo Desk: give no key or passphrase, or choose the encrypted package instead.',
  transferHash: 'Preview the package first: importing needs the preview’s reference.',
  signingKey: 'That is not a SENCo Desk signing key. Preview the package again and trust the sender from there.',
  dateTime:
    'Enter a real date and time, for example 23/11/2026 14:05: the date must exist (there is no 30 February) and the time must be from 00:00 to 23:59.',
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
  transferNotSencoDesk:
    'This file opened, but it is not a SENCo Desk export (its manifest is missing or different). Ask the sender to export it from SENCo Desk again.',
  transferVersion:
    'This export was made by a different version of SENCo Desk (format {{version}}) that this one cannot read. Update SENCo Desk, or ask the sender for a new export.',
  transferDamaged: 'A file inside this package does not match its listing, so it cannot be trusted. Ask the sender to export it again.',
  transferInvalid:
    'The {{section}} in this package could not be read ({{detail}}). Nothing was imported. Ask the sender to check the record and export it again.',
  transferNeedsDetails:
    'This package has no pupil details and the pupil is not on record here, so there is nothing to attach it to. Ask the sender to include “Pupil details”.',
  transferBadSignature:
    'This package’s signature does not match its contents: it was changed after the sending school signed it, so it cannot be trusted and was not opened. Nothing was imported. Phone the sending school (on a number you already have) and ask them to export it again.',
  transferTampered:
    'A file inside this signed package does not match what the sending school signed: it was changed after it was exported, so it was not opened. Nothing was imported. Phone the sending school (on a number you already have) and ask them to export it again.',
  transferNotPreviewed:
    'This is not the file you previewed (it has changed, or another file was chosen). Nothing was imported. Preview it again, check what it would change, then import.',
  transferPlanChanged:
    'The pupil’s record here has changed since you previewed the package, so the preview no longer shows what importing would do. Nothing was imported. Preview it again, then import.',
  transferUnsignedConfirm:
    'This package is not signed, so nobody can tell who made it or whether it was changed. To import it anyway, tick that you have checked it with the sending school and accept the risk. Nothing was imported.',
  transferUnknownConfirm:
    'This package is signed by a key you have not trusted: anyone can make a key and call themselves “{{school}}”. To import it anyway, tick that you have checked it with the sending school and accept the risk, or trust the sender first. Nothing was imported.',
  signingKeyBroken:
    'This school’s signing key is damaged (its two halves do not belong together), so nothing can be signed. Restore the database from a backup, or ask your IT support for help.',
  trustFingerprintMismatch:
    'That fingerprint is not this sender’s key. Nothing was saved. Preview the package again and read its fingerprint to the sending school.',
  trustOwnKey: 'That is this school’s own signing key: packages signed with it are already shown as this school’s. Nothing was saved.',
  trustedSenderNotFound: 'That trusted sender is no longer on the list (someone may have removed it). Reload the list.',
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
