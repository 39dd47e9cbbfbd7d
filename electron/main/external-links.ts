/** One plain mail address: a local part of the usual characters (no `%` escapes), `@`, a host name. */
const MAIL_ADDRESS = /^[A-Za-z0-9.!#$&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/**
 * Which links may leave the app for the system browser or mail program: only `https:` links to
 * a real host (no user name or password in them) and `mailto:` links to one plain address, after
 * parsing. A `mailto:` link is reduced to `mailto:ADDRESS`: its query (`?body=`, `?attach=`,
 * `?cc=`, ...) is dropped, so a link cannot fill in a message or attach a file. Returns the URL to
 * hand to `shell.openExternal`, or null. Plain Node, tested without Electron.
 */
export function externalLinkTarget(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'https:') {
    if (!parsed.hostname || parsed.username || parsed.password) return null;
    return parsed.href;
  }
  if (parsed.protocol === 'mailto:') {
    return MAIL_ADDRESS.test(parsed.pathname) ? `mailto:${parsed.pathname}` : null;
  }
  return null;
}
