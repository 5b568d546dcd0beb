import { describe, expect, it } from 'vitest';
import { contract, OP_NAMES, type AccessRow } from '../../../../shared/contract';
import { CLINICAL_OPERATIONS } from '../../../../shared/access';
import { ROLES } from '../../../../shared/domain';
import { i18n } from '../../../../shared/i18n';
import { AREA_GROUP, groupOf, groupRows, operationLabelKey, operationName } from './access-model';

const clinical = new Set<string>(CLINICAL_OPERATIONS);
const ROWS: AccessRow[] = OP_NAMES.map((name) => {
  const def = contract[name];
  return {
    operation: name,
    area: name.split('.')[0]!,
    kind: def.kind,
    access: def.access,
    clinical: clinical.has(name),
    audited: def.kind === 'write' || def.audit,
  };
});
const label = operationName;

describe('Who can do what', () => {
  it('has a readable name for every operation in the contract', () => {
    expect(OP_NAMES.filter((op) => !i18n.exists(operationLabelKey(op)))).toEqual([]);
  });

  it('names each operation once (no two share a label)', () => {
    const labels = OP_NAMES.map(label);
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
  });

  it('puts every operation in a named group, and every group has a heading', () => {
    expect(ROWS.filter((r) => groupOf(r) === 'other').map((r) => r.operation)).toEqual([]);
    for (const g of new Set(Object.values(AREA_GROUP))) expect(i18n.exists(`accessUi.areas.${g}`)).toBe(true);
    for (const r of ROLES) expect(i18n.exists(`accessUi.rules.${r}`)).toBe(true);
  });

  it('builds the key from the operation name with dots as underscores', () => {
    expect(operationLabelKey('sessions.protected.list')).toBe('accessUi.operations.sessions_protected_list');
  });

  it('keeps every row without a filter, grouped in order', () => {
    const groups = groupRows(ROWS, { role: null, onlyAllowed: false, search: '' }, label);
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(ROWS.length);
    expect(groups[0]!.group).toBe('account');
  });

  it('filters to what a role can do, and by words in the readable name or the operation', () => {
    const teacher = groupRows(ROWS, { role: 'teacher', onlyAllowed: true, search: '' }, label).flatMap((g) =>
      g.rows.map((r) => r.operation),
    );
    expect(teacher).toContain('ipps.listForPupil');
    expect(teacher).toContain('pupils.get');
    expect(teacher).not.toContain('assessments.list');
    expect(teacher).not.toContain('sessions.get');
    const found = groupRows(ROWS, { role: null, onlyAllowed: false, search: 'therapy assessment' }, label).flatMap((g) =>
      g.rows.map((r) => r.operation),
    );
    expect(found).toEqual(expect.arrayContaining(['assessments.list', 'assessments.save']));
    expect(groupRows(ROWS, { role: null, onlyAllowed: false, search: 'zzz' }, label)).toEqual([]);
  });
});
