/**
 * en-GB strings for a desk connected to the school server (issue 16): the connection, working offline, the outbox
 * and the "Could not be sent" list, as the desk and the core say them. Spread into the resources in
 * shared/i18n/index.ts. (The renderer's own strings for these screens are in connected-ui.ts.)
 */
export const connected = {
  connected: {
    badIdempotencyKey:
      'The request’s idempotency key is not one SENCo Desk makes (16 to 64 letters, digits, hyphens or underscores), so nothing was done.',
    longWorkId:
      'This long task could not be started: its id is malformed or already in use on this desk. Nothing was saved. Try again; if it happens again, reload the page.',
    idempotencyKeyReused:
      'This request’s idempotency key was already used for a different operation or by someone else, so nothing was done. The desk that sent it should make a new key for each operation.',
    untrusted:
      'The school server at {{server}} showed a different certificate from the one this desk trusts, so nothing was sent to it (it showed {{seen}}). This can mean the server’s certificate was renewed, or that something is pretending to be the server. Tell school IT: they can check the fingerprint and set the new one in this desk’s settings.',
    offlineNoCopy:
      'This desk cannot reach the school server ({{server}}), and you have not signed in at this desk before while it could, so it holds no copy of your records. Sign in on a desk that is connected, or try again when this one is back on the school network.',
    offlineWrongPassword:
      'The username or password is not right for this desk’s offline copy. If you changed your password recently, use the password you had when you last signed in at this desk while it was connected.',
    outboxItemGone: 'That item is no longer in this desk’s outbox (it was sent or discarded). Nothing was changed.',
    needsServer:
      'This needs the school server ({{server}}), which this desk cannot reach just now, so nothing was done. You can still see your pupils, record sessions and raise a safeguarding concern offline; try this again when the connection returns.',
    notKept:
      'This is not in this desk’s offline copy, and the school server ({{server}}) cannot be reached just now. It will be here when the connection returns; your own pupils’ profiles, plans and this week’s sessions are kept for working offline.',
    offlineUnlock:
      'The screen was locked while the school server could not be reached: sign out and sign in again with your password to carry on (anything waiting to be sent is kept on this desk).',
    standaloneOutbox: 'This desk is not connected to a school server, so it has no outbox: there is nothing to send again.',
  },
} as const;
