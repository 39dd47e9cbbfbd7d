import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
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
 *
 * What is not a regular file is never replaced: a pipe (FIFO) or a character device
 * (`/dev/null`, a terminal) is opened and written into, as a shell's `>` would; a folder, a
 * socket or a block device is refused. A full disk or device gives a "no space" error. Nor is an
 * SQLite database (a library, a backup) or the `-wal`, `-shm` or `-journal` beside one.
 */
export async function writeFileAtomic(path: string, data: AtomicData): Promise<void> {
  try {
    await writeFileOrReplace(path, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw Object.assign(
        new Error(`no space left on the device holding ${path}; nothing was written.`),
        { code },
      );
    }
    throw error;
  }
}

/** Why a path that exists cannot take an export, or null when it can (a file, pipe or device). */
function notWritable(info: Stats): string | null {
  if (info.isDirectory()) return 'is a folder';
  if (info.isSocket()) return 'is a socket';
  if (info.isBlockDevice()) return 'is a block device (a disk)';
  return null;
}

/** Writes into an existing pipe or character device in place: no temp file, no rename. */
async function writeInto(path: string, data: AtomicData): Promise<void> {
  // No O_CREAT: if the node is gone by now, fail rather than make a file in its place.
  const handle = await open(path, constants.O_WRONLY);
  try {
    for (const chunk of chunksOf(data)) await handle.writeFile(chunk);
  } finally {
    await handle.close();
  }
}

const chunksOf = (data: AtomicData): Iterable<string | Uint8Array> =>
  typeof data === 'string' || data instanceof Uint8Array ? [data] : data;

async function writeFileOrReplace(path: string, data: AtomicData): Promise<void> {
  // Through a symlink, replace the file it points to rather than the link.
  const target = await realpath(path).catch(() => path);
  const info = await stat(target).catch(() => null);
  if (info && !info.isFile()) {
    const problem = notWritable(info);
    if (problem) {
      throw Object.assign(new Error(`${path} ${problem}: exports are written to files.`), {
        code: 'ENOTFILE',
      });
    }
    return writeInto(target, data);
  }
  const database = await databaseAt(target, info !== null);
  if (database) {
    throw Object.assign(
      new Error(
        `${database}: an export never replaces a database or the files beside one; ` +
          'choose another file name.',
      ),
      { code: 'EDATABASE' },
    );
  }
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await existingMode(target);
  const handle = await open(temp, 'wx', mode ?? 0o666);
  try {
    try {
      for (const chunk of chunksOf(data)) await handle.writeFile(chunk);
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

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file at `path` starts with SQLite's header (false when it cannot be read). */
async function isSqliteFile(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(SQLITE_HEADER.length);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return bytesRead === head.length && head.equals(SQLITE_HEADER);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/**
 * What SQLite database `path` is or belongs to (its `-wal`, `-shm` or `-journal`), said for a
 * message, or null. `beatline export --out story.db` replaced the library itself with the
 * story's JSON (h78): every other story was gone.
 */
async function databaseAt(path: string, exists: boolean): Promise<string | null> {
  if (exists && (await isSqliteFile(path))) {
    return `${path} is an SQLite database (a Beatline library or a backup?)`;
  }
  const owner = /^(.+)-(wal|shm|journal)$/.exec(path)?.[1];
  if (owner !== undefined && (await isSqliteFile(owner))) {
    return `${path} belongs to the SQLite database ${owner} (a Beatline library or a backup?)`;
  }
  return null;
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
