/**
 * en-GB strings for a desk connected to the school server (issue 16): the connection, working offline, the outbox
 * and the "Could not be sent" list, as the desk and the core say them. Spread into the resources in
 * shared/i18n/index.ts. (The renderer's own strings for these screens are in connected-ui.ts.)
 */
export const connected = {
  connected: {
    standaloneOutbox: 'This desk is not connected to a school server, so it has no outbox: there is nothing to send again.',
  },
} as const;
