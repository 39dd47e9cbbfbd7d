import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { APP_INDEX_URL } from './app-protocol';

/**
 * Where the window's page comes from: the dev server in development, otherwise the built files
 * in `root` served through the `app://` protocol at `url` (app-protocol.ts).
 */
export type RendererSource =
  { kind: 'url'; url: string } | { kind: 'app'; url: string; root: string };

/**
 * Picks the renderer to load. The dev server URL (set by `electron-vite dev`) is honoured only in
 * an unpackaged app and only when it is an http(s) URL; everything else loads the built
 * `out/renderer` next to the main bundle (`mainDir` is `out/main`) as `app://beatline/index.html`.
 */
export function rendererSource(options: {
  devUrl: string | undefined;
  isPackaged: boolean;
  mainDir: string;
}): RendererSource {
  const { devUrl, isPackaged, mainDir } = options;
  if (!isPackaged && devUrl) {
    const url = tryParse(devUrl);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
      return { kind: 'url', url: url.href };
    }
  }
  return { kind: 'app', url: APP_INDEX_URL, root: join(mainDir, '..', 'renderer') };
}

/** The URL the window shows once the renderer is loaded. */
export function rendererUrl(source: RendererSource): string {
  return source.url;
}

/**
 * A comparable key for "the same app origin". For http(s) and custom schemes (`app://`) it is
 * `scheme://host[:port]`. `file:` URLs have an opaque origin, so the key is the file itself:
 * only the built index.html counts, not any other file on the disk. Query and hash are ignored.
 * Returns null for anything unparsable.
 */
export function originKey(url: string): string | null {
  const parsed = tryParse(url);
  if (!parsed) return null;
  if (parsed.protocol === 'file:') {
    if (parsed.host !== '') return null;
    try {
      return `file://${fileURLToPath(parsed)}`;
    } catch {
      return null;
    }
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** True when `url` belongs to the app's own origin (see `originKey`). */
export function isAppUrl(url: string, appUrl: string): boolean {
  const key = originKey(url);
  return key !== null && key === originKey(appUrl);
}

function tryParse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
