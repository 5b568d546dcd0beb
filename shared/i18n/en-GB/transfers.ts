/**
 * en-GB words for phase transfers (SEND Regulations 2014 reg. 18): the kinds of move, the note a clock shows for
 * a recorded transfer and for an annual review brought forward for one, and the transfer card on a pupil's EHC
 * plan page. Merged as `translation: { ..., ...transfers }`, so keys read `transfers.kinds.primary_to_secondary`.
 */
export const transfers = {
  transfers: {
    kinds: {
      early_years_to_school: 'Early years to school',
      infant_to_junior: 'Infant to junior school',
      primary_to_middle: 'Primary to middle school',
      primary_to_secondary: 'Primary to secondary school',
      middle_to_secondary: 'Middle to secondary school',
      secondary_to_post16: 'Secondary school to post-16',
    },
    /** Running text: "primary to secondary school". */
    kindsLower: {
      early_years_to_school: 'early years to school',
      infant_to_junior: 'infant to junior school',
      primary_to_middle: 'primary to middle school',
      primary_to_secondary: 'primary to secondary school',
      middle_to_secondary: 'middle to secondary school',
      secondary_to_post16: 'secondary school to post-16',
    },
    note: '{{kind}} on {{transferDate, longDate}}{{next}}: the plan names the next school by {{deadline, longDate}}',
    move: '{{kind}} on {{transferDate, longDate}}{{next}}',
    noteNext: ' ({{name}})',
    broughtForward:
      'Brought forward from {{date, longDate}} for the phase transfer ({{kind}} on {{transferDate, longDate}}): the review, its report, the local authority’s decision and the amended plan must all be done by {{deadline, longDate}}',
    card: {
      title: 'Phase transfer',
      intro:
        'Record a move to the next phase of education. The plan must be amended to name the next school by 15 February of the year of the move (31 March from secondary school to post-16), so the annual review that year is brought forward.',
      none: 'No phase transfer recorded. A pupil in an all-through school who stays on does not transfer.',
      kind: 'Kind of move',
      transferDate: 'Date of the move',
      transferDateHelp: 'Usually the first day at the new school, for example 1 September.',
      nextSetting: 'Next school or setting (if known)',
      nextSettingHelp: 'The school named in the plan can still change until the amendment is issued.',
      deadline: 'The plan names the next school by {{deadline, longDate}} (SEND Regulations 2014 reg. 18).',
      latestReview:
        'Hold the annual review by {{date, longDate}}, so the report, the local authority’s decision and the amended plan are done in time.',
      record: 'Record a transfer',
      change: 'Change',
      clear: 'Remove the transfer',
      save: 'Save transfer',
      cancel: 'Cancel',
      dialogTitle: 'Phase transfer',
      saved: 'Phase transfer saved. The deadlines now follow it.',
      cleared: 'Phase transfer removed.',
      recordedBy: 'Recorded by {{name}} on {{date, longDate}}.',
    },
    errors: {
      noPlan: 'A phase transfer is recorded for a pupil with an EHC plan: this pupil has none yet. Create the plan first.',
      none: 'There is no phase transfer recorded for this pupil, so there is nothing to remove.',
    },
  },
} as const;
