/** The therapy screens build some keys at run time: every value of each vocabulary has its label. */
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../../shared/i18n';
import {
  ASSESSMENT_KINDS,
  BANDS,
  CONSENT_STATUSES,
  DEFAULT_DISCIPLINES,
  LA_CATEGORIES,
  MEASURE_NAMES,
  NEED_LEVELS,
  REFERRAL_STATES,
  REFERRER_KINDS,
  SPECIFIC_NEXT_STEPS,
  THRIVE_RESULTS,
  THRIVE_STRANDS,
} from '../../../../shared/therapy';
import { measureScales } from './therapy-model';

describe('therapy i18n keys', () => {
  it('has a label for every dynamic key', () => {
    const keys = [
      ...REFERRER_KINDS.map((k) => `therapyUi.referrerKinds.${k}`),
      ...LA_CATEGORIES.map((c) => `therapyUi.laCategories.${c}`),
      ...CONSENT_STATUSES.flatMap((c) => [`therapyUi.consent.status.${c}`, `therapyUi.consent.chip.${c}`]),
      ...ASSESSMENT_KINDS.map((k) => `therapyUi.assessmentKinds.${k}`),
      ...REFERRAL_STATES.flatMap((s) => [
        `referralStates.${s}`,
        `therapyUi.moves.${s}`,
        `therapyUi.move.title.${s}`,
        `therapyUi.move.explain.${s}`,
        `therapyUi.move.date.${s}`,
        `therapyUi.move.confirm.${s}`,
      ]),
      ...BANDS.flatMap((b) => [`bands.${b}`, `therapyUi.band.describe.${b}`]),
      ...NEED_LEVELS.map((n) => `needLevels.${n}`),
      ...DEFAULT_DISCIPLINES.map((d) => `disciplines.${d}`),
      ...MEASURE_NAMES.flatMap((m) => [
        `therapyUi.measures.${m}.name`,
        `therapyUi.measures.${m}.short`,
        ...measureScales(m).map((s) => `therapyUi.measures.${m}.scales.${s.scale}`),
      ]),
      ...THRIVE_STRANDS.map((s) => `therapyUi.thriveStrands.${s}`),
      ...THRIVE_RESULTS.map((r) => `therapyUi.thriveResults.${r}`),
      'therapyUi.tabs.referrals',
      'therapyUi.tabs.band',
    ];
    expect(keys.filter((k) => !i18n.exists(k) && !i18n.exists(`${k}_other`))).toEqual([]);
  });

  it('describes Specific without progress as the rule the code applies, and points to the right next step', () => {
    // shared/therapy.ts specificWithoutProgress: current band Specific; at least two plan reviews since the band began;
    // the latest review's (weighted) mean rating below 0 and no higher than the first's. Not "the last two reviews".
    expect(i18n.t('therapyUi.band.flagBody')).toBe(
      'Flagged when the pupil is on Specific, has had at least two plan reviews since the band began, and the latest review’s mean goal rating (each goal counted by its weight) is below 0, the expected level, and no higher than the first of those reviews. ' +
        'The therapy policy says no progress on Specific means the school may be unable to meet the pupil’s needs.',
    );
    expect(i18n.t('therapyUi.band.flagBody')).not.toMatch(/last two/);
    expect(i18n.t('therapyUi.distribution.flaggedNone')).not.toMatch(/last two/);
    for (const step of SPECIFIC_NEXT_STEPS) {
      expect(i18n.exists(`therapyRules.specific.step.${step}`)).toBe(true);
      expect(i18n.exists(`therapyRules.specific.stepShort.${step}`)).toBe(true);
    }
    expect(i18n.t('therapyRules.specific.step.needs_assessment')).toMatch(/request an EHC needs assessment/);
    expect(i18n.t('therapyRules.specific.step.ehcp_review')).toMatch(/early review of the plan, or discuss the placement/);
  });
});
