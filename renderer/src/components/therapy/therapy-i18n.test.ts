/**
 * The therapy wording says what the code does. (That every value of each therapy vocabulary has its label is now
 * checked by type: shared/i18n/i18n-keys.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../../shared/i18n';

describe('therapy i18n keys', () => {
  it('describes Specific without progress as the rule the code applies, and points to the right next step', () => {
    // shared/therapy.ts specificWithoutProgress: current band Specific; at least two plan reviews since the band began;
    // the latest review's (weighted) mean rating below 0 and no higher than the first's. Not "the last two reviews".
    expect(i18n.t('therapyUi.band.flagBody')).toBe(
      'Flagged when the pupil is on Specific, has had at least two plan reviews since the band began, and the latest review’s mean goal rating (each goal counted by its weight) is below 0, the expected level, and no higher than the first of those reviews. ' +
        'The therapy policy says no progress on Specific means the school may be unable to meet the pupil’s needs.',
    );
    expect(i18n.t('therapyUi.band.flagBody')).not.toMatch(/last two/);
    expect(i18n.t('therapyUi.distribution.flaggedNone')).not.toMatch(/last two/);
    expect(i18n.t('therapyRules.specific.step.needs_assessment')).toMatch(/request an EHC needs assessment/);
    expect(i18n.t('therapyRules.specific.step.ehcp_review')).toMatch(/early review of the plan, or discuss the placement/);
  });
});
