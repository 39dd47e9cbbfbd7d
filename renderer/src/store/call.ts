import type { Result } from '../../../electron/core/contract/types';

/** Calls a channel; a rejected promise (a broken transport) becomes a Result error too. */
export async function call<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message } };
  }
}
