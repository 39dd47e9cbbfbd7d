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

const CHUNK = 1024 * 1024;

/**
 * Reads a whole regular file of at most `maxBytes`. A larger file is refused from its size
 * before any of it is read; a file that grows past the cap while being read (or a device that
 * reports no size) is refused as soon as the cap is passed, holding at most `maxBytes + 1`.
 */
export async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      throw Object.assign(new Error(`${path} is a folder.`), { code: 'EISDIR' });
    if (info.size > maxBytes) throw new FileTooLargeError(path, info.size, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK, maxBytes + 1 - total);
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(path, total, maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
