/**
 * en-GB strings for a trust's schools on one server (issue 16, item 5): schools as tenants, the trust SEND lead, and
 * a pupil moving between the trust's schools. Spread into the resources in shared/i18n/index.ts.
 */
export const tenancy = {
  tenancy: {
    otherSchool:
      'This record belongs to another school of the trust, so you cannot see or change it. Each school’s staff see only their own school’s records. If the pupil has moved to your school, ask their previous school’s SENCo to move their record to you.',
    trustLeadNoRecords:
      'As the trust’s SEND lead you see figures for each school, not pupils’ records. To open a school’s records, ask that school’s SENCo for an account of that school with a role there.',
    trustLeadByIt:
      'A trust SEND lead’s account is made by the trust’s IT with the command line, not by a school: they see figures for every school of the trust.',
    userOtherSchool: 'That member of staff is not at your school. Choose someone from your own school’s staff.',
    protectedLesson: 'protected lesson',
    sessionOtherSchool: 'That session is in another school’s timetable.',
    moveSameSchool: 'The pupil is already at {{school}}. Choose another school of the trust.',
    moveUnknownSchool: 'That school is not one of this trust’s schools. Choose one from the list.',
    moveNotTrust:
      'This server holds one school, so there is no other school to move the pupil to. To send a record to a school outside the trust, use Share a record (an export).',
    upnAtAnotherSchool:
      'A pupil with UPN {{upn}} is already on record at another school of the trust. If they have moved to your school, ask that school’s SENCo to move their record to you; otherwise check the UPN.',
    addSchoolUrnTaken: 'A school with the URN {{urn}} is already on this server ({{school}}).',
  },
  tenancyUi: {
    move: {
      button: 'Move to another school',
      title: 'Move {{pupil}} to another school of the trust',
      intro:
        'Their whole record goes with them from today ({{date}}): plans, reviews, referrals, sessions’ attendance, concerns. Your school’s therapists’ allocations end yesterday, they leave your school’s sessions from today on, and you will no longer be able to open their record. The move is recorded in the audit trail.',
      to: 'The school they are joining',
      toHelp: 'One of the trust’s schools on this server.',
      chooseSchool: 'Choose the school they are joining.',
      submit: 'Move their record',
      cancel: 'Cancel',
      doneTitle: 'Record moved',
      done: '{{pupil}}’s record is now {{school}}’s.',
      doneBody:
        'Allocations ended: {{allocations}}. Your school’s sessions from today they were taken out of: {{sessions}}. That school’s SENCo sets their class and case-holders.',
      back: 'Back to pupils',
    },
    figures: {
      heading: 'The trust’s schools',
      intro: 'Figures for each school today, side by side. Counts only: no pupil is named here.',
      school: 'School',
      urn: 'URN {{urn}}',
      total: 'All schools',
      none: 'No schools yet.',
      noRecords: 'To open a school’s records, ask that school’s SENCo for an account of that school with a role there.',
      columns: {
        pupils: 'Pupils on roll',
        ehcp: 'EHC plan',
        senSupport: 'SEN support',
        'band.universal': 'Universal band',
        'band.targeted': 'Targeted band',
        'band.specific': 'Specific band',
        staff: 'Staff accounts',
      },
    },
  },
} as const;
