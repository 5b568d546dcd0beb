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
      weightsHere: 'Goals with a higher weight count for more: a goal with weight 2 counts twice as much as a goal with weight 1. In this plan: {{list}}.',
      weightOf: 'goal {{n}} has weight {{weight}}',
    },
    validation: {
      gasWeight: 'A weight is a whole number from {{min}} to {{max}}. Leave it at 1 unless this goal matters more than the others: a goal with weight 2 counts twice as much in the T-score.',
    },
  },
} as const;
