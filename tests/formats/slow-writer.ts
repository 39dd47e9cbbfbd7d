/**
 * A child process for the kill test: writes `argv[2]` atomically from chunks, says `writing`
 * once half of them are in the temp file, then stalls before the rest, so the parent can
 * SIGKILL it mid-write. Run with `node --import tsx`.
 */
import { writeSync } from 'node:fs';
import { writeFileAtomic } from '../../electron/core/files/atomic-write';

const path = process.argv[2]!;
const chunk = Buffer.alloc(1024 * 1024, 'n');

function* chunks() {
  for (let i = 0; i < 8; i++) {
    if (i === 4) {
      writeSync(1, 'writing\n'); // synchronous, so it is out before the stall
      // Block this process (it is about to be killed), without returning to the event loop.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
    }
    yield chunk;
  }
}

await writeFileAtomic(path, chunks());
process.stdout.write('done\n');
