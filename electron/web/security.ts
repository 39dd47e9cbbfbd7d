import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

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

/** The header a page sends its per-load client id in (POSTs and the change stream). */
export const CLIENT_HEADER = 'x-beatline-client';

/** A client id as sent (letters, digits, `-`, `_`; at most 64), or null for none or a bad one. */
export function clientIdOf(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(header) ? header : null;
}

/** The two names of this server on loopback: `127.0.0.1:PORT` and `localhost:PORT`. */
function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * The request's one Host header, or undefined when it has none or several. Node keeps only the
 * first of several, so `Host: 127.0.0.1:PORT` then `Host: evil.example` would pass the check;
 * RFC 9112 says to refuse such a request.
 */
export function singleHost(req: IncomingMessage): string | undefined {
  const hosts = req.headersDistinct.host;
  return hosts?.length === 1 ? hosts[0] : undefined;
}

/** The Host header must name this server on loopback (blocks DNS rebinding). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false;
  return loopbackHosts(port).includes(host.toLowerCase());
}

/**
 * A browser always sends Origin on a POST; only the host's own page may call the API, whether
 * it was opened as 127.0.0.1 or as localhost (the two names the Host check accepts).
 * Absent Origin (curl, scripts, the CLI) is allowed: those callers still need the token.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return loopbackHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}
