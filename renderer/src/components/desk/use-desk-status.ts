/**
 * The desk's own state (desk.status): asked every 2 seconds by the shell's banner while someone is signed in (once
 * only on a standalone desk, which cannot become connected without a restart). The
 * operation is passive, so the poll never keeps the screen lock away; a standalone desk answers at once from its
 * core (mode 'standalone') and nothing is shown. One query key: the banner, the navigation, the outbox page and the
 * concern dialog share one answer.
 *
 * Push: when the desk's change counter moves (a colleague changed records on another desk, through the server),
 * every other query is marked stale and the ones on screen read again, so the change shows within seconds.
 */
import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client';
import { changesMoved, DESK_POLL_MS, DESK_STATUS_KEY, deskPollInterval } from './desk-model';

/** `poll`: this reader keeps the poll going and does the push refresh (the shell, once); the others read. */
export function useDeskStatus({ poll = false }: { readonly poll?: boolean } = {}) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: DESK_STATUS_KEY,
    queryFn: () => call('desk.status', {}),
    refetchInterval: poll ? (q) => deskPollInterval(q.state.data) : false,
    refetchIntervalInBackground: true,
    staleTime: poll ? 0 : DESK_POLL_MS,
  });
  const lastChanges = useRef<number | undefined>(undefined);
  const changes = query.data?.changes;
  useEffect(() => {
    if (!poll || changes === undefined) return;
    const previous = lastChanges.current;
    lastChanges.current = changes;
    if (changesMoved(previous, changes)) {
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== DESK_STATUS_KEY[0] });
    }
  }, [poll, changes, queryClient]);
  return query;
}
