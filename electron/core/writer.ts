import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is writing: the client a transport named (an Electron window, a browser-host page, an
 * API caller that sent a client id), or null. The change feed uses it to skip telling a
 * client about its own writes; the history uses it so that typing merges only with the same
 * writer's typing.
 */
const writers = new AsyncLocalStorage<string | null>();

/** Runs `work` on behalf of `writer`. */
export function runAsWriter<T>(writer: string | null, work: () => T): T {
  return writers.run(writer, work);
}

/** The writer `work` was run for by the innermost `runAsWriter`, or null. */
export function currentWriter(): string | null {
  return writers.getStore() ?? null;
}
