import type { Result } from '../../../electron/core/contract/types';
import { withoutIds } from '../lib/messages';

/**
 * Calls a channel; a rejected promise (a broken transport) becomes a Result error too. Error
 * messages reach the screen, so raw ids are worded away here, for every caller.
 */
export async function call<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result = await run();
    if (result.ok) return result;
    return { ok: false, error: { ...result.error, message: withoutIds(result.error.message) } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: withoutIds(message) } };
  }
}
