// The built preload (out/preload/index.cjs), run in a fresh V8 context the way a sandboxed
// Electron preload runs: CommonJS, with a `require` that serves only a fake 'electron'.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  channelPath,
  CHANGE_NOTICE_EVENT,
  FLUSH_DONE_EVENT,
  FLUSH_REQUEST_EVENT,
} from '../../electron/core/contract/api';
import { CHANNELS } from '../../electron/core/contract/channels';
import { assertBuilt, builtPreload } from './helpers/built';

type Listener = (event: unknown, ...args: unknown[]) => void;

interface Loaded {
  required: string[];
  electronPropertiesRead: string[];
  exposed: { key: string; api: unknown }[];
  invocations: { channel: string; args: unknown[] }[];
  /** What the preload sent to main with ipcRenderer.send. */
  sent: { channel: string; args: unknown[] }[];
  /** The preload's listeners, by event name (main -> page). */
  listeners: Map<string, Listener[]>;
  fakeIpcRenderer: object;
}

/** The only events the preload may listen to, and the only one it may send. */
const LISTENED = [CHANGE_NOTICE_EVENT, FLUSH_REQUEST_EVENT];

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
    sent: [],
    listeners: new Map(),
    fakeIpcRenderer: {},
  };
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      loaded.invocations.push({ channel, args });
      return Promise.resolve({ ok: true, value: { echoed: channel } });
    },
    send: (channel: string, ...args: unknown[]) => {
      if (channel !== FLUSH_DONE_EVENT) throw new Error(`the preload may not send ${channel}`);
      loaded.sent.push({ channel, args });
    },
    on: (channel: string, listener: Listener) => {
      if (!LISTENED.includes(channel)) throw new Error(`the preload may not listen to ${channel}`);
      loaded.listeners.set(channel, [...(loaded.listeners.get(channel) ?? []), listener]);
    },
    removeListener: (channel: string, listener: Listener) => {
      const kept = (loaded.listeners.get(channel) ?? []).filter((l) => l !== listener);
      loaded.listeners.set(channel, kept);
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

  it('exposes exactly one object, window.beatline: one function per channel, subscribe, onFlushRequest, onImportProgress', () => {
    const { exposed } = loadPreload();
    expect(exposed.map((e) => e.key)).toEqual(['beatline']);
    const { subscribe, onFlushRequest, onImportProgress, ...api } = exposed[0]?.api as Record<
      string,
      Record<string, unknown>
    >;
    expect(typeof subscribe).toBe('function');
    expect(typeof onFlushRequest).toBe('function');
    expect(typeof onImportProgress).toBe('function');

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
    expect(names).toEqual(expect.arrayContaining(['subscribe', 'onflushrequest']));
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

  it('passes a page only { seq } from a change notice, until it unsubscribes', () => {
    const loaded = loadPreload();
    const api = loaded.exposed[0]?.api as {
      subscribe(listener: (notice: unknown) => void): () => void;
    };
    const got: unknown[] = [];
    const unsubscribe = api.subscribe((notice) => got.push(notice));
    const emit = (...args: unknown[]) => {
      const event = { sender: loaded.fakeIpcRenderer };
      for (const listener of loaded.listeners.get(CHANGE_NOTICE_EVENT) ?? []) {
        listener(event, ...args);
      }
    };
    emit({ seq: 7, extra: 'dropped' });
    expect(got).toEqual([{ seq: 7 }]);
    unsubscribe();
    emit({ seq: 8 });
    expect(got).toEqual([{ seq: 7 }]);
  });

  it('answers a flush request with its id once every handler has finished', async () => {
    const loaded = loadPreload();
    const api = loaded.exposed[0]?.api as {
      onFlushRequest(handler: () => Promise<boolean | void>): () => void;
    };
    const finished: string[] = [];
    api.onFlushRequest(async () => {
      await new Promise((done) => setTimeout(done, 30));
      finished.push('drafts');
    });
    const removed = api.onFlushRequest(() => Promise.reject(new Error('never called')));
    removed();
    api.onFlushRequest(() => Promise.reject(new Error('a failing handler does not block')));
    for (const listener of loaded.listeners.get(FLUSH_REQUEST_EVENT) ?? []) listener({}, 41);
    expect(loaded.sent).toEqual([]);
    await new Promise((done) => setTimeout(done, 100));
    expect(finished).toEqual(['drafts']);
    expect(loaded.sent).toEqual([{ channel: FLUSH_DONE_EVENT, args: [41, false] }]);
  });

  it('says in its answer when a handler left text the library refused (the window asks)', async () => {
    const loaded = loadPreload();
    const api = loaded.exposed[0]?.api as {
      onFlushRequest(handler: () => Promise<boolean | void>): () => void;
    };
    api.onFlushRequest(() => Promise.resolve());
    api.onFlushRequest(() => Promise.resolve(true));
    for (const listener of loaded.listeners.get(FLUSH_REQUEST_EVENT) ?? []) listener({}, 42);
    await new Promise((done) => setTimeout(done, 50));
    expect(loaded.sent).toEqual([{ channel: FLUSH_DONE_EVENT, args: [42, true] }]);
  });
});
