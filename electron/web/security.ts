import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The only page policy the browser host serves: same-origin scripts, no inline code. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent on every response, pages and API alike. Never any CORS header. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The header a client sends the per-launch token in. */
export const TOKEN_HEADER = 'x-beatline-token';

/** A fresh per-launch token: 32 random bytes, base64url (URL-fragment safe). */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * True when `given` is exactly `expected`. Both sides are hashed to equal-length digests first,
 * so `timingSafeEqual` always compares equal-length buffers and the time taken does not depend
 * on where (or whether) the strings differ, nor on the length of the guess.
 */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || expected.length === 0) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The Host header must name this server on loopback (blocks DNS rebinding). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/**
 * A browser always sends Origin on a POST; only the host's own page may call the API.
 * Absent Origin (curl, scripts, the CLI) is allowed: those callers still need the token.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}`;
}
