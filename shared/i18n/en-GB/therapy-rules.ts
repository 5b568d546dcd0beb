/**
 * en-GB strings for the therapy rules of issue 14: plan lengths written exactly (weeks and days), GAS weights and
 * the T-score in plain words, the next step for a pupil on Specific without progress, and the funding of a
 * placement extension. Kept in their own file so the shared string files only gain one import.
 */
export const therapyRules = {
  therapyRules: {
    length: {
      weeks_one: '{{count}} week',
      weeks_other: '{{count}} weeks',
      days_one: '{{count}} day',
      days_other: '{{count}} days',
      weeksDays: '{{weeks}} and {{days}}',
    },
    tScore: {
      plain:
        'A score of 50 means the goals were met as expected. Above 50, they went better than expected; below 50, not as well as expected. The further the score is from 50, the bigger the difference.',
      weightsEqual: 'Every goal counts the same.',
      weights: 'Goals with a higher weight count for more: a goal with weight 2 counts twice as much as a goal with weight 1.',
      weightsHere:
        'Goals with a higher weight count for more: a goal with weight 2 counts twice as much as a goal with weight 1. In this plan: {{list}}.',
      weightOf: 'goal {{n}} has weight {{weight}}',
    },
    editor: {
      weight: 'Weight in the T-score',
      weightHelp: '{{min}} to {{max}}; 1 unless this goal matters more than the others (2 counts twice as much).',
    },
    page: {
      weight: 'Weight {{weight}} in the T-score',
    },
    specific: {
      title: 'No progress on Specific',
      rule: 'the pupil is on Specific, has had at least two plan reviews since the band began, and the latest review’s mean goal rating (each goal counted by its weight) is below 0, the expected level, and no higher than the first of those reviews.',
      ruleLead: 'Flagged when $t(therapyRules.specific.rule)',
      policy: 'The therapy policy says no progress on Specific means the school may be unable to meet the pupil’s needs.',
      step: {
        ehcp_review: 'The pupil has an EHC plan: ask the local authority for an early review of the plan, or discuss the placement.',
        needs_assessment: 'The pupil has no EHC plan: gather the evidence and request an EHC needs assessment from the local authority.',
      },
      stepShort: {
        ehcp_review: 'EHC plan review or placement discussion',
        needs_assessment: 'Request an EHC needs assessment',
      },
      none: 'No pupil on Specific meets the rule for no progress.',
      steps:
        'For a pupil with an EHC plan (SEN status E, or a final EHC plan on record) the next step is an early review of the plan or a discussion of the placement; for a pupil without one, a request for an EHC needs assessment.',
    },
    funding: {
      title: 'Extension funding',
      intro:
        'An extension is agreed only once funding is found (the provider’s terms): record where it comes from, how much, who approved it and when.',
      source: 'Funding source',
      sourceHelp: 'For example the local authority’s high-needs fund.',
      amount: 'Amount (£)',
      amountHelp: 'Pounds and pence, for example 4,250.00.',
      approvedBy: 'Approved by',
      approvedByHelp: 'Name and role or organisation.',
      approvedDate: 'Date approved',
      summary: '{{amount}} from {{source}}, approved by {{by}} on {{date, longDate}}',
      none: 'Not recorded',
      noExtension: 'No extension agreed. If this review recommends one, funding has to be found before it is approved.',
    },
    validation: {
      extensionFundingSource:
        'An agreed extension needs its funding: say where the money comes from (for example the local authority’s high-needs fund).',
      extensionFundingPence: 'An agreed extension needs its funding: enter the amount in pounds and pence.',
      extensionFundingApprovedBy: 'An agreed extension needs its funding: say who approved it (name and role or organisation).',
      extensionFundingApprovedDate: 'An agreed extension needs its funding: enter the date it was approved as dd/mm/yyyy.',
      fundingApprovedOnly: 'Funding is recorded once the extension is approved: set the extension to Approved, or clear this field.',
      fundingAmount: 'Enter the amount in pounds and pence, for example 4,250.00: more than £0.00 and at most {{max}}.',
      fundingBeforeRequest: 'The funding cannot be approved before the extension was requested on {{date, longDate}}.',
      fundingInFuture: 'The funding approval date cannot be in the future: record it once it is approved.',
      gasWeight:
        'A weight is a whole number from {{min}} to {{max}}. Leave it at 1 unless this goal matters more than the others: a goal with weight 2 counts twice as much in the T-score.',
    },
  },
} as const;
