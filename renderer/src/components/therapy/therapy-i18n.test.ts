/** The therapy screens build some keys at run time: every value of each vocabulary has its label. */
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../../shared/i18n';
import {
  ASSESSMENT_KINDS, BANDS, CONSENT_STATUSES, DEFAULT_DISCIPLINES, LA_CATEGORIES, MEASURE_NAMES, NEED_LEVELS, REFERRAL_STATES,
  REFERRER_KINDS, THRIVE_RESULTS, THRIVE_STRANDS,
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
        `referralStates.${s}`, `therapyUi.moves.${s}`, `therapyUi.move.title.${s}`, `therapyUi.move.explain.${s}`, `therapyUi.move.date.${s}`, `therapyUi.move.confirm.${s}`,
      ]),
      ...BANDS.flatMap((b) => [`bands.${b}`, `therapyUi.band.describe.${b}`]),
      ...NEED_LEVELS.map((n) => `needLevels.${n}`),
      ...DEFAULT_DISCIPLINES.map((d) => `disciplines.${d}`),
      ...MEASURE_NAMES.flatMap((m) => [`therapyUi.measures.${m}.name`, `therapyUi.measures.${m}.short`, ...measureScales(m).map((s) => `therapyUi.measures.${m}.scales.${s.scale}`)]),
      ...THRIVE_STRANDS.map((s) => `therapyUi.thriveStrands.${s}`),
      ...THRIVE_RESULTS.map((r) => `therapyUi.thriveResults.${r}`),
      'therapyUi.tabs.referrals',
      'therapyUi.tabs.band',
    ];
    expect(keys.filter((k) => !i18n.exists(k) && !i18n.exists(`${k}_other`))).toEqual([]);
  });

  it('shows the policy’s warning for Specific without progress word for word', () => {
    expect(i18n.t('therapyUi.band.flagBody')).toBe(
      'On Specific without progress at the last two reviews: the policy says the school may be unable to meet needs — consider an early EHC plan review.',
    );
  });
});
