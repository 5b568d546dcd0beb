/**
 * The people who can deliver sessions (the SENCo, the therapy lead and therapists). Those who may list users see
 * them all; a therapist sees only themselves, which is all they can book for.
 */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { qk } from '../../lib/query-keys';

export const PRACTITIONER_ROLES = ['senco', 'therapy_lead', 'therapist'] as const;
const USER_READERS = ['senco', 'therapy_lead', 'headteacher'] as const;

export interface Practitioner {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

export function usePractitioners(): {
  readonly list: readonly Practitioner[];
  readonly isPending: boolean;
  readonly me: Practitioner | null;
} {
  const info = useSessionInfo();
  const canList = (USER_READERS as readonly string[]).includes(info.user.role);
  const query = useQuery({ queryKey: qk('users.list'), queryFn: () => call('users.list', {}), enabled: canList, staleTime: 60_000 });
  const isPractitioner = (PRACTITIONER_ROLES as readonly string[]).includes(info.user.role);
  const me = isPractitioner ? { id: info.user.id, name: info.user.displayName, role: info.user.role } : null;
  if (!canList) return { list: me ? [me] : [], isPending: false, me };
  const list = (query.data ?? [])
    .filter((u) => u.active && (PRACTITIONER_ROLES as readonly string[]).includes(u.role))
    .map((u) => ({ id: u.id, name: u.displayName, role: u.role }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { list, isPending: query.isPending, me };
}
