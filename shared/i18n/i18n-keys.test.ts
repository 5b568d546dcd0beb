/**
 * i18n keys are checked by TypeScript (shared/i18n/i18next.d.ts), not by scanning the sources: the core's and the
 * CLI's `t` refuses a key that is not in the en-GB strings, a prefix helper refuses a key that is not under its
 * prefix, and `codeLabel` refuses a prefix that does not exist. `npx tsc -p tsconfig.json --noEmit` proves the
 * @ts-expect-error lines below: were any of them accepted, the directive would be unused and the typecheck would fail.
 * The type-level tables below prove that every value of each vocabulary has its label.
 *
 * What the types cannot see stays a run-time check here: that a counted key has both plural forms (`_one`, and
 * `_other` or the bare key, which i18next uses for "other"): the key types drop the suffix, so either form alone
 * satisfies them.
 */
import { describe, expect, it } from 'vitest';
import { codeLabel, i18n, resources, t, type I18nKey, type I18nKeyUnder } from './index';
import type { SupersedingStep } from '../clock-types';
import type { ContactRelationship, NeedCode, Role, SenStatus, TermName } from '../domain';
import type { ExportSection } from '../contract';
import type {
  ASSESSMENT_KINDS,
  Band,
  DEFAULT_DISCIPLINES,
  MEASURES,
  ConsentStatus,
  LaCategory,
  MeasureName,
  NeedLevel,
  ReferralState,
  ReferrerKind,
  SpecificNextStep,
  THRIVE_RESULTS,
  ThriveStrand,
} from '../therapy';

type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
type ThriveResult = (typeof THRIVE_RESULTS)[number];
type Discipline = (typeof DEFAULT_DISCIPLINES)[number];
/** "sdq.scales.emotional" and the rest: every scale of every measure. */
type MeasureScale = { [M in MeasureName]: `${M}.scales.${keyof (typeof MEASURES)[M]['scales'] & string}` }[MeasureName];

/** The keys `${P}.${V}` that the strings lack: never when every value has its label. */
type Missing<P extends string, V extends string | number> = Exclude<`${P}.${V}`, I18nKey>;
/** Compiles only when nothing is missing. */
type None<M> = [M] extends [never] ? true : { readonly missing: M };

// Every value of each vocabulary the screens, the CLI and the PDFs name has its label.
const vocabularies: {
  readonly needs: None<Missing<'needs', NeedCode>>;
  readonly senStatus: None<Missing<'senStatus', SenStatus> | Missing<'senStatusLong', SenStatus>>;
  readonly roles: None<Missing<'roles', Role>>;
  readonly relationships: None<Missing<'relationships', ContactRelationship>>;
  readonly terms: None<Missing<'terms', TermName>>;
  readonly superseded: None<Missing<'clocksUi.relative.supersededBy', SupersedingStep>>;
  readonly exportSections: None<Missing<'exportSections', ExportSection>>;
  readonly referrerKinds: None<Missing<'therapyUi.referrerKinds', ReferrerKind>>;
  readonly laCategories: None<Missing<'therapyUi.laCategories', LaCategory>>;
  readonly consent: None<Missing<'therapyUi.consent.status', ConsentStatus> | Missing<'therapyUi.consent.chip', ConsentStatus>>;
  readonly assessmentKinds: None<Missing<'therapyUi.assessmentKinds', AssessmentKind>>;
  readonly referralStates: None<
    | Missing<'referralStates', ReferralState>
    | Missing<'therapyUi.moves', ReferralState>
    | Missing<'therapyUi.move.title', ReferralState>
    | Missing<'therapyUi.move.explain', ReferralState>
    | Missing<'therapyUi.move.date', ReferralState>
    | Missing<'therapyUi.move.confirm', ReferralState>
  >;
  readonly bands: None<Missing<'bands', Band> | Missing<'therapyUi.band.describe', Band>>;
  readonly needLevels: None<Missing<'needLevels', NeedLevel>>;
  readonly measures: None<Missing<'therapyUi.measures', `${MeasureName}.name` | `${MeasureName}.short` | MeasureScale>>;
  readonly disciplines: None<Missing<'disciplines', Discipline>>;
  readonly thrive: None<Missing<'therapyUi.thriveStrands', ThriveStrand> | Missing<'therapyUi.thriveResults', ThriveResult>>;
  readonly nextSteps: None<
    Missing<'therapyRules.specific.step', SpecificNextStep> | Missing<'therapyRules.specific.stepShort', SpecificNextStep>
  >;
} = {
  needs: true,
  senStatus: true,
  roles: true,
  relationships: true,
  terms: true,
  superseded: true,
  exportSections: true,
  referrerKinds: true,
  laCategories: true,
  consent: true,
  assessmentKinds: true,
  referralStates: true,
  bands: true,
  needLevels: true,
  measures: true,
  disciplines: true,
  thrive: true,
  nextSteps: true,
};

/** Never called: each line is a key the typecheck must refuse. */
function refusedByTheTypecheck(step: SupersedingStep, need: NeedCode) {
  // @ts-expect-error: a misspelt key ("notFuond")
  t('errors.notFuond');
  // @ts-expect-error: a key one level short (an object of strings, not a string)
  t('errors');
  // @ts-expect-error: a dynamic key whose values are not all there (no "needs.X")
  t(`needs.${need as NeedCode | 'X'}`);
  // @ts-expect-error: a step with no "supersededBy" wording
  t(`clocksUi.relative.supersededBy.${step as SupersedingStep | 'annual_review'}`);
  const tp = (key: I18nKeyUnder<'reviewPack'>) => t(`reviewPack.${key}`);
  // @ts-expect-error: a prefix helper takes only the keys under its prefix
  tp('errors.notFound');
  // @ts-expect-error: codeLabel checks its prefix ("disciplnes")
  codeLabel('disciplnes', 'speech_and_language');
  const missing: None<Missing<'needs', NeedCode | 'X'>> = {
    // @ts-expect-error: the vocabulary check above does fail when a value has no label
    missing: 'needs.Y',
  };
  return missing;
}

describe('i18n keys', () => {
  it('keeps the type-level checks in the build (they compile, so every vocabulary has its labels)', () => {
    expect(Object.values(vocabularies).every((v) => v === true)).toBe(true);
    expect(typeof refusedByTheTypecheck).toBe('function');
  });

  it('translates a checked key, and a code from data by its label or else as it is', () => {
    expect(t('errors.notFound', { thing: 'pupil' })).not.toContain('errors.');
    expect(codeLabel('needs', 'ASD')).toBe(t('needs.ASD'));
    expect(codeLabel('disciplines', 'forest_school')).toBe('forest_school');
    expect(codeLabel('disciplines', 'forest_school', 'Forest school')).toBe('Forest school');
  });

  it('has both plural forms of every counted key', () => {
    const keys: string[] = [];
    const walk = (o: object, path: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'string') keys.push(`${path}${k}`);
        else if (v && typeof v === 'object') walk(v as object, `${path}${k}.`);
      }
    };
    walk(resources['en-GB'].translation, '');
    const all = new Set(keys);
    // "one_to_one" and "two_to_one" are ratios (1:1, 2:1), not plural forms.
    const counted = keys.filter((k) => /_(one|other)$/.test(k) && !/_to_one$/.test(k)).map((k) => k.replace(/_(one|other)$/, ''));
    expect(counted.length).toBeGreaterThan(50);
    const incomplete = [...new Set(counted)].filter((k) => !all.has(`${k}_one`) || !(all.has(`${k}_other`) || all.has(k)));
    expect(incomplete).toEqual([]);
    expect(i18n.t('cli.counted.pupil', { count: 2 })).toBe('2 pupils');
  });
});
