/** The access matrix as the dispatcher enforces it: read from the contract itself, so it cannot drift. */
import { CLINICAL_OPERATIONS } from '../../../shared/access';
import { contract, OP_NAMES, type AccessRow } from '../../../shared/contract';
import type { ServiceFn } from '../context';

const clinical = new Set<string>(CLINICAL_OPERATIONS);

export function accessMatrix(): AccessRow[] {
  return OP_NAMES.map((name) => {
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
}

export const accessMatrixOp: ServiceFn<'access.matrix'> = async () => accessMatrix();
