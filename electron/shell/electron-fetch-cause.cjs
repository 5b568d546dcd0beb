// Preloaded (node --require) into Electron's installer by electron-binary.cjs. Node's fetch() rejects with a bare
// "fetch failed" and keeps the reason (DNS, refused connection, TLS, proxy) in `cause`, which the installer's
// `console.error(err.stack)` leaves out; this rethrows with the cause in the message, so `npm start` can say why.
'use strict';
const original = globalThis.fetch;
if (typeof original === 'function') {
  globalThis.fetch = async function fetchNamingCause(...args) {
    try {
      return await original.apply(this, args);
    } catch (err) {
      const cause = err && err.cause;
      const detail = cause && (cause.message || cause.code);
      if (!detail || String(err.message).includes(detail)) throw err;
      const named = new TypeError(`${err.message} (${detail})`, { cause });
      throw named;
    }
  };
}
