/**
 * en-GB strings for a desk connected to the school server (issue 16): the connection, working offline, the outbox
 * and the "Could not be sent" list, as the desk and the core say them. Spread into the resources in
 * shared/i18n/index.ts. (The renderer's own strings for these screens are in connected-ui.ts.)
 */
export const connected = {
  connected: {
    badIdempotencyKey: 'The request’s idempotency key is not one SENCo Desk makes (16 to 64 letters, digits, hyphens or underscores), so nothing was done.',
    idempotencyKeyReused: 'This request’s idempotency key was already used for a different operation or by someone else, so nothing was done. The desk that sent it should make a new key for each operation.',
    standaloneOutbox: 'This desk is not connected to a school server, so it has no outbox: there is nothing to send again.',
  },
} as const;
