/**
 * en-GB words for the LA's decision whether to issue an EHC plan after assessing (SEND Regulations 2014 reg. 10:
 * the parent is told within 16 weeks of the request if it will not), on the assessment request card and in the
 * contract's messages. Merged as `translation: { ..., ...issueDecision }`, so keys read `issueDecision.pair`.
 */
export const issueDecision = {
  issueDecision: {
    label: 'Decision whether to issue a plan',
    help: 'After assessing: by 16 weeks from the request the LA tells the parent if it will not issue a plan; if it will, a draft plan follows.',
    options: {
      issue: 'Will issue a plan (draft sent)',
      not_issue: 'Will not issue a plan (parent told)',
    },
    short: {
      issue: 'plan to be issued',
      not_issue: 'no plan: parent told',
    },
    date: 'Date of the draft plan or of the letter to the parent',
    none: 'Not yet',
    pair: 'Give both the decision whether to issue a plan and its date, or neither.',
    needsAssess: 'The decision whether to issue a plan follows a decision to assess: record that first.',
    noFinalPlan: 'The LA decided not to issue a plan, so there is no final plan date. Clear one of them.',
  },
} as const;
