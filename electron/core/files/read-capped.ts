import { open } from 'node:fs/promises';

/** A file larger than the reader accepts; nothing past the cap was read. */
export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`${path} is larger than ${maxBytes} bytes.`);
    this.name = 'FileTooLargeError';
  }
}

/** The first read's size when the file reports none (a pipe or a device). */
const CHUNK = 1024 * 1024;

/**
 * Reads a whole regular file of at most `maxBytes`. A larger file is refused from its size
 * before any of it is read; a file that grows past the cap while being read (or a device that
 * reports no size) is refused as soon as the cap is passed, holding at most `maxBytes + 1`.
 * A file is read in as few calls as its size allows (one for a file that does not change):
 * each call is a trip through libuv's thread pool, slow on a busy machine.
 */
export async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      throw Object.assign(new Error(`${path} is a folder.`), { code: 'EISDIR' });
    if (info.size > maxBytes) throw new FileTooLargeError(path, info.size, maxBytes);
    // One byte more than the size, to see a file that grew without a second call.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(info.size + 1, CHUNK)));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) throw new FileTooLargeError(path, total, maxBytes);
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) throw new FileTooLargeError(path, total, maxBytes);
    return buffer.subarray(0, total);
  } finally {
    await handle.close();
  }
}
