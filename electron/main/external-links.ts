/**
 * Which links may leave the app for the system browser or mail program: only `https:` links to
 * a real host (no user name or password in them) and `mailto:` links, after parsing. Returns the
 * normalised URL to hand to `shell.openExternal`, or null. Plain Node, tested without Electron.
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
    return parsed.pathname.length > 0 ? parsed.href : null;
  }
  return null;
}
