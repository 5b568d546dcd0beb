/**
 * The DSL's alerts (safeguarding.alerts): asked every 15 seconds while the DSL is signed in and the screen is not
 * locked. The core treats the poll as passive, so it never keeps the screen lock away. One query key: the banner,
 * the nav badge and the dashboard card share one answer.
 */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { ALERTS_POLL_MS } from './concern-model';
import { qk } from '../../lib/query-keys';

export const ALERTS_KEY = qk('safeguarding.alerts');

/** `poll`: this reader keeps the 15-second poll going (the banner); the others read what it last found. */
export function useSafeguardingAlerts({ poll = false }: { readonly poll?: boolean } = {}) {
  const info = useSessionInfo();
  const isDsl = info.user.role === 'dsl';
  const query = useQuery({
    queryKey: ALERTS_KEY,
    queryFn: () => call('safeguarding.alerts', {}),
    enabled: isDsl && !info.locked,
    refetchInterval: poll ? ALERTS_POLL_MS : false,
    refetchIntervalInBackground: true,
    staleTime: poll ? 0 : ALERTS_POLL_MS,
  });
  return { isDsl, query };
}
