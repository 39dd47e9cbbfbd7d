import type { Library } from '../electron/core/library';

/** Counts beat rows written from now on (a temporary trigger); call the result to read it. */
export function countBeatRowWrites(lib: Library): () => number {
  let count = 0;
  lib.db.function('bench_count_beat_write', () => {
    count++;
    return null;
  });
  lib.db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS bench_beat_writes
    AFTER UPDATE ON main.event_moments BEGIN SELECT bench_count_beat_write(); END`);
  return () => {
    lib.db.exec('DROP TRIGGER IF EXISTS temp.bench_beat_writes');
    return count;
  };
}
