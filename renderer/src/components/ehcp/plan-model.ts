/**
 * The EHC plan editor's model: the form holds the contract's create input exactly (content keys are row ids once
 * saved, client keys for new rows), plus the pure helpers the screens share: labels for numbered rows, the
 * golden thread as plain-English lines, and whether the content changed (a change to a final plan is an amendment).
 */
import type { z } from 'zod';
import type { PlanView, planCreateInput } from '../../../../shared/contract';
import { goldenThread, type FrequencyPeriod, type NeedArea } from '../../../../shared/ehcp';
import { codeLabel, t } from '../../../../shared/i18n';

export type PlanFormIn = z.input<typeof planCreateInput>;
export type PlanFormOut = z.output<typeof planCreateInput>;
export type ContentIn = PlanFormIn['content'];
type ContentLike = PlanView['content'] | ContentIn | PlanFormOut['content'];

/** A fresh key for a new row; the server replaces it with a row id on save and the links follow. */
export function newKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function emptyContent(): ContentIn {
  return {
    sectionA: { views: null, interests: null, aspirations: null },
    needs: [],
    items: [],
    outcomes: [],
    provision: [],
    placement: { name: null, urn: null, type: null },
    personalBudget: null,
    advice: [],
  };
}

export function newPlanForm(pupilId: string, localAuthority: string, ownerId: string | null): PlanFormIn {
  return {
    pupilId,
    localAuthority,
    ownerId,
    status: 'draft',
    draftDate: null,
    issuedDate: null,
    ceasedDate: null,
    ceasedReason: null,
    content: emptyContent(),
  };
}

/** A saved version as editable form values (mutable copies: the form must never write into the query cache). */
export function viewToForm(view: PlanView): PlanFormIn {
  const c = view.content;
  return {
    pupilId: view.plan.pupilId,
    localAuthority: view.plan.localAuthority,
    ownerId: view.plan.ownerId,
    status: view.plan.status,
    draftDate: view.plan.draftDate,
    issuedDate: view.plan.issuedDate,
    ceasedDate: view.plan.ceasedDate,
    ceasedReason: view.plan.ceasedReason,
    content: {
      sectionA: { ...c.sectionA },
      needs: c.needs.map((n) => ({ ...n })),
      items: c.items.map((i) => ({ ...i })),
      outcomes: c.outcomes.map((o) => ({ ...o, needKeys: [...o.needKeys] })),
      provision: c.provision.map((p) => ({ ...p, outcomeKeys: [...p.outcomeKeys] })),
      placement: { ...c.placement },
      personalBudget: c.personalBudget,
      advice: c.advice.map((a) => ({ ...a })),
    },
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/**
 * The content with row keys replaced by positions (as the core compares it), so a document whose only difference
 * is its keys counts as unchanged; empty text counts as nothing.
 */
export function canonicalContent(c: ContentLike): string {
  const needIx = new Map(c.needs.map((n, i) => [n.key, i]));
  const outIx = new Map(c.outcomes.map((o, i) => [o.key, i]));
  const blank = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  return JSON.stringify(
    sortKeys({
      sectionA: { views: blank(c.sectionA.views), interests: blank(c.sectionA.interests), aspirations: blank(c.sectionA.aspirations) },
      needs: c.needs.map(({ key: _k, ...n }) => ({ ...n, description: n.description.trim() })),
      items: c.items.map((i) => ({ ...i, description: i.description.trim(), provider: blank(i.provider) })),
      outcomes: c.outcomes.map(({ key: _k, needKeys, ...o }) => ({
        ...o,
        description: o.description.trim(),
        targetDate: o.targetDate ?? null,
        needs: [...new Set(needKeys.map((k) => needIx.get(k)))].sort(),
      })),
      provision: c.provision.map(({ key: _k, outcomeKeys, ...p }) => ({
        ...p,
        description: p.description.trim(),
        deliveredBy: blank(p.deliveredBy),
        expertise: blank(p.expertise),
        outcomes: [...new Set(outcomeKeys.map((k) => outIx.get(k)))].sort(),
      })),
      placement: { name: blank(c.placement.name), urn: blank(c.placement.urn), type: blank(c.placement.type) },
      personalBudget: blank(c.personalBudget),
      advice: c.advice.map((a) => ({ ...a, title: a.title.trim(), author: a.author.trim() })),
    }),
  );
}

export function contentChanged(a: ContentLike, b: ContentLike): boolean {
  return canonicalContent(a) !== canonicalContent(b);
}

/** The first words of a description, for labels: "Reading comprehension…". */
export function shortText(s: string | null | undefined, max = 40): string {
  const text = (s ?? '').replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

export function areaLabel(area: NeedArea | string | null | undefined): string | null {
  return area ? codeLabel('ehcpUi.areas', area) : null;
}

export function periodLabel(p: FrequencyPeriod | string | null | undefined): string {
  return p ? codeLabel('ehcpUi.periods', p) : '';
}

/** "Need 2 (Cognition and learning: ‘Reading comprehension…’)" */
export function needName(index: number, need: { readonly area?: string | null; readonly description?: string | null }): string {
  const n = index + 1;
  const area = areaLabel(need.area);
  const text = shortText(need.description);
  if (!area) return text ? `${t('ehcpUi.thread.needNameBare', { n })} (‘${text}’)` : t('ehcpUi.thread.needNameBare', { n });
  return text ? t('ehcpUi.thread.needName', { n, area, text }) : t('ehcpUi.thread.needNameNoText', { n, area });
}

export function outcomeName(index: number, outcome: { readonly description?: string | null }): string {
  const text = shortText(outcome.description);
  return text ? t('ehcpUi.thread.outcomeName', { n: index + 1, text }) : t('ehcpUi.rows.outcome', { n: index + 1 });
}

export function provisionName(index: number, provision: { readonly description?: string | null }): string {
  const text = shortText(provision.description);
  return text ? t('ehcpUi.thread.provisionName', { n: index + 1, text }) : t('ehcpUi.rows.provision', { n: index + 1 });
}

export type ThreadList = 'needs' | 'outcomes' | 'provision';
export type ThreadKind =
  'needsWithoutOutcome' | 'needsWithoutProvision' | 'provisionWithoutOutcome' | 'outcomesWithoutNeed' | 'provisionNotQuantified';

export interface ThreadProblem {
  readonly kind: ThreadKind;
  readonly list: ThreadList;
  readonly key: string;
  readonly index: number;
  /** The plain-English line: "Need 2 (Cognition and learning: ‘Reading…’) has no outcome or provision serving it." */
  readonly message: string;
  /** "Need 2", for the button that focuses the row. */
  readonly row: string;
  /** The field the button focuses: the one that mends the gap. */
  readonly field: 'description' | 'needKeys' | 'outcomeKeys' | 'frequencyCount';
}

interface ThreadContent {
  readonly needs: readonly { readonly key: string; readonly area?: string | null; readonly description?: string | null }[];
  readonly outcomes: readonly { readonly key: string; readonly description?: string | null; readonly needKeys: readonly string[] }[];
  readonly provision: readonly {
    readonly key: string;
    readonly description?: string | null;
    readonly outcomeKeys: readonly string[];
    readonly frequencyCount: number | null;
    readonly frequencyPeriod: string | null;
    readonly sessionMinutes: number | null;
  }[];
}

/** The golden thread (shared/ehcp) as lines that name each item, in the order of the plan: B, then E, then F. */
export function threadProblems(content: ThreadContent): ThreadProblem[] {
  const clean = {
    needs: content.needs,
    outcomes: content.outcomes,
    provision: content.provision.map((p) => ({
      ...p,
      // A half-typed number is not a number yet.
      frequencyCount: Number.isFinite(p.frequencyCount) ? p.frequencyCount : null,
      sessionMinutes: Number.isFinite(p.sessionMinutes) ? p.sessionMinutes : null,
      frequencyPeriod: p.frequencyPeriod || null,
    })),
  };
  const g = goldenThread(clean);
  const out: ThreadProblem[] = [];
  const needIx = new Map(content.needs.map((n, i) => [n.key, i]));
  const outIx = new Map(content.outcomes.map((o, i) => [o.key, i]));
  const provIx = new Map(content.provision.map((p, i) => [p.key, i]));
  const add = (kind: ThreadKind, list: ThreadList, keys: readonly string[], field: ThreadProblem['field']) => {
    for (const key of keys) {
      const index = (list === 'needs' ? needIx : list === 'outcomes' ? outIx : provIx).get(key);
      if (index === undefined) continue;
      const name =
        list === 'needs'
          ? needName(index, content.needs[index]!)
          : list === 'outcomes'
            ? outcomeName(index, content.outcomes[index]!)
            : provisionName(index, content.provision[index]!);
      const row = t(`ehcpUi.rows.${list === 'needs' ? 'need' : list === 'outcomes' ? 'outcome' : 'provision'}`, { n: index + 1 });
      out.push({ kind, list, key, index, message: t(`ehcpUi.thread.${kind}`, { name }), row, field });
    }
  };
  add('needsWithoutOutcome', 'needs', g.needsWithoutOutcome, 'description');
  add('needsWithoutProvision', 'needs', g.needsWithoutProvision, 'description');
  add('outcomesWithoutNeed', 'outcomes', g.outcomesWithoutNeed, 'needKeys');
  add('provisionWithoutOutcome', 'provision', g.provisionWithoutOutcome, 'outcomeKeys');
  add('provisionNotQuantified', 'provision', g.provisionNotQuantified, 'frequencyCount');
  const order: Record<ThreadList, number> = { needs: 0, outcomes: 1, provision: 2 };
  return out.sort((a, b) => order[a.list] - order[b.list] || a.index - b.index);
}

/** "3 times a week", "Once a fortnight", or '' when not given. */
export function frequencyText(count: number | null, period: string | null): string {
  if (!count || !period) return '';
  const p = periodLabel(period);
  return t('ehcpUi.print.frequency', { count, period: p });
}

/** The quantities of a provision in one line: "3 times a week · 30 minutes a session · for 36 weeks · one to one". */
export function quantityText(p: {
  readonly frequencyCount: number | null;
  readonly frequencyPeriod: string | null;
  readonly sessionMinutes: number | null;
  readonly durationWeeks: number | null;
  readonly groupSize: number | null;
}): string {
  const parts = [
    frequencyText(p.frequencyCount, p.frequencyPeriod),
    p.sessionMinutes ? t('ehcpUi.print.minutes', { count: p.sessionMinutes }) : '',
    p.durationWeeks ? t('ehcpUi.print.weeks', { count: p.durationWeeks }) : '',
    p.groupSize === 1 ? t('ehcpUi.print.oneToOne') : p.groupSize ? t('ehcpUi.print.group', { count: p.groupSize }) : '',
  ].filter(Boolean);
  return parts.join(' · ');
}

/** DOM id of a row of the editor, for the golden thread's "Go to" buttons. */
export function rowDomId(list: ThreadList | 'items' | 'advice', key: string): string {
  return `ehcp-${list}-${key.replace(/[^a-zA-Z0-9_-]/g, '')}`;
}
