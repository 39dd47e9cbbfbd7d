import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/security';
import { rawRequest, startFixture } from './helpers';
import type { Fixture } from './helpers';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

describe('browser host pages', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(fx.host.url.startsWith('http://127.0.0.1:')).toBe(true);
    expect(fx.host.port).toBeGreaterThan(0);
  });

  it('serves index.html for / with the strict CSP and hardening headers', async () => {
    const res = await fetch(`${fx.base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('./assets/app.js');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves assets with their content types', async () => {
    const js = await fetch(`${fx.base}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('beatline');
    const css = await fetch(`${fx.base}/assets/app.css?v=1`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('lets the browser keep files named for their content, and revalidate the rest', async () => {
    const hashed = await fetch(`${fx.base}/assets/index-C4zcqkmU.js`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const res = await fetch(`${fx.base}${path}`);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers a revalidation with 304 and no body while the file is unchanged', async () => {
    const first = await fetch(`${fx.base}/index.html`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-z]+-[0-9a-z]+"$/);
    const again = await rawRequest(fx.host.port, {
      path: '/index.html',
      headers: { 'If-None-Match': `"other", ${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const stale = await rawRequest(fx.host.port, {
      path: '/index.html',
      headers: { 'If-None-Match': 'W/"0-0"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.body).toContain('./assets/app.js');
    // A rebuilt file has a new tag: the browser's copy is no longer current.
    const index = join(fx.rendererDir, 'index.html');
    const original = readFileSync(index, 'utf8');
    writeFileSync(index, '<!doctype html><p>rebuilt and longer</p>');
    const rebuilt = await rawRequest(fx.host.port, {
      path: '/index.html',
      headers: { 'If-None-Match': etag! },
    });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toContain('rebuilt');
    writeFileSync(index, original);
  });

  it('puts the security headers on API answers and errors too', async () => {
    for (const res of [
      await fetch(`${fx.base}/missing.js`),
      await fetch(`${fx.base}/api/stories:list`, { method: 'POST', body: '{}' }),
    ]) {
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers 404 for missing files and folders', async () => {
    expect((await fetch(`${fx.base}/nope.html`)).status).toBe(404);
    expect((await fetch(`${fx.base}/assets`)).status).toBe(404);
  });

  const traversals = [
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/..%2Fsecret.txt',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '//etc/passwd',
    '/%00index.html',
    '/%',
  ];
  for (const path of traversals) {
    it(`refuses the traversal ${path}`, async () => {
      const res = await rawRequest(fx.host.port, { path });
      expect([400, 403, 404]).toContain(res.status);
      expect(res.body).not.toContain('TOP-SECRET');
      expect(res.body).not.toContain('"name"');
      expect(res.body).not.toContain('root:');
    });
  }

  it('refuses page requests with a foreign Host', async () => {
    const res = await rawRequest(fx.host.port, {
      path: '/',
      headers: { Host: `attacker.example:${fx.host.port}` },
    });
    expect(res.status).toBe(403);
  });

  it('answers 405 to writes on pages', async () => {
    const res = await rawRequest(fx.host.port, { method: 'POST', path: '/index.html', body: 'x' });
    expect(res.status).toBe(405);
  });
});

describe('startWebHost without a built renderer', () => {
  it('refuses to start, naming the missing index.html', async () => {
    const { startWebHost } = await import('../../electron/web/server');
    await expect(
      startWebHost({ dbPath: ':memory:', rendererDir: '/nonexistent/beatline-renderer' }),
    ).rejects.toThrow(/renderer is not built/);
  });
});
