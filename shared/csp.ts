/**
 * The renderer's Content-Security-Policy, shared by the Electron protocol handler and the test host: scripts only
 * from the app itself, no remote content, no eval. MUI/emotion inject <style> elements, hence 'unsafe-inline'
 * for styles only. connect-src 'self' lets the test host's page call its own /api.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
