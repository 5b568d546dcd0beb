/**
 * en-GB words for the statutory and policy clocks (electron/core/clocks): a label, a one-line description and the
 * source of each default, the states and units, and the messages validateRule() returns.
 * Merge as `translation: { ...common, ...ui, clocks }` so keys read `clocks.keys.annual_review.label`.
 * The citations are for people to check against: the Code of Practice and Regulations are the authority.
 */
export const clocks = {
  keys: {
    needs_identified: {
      label: 'Needs identified after joining',
      description: 'Within 6 school weeks of the pupil joining the school',
      source: 'School SEND policy, section 5',
    },
    initial_assessment: {
      label: 'Initial therapy assessment',
      description: 'The therapy team assesses a referred pupil within 6 weeks of the referral',
      source: 'School therapy policy, section 5',
    },
    assessment_decision: {
      label: 'Decision on an EHC needs assessment',
      description: 'The local authority decides whether to assess within 6 weeks of the request',
      source: 'SEND Code of Practice 9.14; SEND Regulations 2014 reg. 5',
    },
    assessment_issue_decision: {
      label: 'Decision whether to issue an EHC plan',
      description:
        'After assessing, a local authority that decides not to issue a plan tells the parent within 16 weeks of the request (if it will issue one, the draft follows in time for the final plan by week 20)',
      source: 'SEND Regulations 2014 reg. 10(1); SEND Code of Practice 9.39 to 9.40',
    },
    assessment_final_plan: {
      label: 'Final EHC plan issued',
      description: 'The final plan is issued within 20 weeks of the request for assessment',
      source: 'SEND Code of Practice 9.40; SEND Regulations 2014 reg. 13',
    },
    annual_review: {
      label: 'Annual review meeting',
      description: 'Within 12 months of the plan being issued or of the last review; every 3 to 6 months for children under 5',
      source: 'SEND Code of Practice 9.166 and 9.178; SEND Regulations 2014 reg. 2',
    },
    review_invitations: {
      label: 'Review invitations sent',
      description: 'Invitations to the review meeting go out at least 2 weeks before it',
      source: 'SEND Regulations 2014 reg. 20(4)',
    },
    review_advice: {
      label: 'Review advice circulated',
      description: 'Advice and information gathered for the review is sent to everyone invited at least 2 weeks before the meeting',
      source: 'SEND Regulations 2014 reg. 20(6)',
    },
    review_report: {
      label: 'Review report sent',
      description: 'The report of the review goes to everyone invited within 2 weeks after the meeting',
      source: 'SEND Regulations 2014 reg. 20(7)-(8)',
    },
    review_la_decision: {
      label: 'Local authority decision after review',
      description: 'The local authority decides to keep, amend or cease the plan within 4 weeks of the meeting',
      source: 'SEND Code of Practice 9.176; SEND Regulations 2014 reg. 20(10)',
    },
    review_amended_final: {
      label: 'Amended plan issued after review',
      description: 'When the plan is to be amended, the final amended plan is issued within 12 weeks of the meeting',
      source: 'SEND Code of Practice 9.176; R (L) v Devon County Council [2022] EWHC 493 (Admin)',
    },
    phase_transfer: {
      label: 'Phase transfer: new school named',
      description:
        'For a pupil the SENCo recorded as moving phase (early years to school, infant to junior, primary to middle or secondary, middle to secondary), the plan is amended to name the next school by 15 February of the year of transfer',
      source: 'SEND Regulations 2014 reg. 18(1)(a); SEND Code of Practice 9.179',
    },
    phase_transfer_post16: {
      label: 'Post-16 transfer: new placement named',
      description: 'For a move from secondary school to post-16 education, the plan is amended by 31 March of the year of transfer',
      source: 'SEND Regulations 2014 reg. 18(1)(b); SEND Code of Practice 9.179',
    },
    preparing_for_adulthood: {
      label: 'Preparing for adulthood in the review',
      description: 'From Year 9, annual reviews include outcomes for preparing for adulthood',
      source: 'SEND Code of Practice 8.9 to 8.12',
    },
  },
  states: {
    overdue: 'Overdue',
    due_this_week: 'Due this week',
    upcoming: 'Upcoming',
    done: 'Done',
  },
  units: {
    calendar_weeks: 'weeks',
    school_weeks: 'school weeks',
    months: 'months',
  },
  adjusted: 'Moved from {{date}}: the school is closed that day',
  calendarGap: 'Counted in calendar weeks: enter the term dates to count school weeks',
  validation: {
    unknownClock: 'This is not one of the clocks SENCo Desk keeps.',
    enabled: 'Choose on or off.',
    wholeNumber: 'Enter a whole number.',
    range: 'Must be between {{min}} and {{max}}.',
    unit: 'This clock can be counted in: {{units}}.',
    under5Required: 'Enter how many months apart reviews are for children under 5.',
    under5Range: 'For children under 5, reviews are every {{min}} to {{max}} months.',
    fixedClock: 'This date is set in law and cannot be changed. You can turn the clock off.',
    notUsed: 'This clock does not use this setting.',
  },
} as const;
