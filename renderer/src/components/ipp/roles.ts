/** Who may do what with plans and placements (mirrors shared/contract/therapy.ts access lists). */
import type { Role } from '../../../../shared/domain';

const has = (list: readonly Role[], role: Role) => list.includes(role);

export const canWriteIpps = (role: Role) => has(['senco', 'therapy_lead', 'therapist'], role);
export const canReadIpps = (role: Role) => has(['senco', 'therapy_lead', 'therapist', 'headteacher', 'teacher'], role);
export const canReadBands = (role: Role) => has(['senco', 'therapy_lead', 'therapist', 'headteacher'], role);
export const canReadEhcp = (role: Role) => has(['senco', 'therapy_lead', 'therapist', 'headteacher'], role);
export const canReadPlacements = (role: Role) => has(['senco', 'therapy_lead', 'headteacher', 'office'], role);
export const canWritePlacements = (role: Role) => has(['senco', 'therapy_lead'], role);
