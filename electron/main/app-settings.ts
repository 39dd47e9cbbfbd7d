import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../core/files/atomic-write';

// The desktop app's own settings (issue 17): a small JSON file in the app's data folder.
// Plain Node (no 'electron'), so it is tested as it runs.

/** The port the Local API listens on unless the writer chooses another. */
export const DEFAULT_LOCAL_API_PORT = 27_181;

/** What the app keeps between launches. */
export interface AppSettings {
  localApi: { enabled: boolean; port: number };
}

/** A fresh install: the Local API off. */
export const DEFAULT_SETTINGS: AppSettings = {
  localApi: { enabled: false, port: DEFAULT_LOCAL_API_PORT },
};

const portSchema = z
  .number()
  .int()
  .refine((p) => p === 0 || (p >= 1024 && p <= 65535));

const fileSchema = z.object({
  version: z.literal(1),
  localApi: z.object({ enabled: z.boolean(), port: portSchema }),
});

/** What `loadSettings` found: the settings, and why the defaults were used instead, if they were. */
export interface LoadedSettings {
  settings: AppSettings;
  /** null: read from the file; otherwise why the defaults are in use (the file is left alone). */
  problem: null | 'missing' | 'unreadable';
}

/**
 * Reads the settings file. A missing file gives the defaults; a file that is not valid
 * settings JSON gives the defaults too (the Local API off) and is left as it was until the
 * writer changes a setting, so a hand edit gone wrong is not silently erased.
 */
export async function loadSettings(path: string): Promise<LoadedSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      settings: structuredClone(DEFAULT_SETTINGS),
      problem: missing ? 'missing' : 'unreadable',
    };
  }
  try {
    const parsed = fileSchema.parse(JSON.parse(text));
    return { settings: { localApi: { ...parsed.localApi } }, problem: null };
  } catch {
    return { settings: structuredClone(DEFAULT_SETTINGS), problem: 'unreadable' };
  }
}

/** Writes the settings atomically (a temp file renamed over the old one: never half a file). */
export async function saveSettings(path: string, settings: AppSettings): Promise<void> {
  const file = { version: 1, localApi: settings.localApi };
  await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}
