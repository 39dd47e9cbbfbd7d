/**
 * The renderer's Content Security Policy. The production policy is the meta tag in
 * renderer/index.html and the header of every `app://` response; electron.vite.config.ts swaps
 * in the development policy only while the dev server runs (React's fast-refresh preamble is an
 * inline script and hot reload needs a websocket). No `electron` import: the build config and
 * the tests read this file too.
 */
export const PRODUCTION_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Development only: inline scripts for the React preamble, the dev server's websocket. */
export const DEVELOPMENT_CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Replaces the CSP meta tag's policy in an HTML page (the dev server's index.html). */
export function withCspMeta(html: string, policy: string): string {
  return html.replace(
    /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i,
    `$1${policy}$2`,
  );
}
