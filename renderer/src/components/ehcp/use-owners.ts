import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../../../shared/domain';
import { t } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { qk } from '../../lib/query-keys';

const CAN_LIST_USERS: readonly Role[] = ['senco', 'therapy_lead', 'headteacher'];

/** Staff who can coordinate a plan or a request (active accounts), for roles that may list users. */
export function useOwners(role: Role) {
  const enabled = CAN_LIST_USERS.includes(role);
  const query = useQuery({ queryKey: qk('users.list'), queryFn: () => call('users.list', {}), enabled });
  const users = query.data ?? [];
  return {
    users,
    nameOf: (id: string | null | undefined): string | null => (id ? (users.find((u) => u.id === id)?.displayName ?? null) : null),
    options: (current: string | null | undefined) => [
      { value: '', label: t('ehcpUi.fields.noOwner') },
      ...users
        .filter((u) => u.active || u.id === current)
        .map((u) => ({ value: u.id, label: `${u.displayName} (${t(`roles.${u.role}`)})` })),
    ],
  };
}
