import { describe, expect, it } from 'vitest';
import { FREQUENCY_PERIODS, NEED_AREAS, PFA_AREAS, PLAN_STATUSES, ITEM_SECTIONS } from '../../../../shared/ehcp';
import { i18n } from '../../../../shared/i18n';
import { parseCount } from './fields';
import { printCss } from './plan-print';
import { cssString } from '../../lib/css-string';
import {
  canonicalContent,
  contentChanged,
  emptyContent,
  frequencyText,
  needName,
  newKey,
  quantityText,
  rowDomId,
  shortText,
  threadProblems,
  type ContentIn,
} from './plan-model';

const provision = (key: string, outcomeKeys: string[], q = true) => ({
  key,
  description: `Provision ${key}`,
  frequencyCount: q ? 2 : null,
  frequencyPeriod: q ? ('week' as const) : null,
  sessionMinutes: q ? 30 : null,
  durationWeeks: null,
  groupSize: 1,
  deliveredBy: null,
  expertise: null,
  markedQuantified: q,
  outcomeKeys,
});

function plan(): ContentIn {
  return {
    ...emptyContent(),
    needs: [
      { key: 'n1', area: 'communication_interaction', description: 'Understanding spoken instructions in class' },
      { key: 'n2', area: 'cognition_learning', description: 'Reading comprehension is well below age expectations' },
    ],
    outcomes: [{ key: 'o1', description: 'Follows two-step instructions', targetDate: null, needKeys: ['n1'], pfaArea: null }],
    provision: [provision('p1', ['o1'])],
  };
}

describe('threadProblems', () => {
  it('names a need with no outcome, with its number, area and first words', () => {
    const problems = threadProblems(plan());
    expect(problems.map((p) => p.message)).toEqual([
      'Need 2 (Cognition and learning: ‘Reading comprehension is well below age…’) has no outcome or provision serving it.',
    ]);
    expect(problems[0]).toMatchObject({ list: 'needs', index: 1, key: 'n2', row: 'Need 2', field: 'description' });
  });

  it('is empty once every need is linked and provision is quantified', () => {
    const c = plan();
    c.outcomes[0]!.needKeys = ['n1', 'n2'];
    expect(threadProblems(c)).toEqual([]);
  });

  it('lists each kind of gap, in the order of the plan, and points at the field that mends it', () => {
    const c = plan();
    c.outcomes.push({ key: 'o2', description: 'Reads a short text', targetDate: null, needKeys: [], pfaArea: null });
    c.provision.push(provision('p2', [], false));
    const problems = threadProblems(c);
    expect(problems.map((p) => [p.kind, p.row, p.field])).toEqual([
      ['needsWithoutOutcome', 'Need 2', 'description'],
      ['outcomesWithoutNeed', 'Outcome 2', 'needKeys'],
      ['provisionWithoutOutcome', 'Provision 2', 'outcomeKeys'],
      ['provisionNotQuantified', 'Provision 2', 'frequencyCount'],
    ]);
  });

  it('says when a need has an outcome but no provision', () => {
    const c = plan();
    c.provision = [];
    expect(threadProblems(c)[0]?.message).toContain(
      'Need 1 (Communication and interaction: ‘Understanding spoken instructions in…’) has an outcome but no provision serving it.',
    );
  });

  it('treats a half-typed number as not given', () => {
    const c = plan();
    c.provision[0]!.frequencyCount = Number.NaN;
    expect(threadProblems(c).some((p) => p.kind === 'provisionNotQuantified')).toBe(true);
  });

  it('copes with a new row that has no area or description yet', () => {
    expect(needName(2, { area: undefined, description: '' })).toBe('Need 3');
    expect(needName(0, { area: 'semh', description: '' })).toBe('Need 1 (Social, emotional and mental health)');
  });
});

describe('contentChanged', () => {
  it('ignores keys and blank text, sees real changes', () => {
    const a = plan();
    const b = structuredClone(a);
    b.needs = b.needs.map((n, i) => ({ ...n, key: `other-${i}` }));
    b.outcomes = b.outcomes.map((o) => ({ ...o, key: 'x', needKeys: ['other-0'] }));
    b.provision = b.provision.map((p) => ({ ...p, key: 'y', outcomeKeys: ['x'] }));
    b.sectionA.views = '';
    expect(contentChanged(a, b)).toBe(false);
    b.outcomes[0]!.needKeys = ['other-0', 'other-1'];
    expect(contentChanged(a, b)).toBe(true);
    const c = structuredClone(a);
    c.needs[0]!.description = 'Something else';
    expect(contentChanged(a, c)).toBe(true);
    expect(canonicalContent(a)).toBe(canonicalContent(structuredClone(a)));
  });
});

describe('labels and small helpers', () => {
  it('shortens at a word boundary', () => {
    expect(shortText('Reading comprehension')).toBe('Reading comprehension');
    expect(shortText('Reading comprehension is well below age expectations for Year 5', 30)).toBe('Reading comprehension is well…');
    expect(shortText(null)).toBe('');
  });
  it('writes quantities in words', () => {
    expect(frequencyText(3, 'week')).toBe('3 times a week');
    expect(frequencyText(1, 'fortnight')).toBe('Once a fortnight');
    expect(frequencyText(null, 'week')).toBe('');
    expect(quantityText({ frequencyCount: 2, frequencyPeriod: 'week', sessionMinutes: 30, durationWeeks: 36, groupSize: 1 })).toBe(
      '2 times a week · 30 minutes a session · for 36 weeks · one to one',
    );
  });
  it('parses counts: blank is null, digits a number, anything else NaN', () => {
    expect(parseCount('')).toBeNull();
    expect(parseCount(' 12 ')).toBe(12);
    expect(Number.isNaN(parseCount('3x'))).toBe(true);
    expect(Number.isNaN(parseCount('1.5'))).toBe(true);
  });
  it('makes unique keys and safe DOM ids', () => {
    expect(newKey()).not.toBe(newKey());
    expect(rowDomId('needs', 'a b"c')).toBe('ehcp-needs-abc');
  });
  it('escapes text placed in print CSS', () => {
    expect(cssString('O"Brien \\ x\ny')).toBe('"O\\"Brien \\\\ x y"');
    const css = printCss({ left: 'Confidential', right: 'Robin Example: EHC plan', footerLeft: 'Version 1', page: 'Page', of: 'of' });
    expect(css).toContain('size: A4');
    expect(css).toContain('counter(page)');
    expect(css).toContain('"Robin Example: EHC plan"');
  });
});

describe('EHC plan strings', () => {
  it('has a label for every value used to build a key', () => {
    const keys = [
      ...NEED_AREAS.map((a) => `ehcpUi.areas.${a}`),
      ...FREQUENCY_PERIODS.map((p) => `ehcpUi.periods.${p}`),
      ...PFA_AREAS.map((p) => `ehcpUi.pfa.${p}`),
      ...PLAN_STATUSES.flatMap((s) => [`ehcpUi.status.${s}`, `ehcpUi.statusLong.${s}`]),
      ...ITEM_SECTIONS.flatMap((s) => [`ehcpUi.sections.${s}`, `ehcpUi.intros.${s}`]),
      ...['A', 'B', 'E', 'F', 'I', 'J', 'K', 'details'].flatMap((s) => [`ehcpUi.sections.${s}`, `ehcpUi.intros.${s}`]),
      ...['original', 'amendment'].map((k) => `ehcpUi.plan.kinds.${k}`),
      ...['maintain', 'amend', 'cease'].map((d) => `ehcpUi.reviews.decisions.${d}`),
      ...['assess', 'refuse'].map((d) => `ehcpUi.requests.decisions.${d}`),
      ...['needsWithoutOutcome', 'needsWithoutProvision', 'provisionWithoutOutcome', 'outcomesWithoutNeed', 'provisionNotQuantified'].map(
        (k) => `ehcpUi.thread.${k}`,
      ),
      ...['need', 'outcome', 'provision'].map((k) => `ehcpUi.rows.${k}`),
    ];
    expect(keys.filter((k) => !i18n.exists(k))).toEqual([]);
  });
});
