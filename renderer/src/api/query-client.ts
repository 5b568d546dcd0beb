/**
 * The renderer's one query cache. The app provides it to the screens (app.tsx), and the client (client.ts) refreshes
 * in it the reads a successful write changes (shared/contract/changes.ts).
 */
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    // The core is local: a failure will not mend itself by retrying. Reads are cheap, so a screen always refetches
    // on arrival (colleagues on a shared database change records too).
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
    mutations: { retry: false },
  },
});
