import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What writeFileAtomic writes: the whole content, or its chunks in order (for large data). */
export type AtomicData = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * Writes a file so that it is either the old file or the complete new one, never a part:
 * the data goes to a temp file beside the destination (same folder, so the rename cannot cross
 * file systems), which is flushed to disk, then renamed over the destination; the folder is
 * flushed too, so the rename survives a power cut. On any error the temp file is removed and
 * the old file is left as it was. A kill mid-write leaves at most a stray `.<name>.*.tmp`.
 */
export async function writeFileAtomic(path: string, data: AtomicData): Promise<void> {
  // Through a symlink, replace the file it points to rather than the link.
  const target = await realpath(path).catch(() => path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await existingMode(target);
  const handle = await open(temp, 'wx', mode ?? 0o666);
  try {
    try {
      const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
      for (const chunk of chunks) await handle.writeFile(chunk);
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dir);
}

/** The permission bits of an existing destination, kept on the new file. */
async function existingMode(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Flushes a folder's entries (the rename). Windows cannot open folders this way: skip it. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
