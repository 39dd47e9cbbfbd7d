// The built preload (out/preload/index.cjs), run in a fresh V8 context the way a sandboxed
// Electron preload runs: CommonJS, with a `require` that serves only a fake 'electron'.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelPath } from '../../electron/core/contract/api';
import { CHANNELS } from '../../electron/core/contract/channels';
import { assertBuilt, builtPreload } from './helpers/built';

interface Loaded {
  required: string[];
  electronPropertiesRead: string[];
  exposed: { key: string; api: unknown }[];
  invocations: { channel: string; args: unknown[] }[];
  fakeIpcRenderer: object;
}

let source = '';

beforeAll(() => {
  assertBuilt(builtPreload, ['electron/preload', 'electron/core/contract']);
  source = readFileSync(builtPreload, 'utf8');
});

/** Runs the bundle as Electron's sandboxed preload loader would, recording what it touches. */
function loadPreload(): Loaded {
  const loaded: Loaded = {
    required: [],
    electronPropertiesRead: [],
    exposed: [],
    invocations: [],
    fakeIpcRenderer: {},
  };
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      loaded.invocations.push({ channel, args });
      return Promise.resolve({ ok: true, value: { echoed: channel } });
    },
    send: () => {
      throw new Error('the preload must not use ipcRenderer.send');
    },
    on: () => {
      throw new Error('the preload must not listen on ipcRenderer');
    },
  };
  loaded.fakeIpcRenderer = ipcRenderer;
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => loaded.exposed.push({ key, api }),
  };
  const electron = new Proxy({ contextBridge, ipcRenderer } as Record<string, unknown>, {
    get(target, property) {
      if (typeof property === 'string') loaded.electronPropertiesRead.push(property);
      return target[property as string];
    },
  });
  const fakeRequire = (specifier: string) => {
    loaded.required.push(specifier);
    if (specifier === 'electron') return electron;
    throw new Error(`the sandboxed preload may not require ${JSON.stringify(specifier)}`);
  };
  const module = { exports: {} };
  const context = vm.createContext({ console });
  const run = vm.compileFunction(
    source,
    ['exports', 'require', 'module', '__filename', '__dirname'],
    { parsingContext: context, filename: builtPreload },
  );
  run(module.exports, fakeRequire, module, builtPreload, '/');
  return loaded;
}

/** Every non-object value reachable from `value`, with its dotted path. */
function leaves(value: unknown, path = ''): { path: string; value: unknown }[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => leaves(v, path ? `${path}.${key}` : key));
  }
  return [{ path, value }];
}

describe('built preload bundle', () => {
  it('is CommonJS: no import or export statements, no import.meta', () => {
    expect(source).not.toMatch(/^\s*import\s[^(]/m);
    expect(source).not.toMatch(/^\s*export\s/m);
    expect(source).not.toMatch(/\bimport\.meta\b/);
    expect(source).not.toMatch(/\bimport\s*\(/);
  });

  it('requires nothing but electron (checked in the source text)', () => {
    const literal = [...source.matchAll(/\brequire\s*\(\s*(["'`])([^"'`]*)\1\s*\)/g)].map(
      (m) => m[2],
    );
    const all = source.match(/\brequire\s*\(/g) ?? [];
    expect(all.length, 'every require( call names a literal module').toBe(literal.length);
    expect(new Set(literal)).toEqual(new Set(['electron']));
    // Neither zod (schemas stay on the Node side) nor anything Node-only was bundled in.
    expect(source).not.toMatch(/ZodError|\$ZodType|better-sqlite3|["']node:/);
    expect(source.length).toBeLessThan(20_000);
  });

  it('requires only electron when it runs, and reads only contextBridge and ipcRenderer', () => {
    const loaded = loadPreload();
    expect(loaded.required).toEqual(['electron']);
    const allowed = ['contextBridge', 'ipcRenderer'];
    expect(loaded.electronPropertiesRead.filter((p) => !allowed.includes(p))).toEqual([]);
    expect(loaded.electronPropertiesRead).toContain('contextBridge');
  });

  it('exposes exactly one object, window.beatline, with one function per channel', () => {
    const { exposed } = loadPreload();
    expect(exposed.map((e) => e.key)).toEqual(['beatline']);
    const api = exposed[0]?.api as Record<string, Record<string, unknown>>;

    const expected: Record<string, string[]> = {};
    for (const channel of CHANNELS) {
      const [domain, fn] = channelPath(channel);
      (expected[domain] ??= []).push(fn);
    }
    expect(Object.keys(api).sort()).toEqual(Object.keys(expected).sort());
    for (const [domain, fns] of Object.entries(expected)) {
      expect(Object.keys(api[domain] ?? {}).sort(), `beatline.${domain}`).toEqual(fns.sort());
    }
    const all = leaves(api);
    expect(all).toHaveLength(CHANNELS.length);
    for (const leaf of all) expect(typeof leaf.value, leaf.path).toBe('function');
  });

  it('exposes no ipcRenderer, no generic invoke and no electron object', () => {
    const loaded = loadPreload();
    const api = loaded.exposed[0]?.api as Record<string, Record<string, unknown>>;
    const names = leaves(api).map((l) => l.path.toLowerCase());
    expect(names.filter((n) => /ipc|invoke|send|electron|require/.test(n))).toEqual([]);
    const seen = new Set<unknown>();
    const walk = (v: unknown) => {
      if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
      seen.add(v);
      if (typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(api);
    expect(seen.has(loaded.fakeIpcRenderer)).toBe(false);
    const invoke = (loaded.fakeIpcRenderer as { invoke: unknown }).invoke;
    expect(leaves(api).some((leaf) => leaf.value === invoke)).toBe(false);
  });

  it('each function invokes its own channel with the given input and returns the answer', async () => {
    const loaded = loadPreload();
    const api = loaded.exposed[0]?.api as Record<string, Record<string, (i?: unknown) => unknown>>;
    for (const channel of CHANNELS) {
      const [domain, fn] = channelPath(channel);
      const input = { probe: channel, nested: { n: 1 } };
      const before = loaded.invocations.length;
      const answer = await api[domain]?.[fn]?.(input);
      expect(answer, channel).toEqual({ ok: true, value: { echoed: channel } });
      expect(loaded.invocations.slice(before), channel).toEqual([{ channel, args: [input] }]);
    }
    // No input means an empty object (what list-style channels take).
    await api.stories?.list?.();
    expect(loaded.invocations.at(-1)).toEqual({ channel: 'stories:list', args: [{}] });
    expect(new Set(loaded.electronPropertiesRead)).toEqual(
      new Set(['contextBridge', 'ipcRenderer']),
    );
  });
});
