// The production CSP as it ships: in the built out/renderer/index.html (a meta tag) and in
// the app:// responses, strict (no unsafe-* in script-src); the relaxed policy exists only for
// the dev server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_CSP, PRODUCTION_CSP, withCspMeta } from '../../electron/main/csp';
import { assertBuilt, builtRenderer, repoRoot } from './helpers/built';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function metaPolicy(html: string): string | null {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  return m?.[1] ?? null;
}

beforeAll(() => {
  assertBuilt(builtRenderer, ['renderer']);
});

describe('the production Content Security Policy', () => {
  it('is strict: nothing by default, scripts only from the app, no unsafe-* for scripts', () => {
    const d = directives(PRODUCTION_CSP);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(PRODUCTION_CSP).not.toMatch(/unsafe-eval|wasm-unsafe|\*/);
    expect(PRODUCTION_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; " +
        "form-action 'none'; object-src 'none'",
    );
  });

  it('is in the built index.html, before any script, with no inline script', () => {
    const html = readFileSync(builtRenderer, 'utf8');
    expect(metaPolicy(html)).toBe(PRODUCTION_CSP);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc="\.\/assets\//);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
  });

  it('is in the source index.html too (what the build copies)', () => {
    const source = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    expect(metaPolicy(source)).toBe(PRODUCTION_CSP);
  });

  it('is relaxed only by the dev-server plugin, and only for the React preamble and HMR', () => {
    const dev = directives(DEVELOPMENT_CSP);
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(DEVELOPMENT_CSP).not.toMatch(/unsafe-eval/);
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    expect(metaPolicy(withCspMeta(html, DEVELOPMENT_CSP))).toBe(DEVELOPMENT_CSP);
    const config = readFileSync(join(repoRoot, 'electron.vite.config.ts'), 'utf8');
    expect(config).toMatch(/apply:\s*'serve'/);
    expect(config).toContain('DEVELOPMENT_CSP');
  });
});
