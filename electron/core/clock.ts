/** The time written into created_at/updated_at: ISO 8601 in UTC, millisecond precision. */
export function nowIso(): string {
  return new Date().toISOString();
}

let lastStampMs = 0;

/**
 * The updated_at for a write to a row that had `previous`: now, but always later than
 * `previous` and than every stamp this process gave before (one millisecond on when the
 * clock has not moved), so a row's updated_at changes with every write and an
 * `expectedUpdatedAt` check cannot mistake two versions of a row for one.
 */
export function nextStamp(previous?: string): string {
  let ms = Math.max(Date.now(), lastStampMs + 1);
  if (previous !== undefined) {
    const before = Date.parse(previous);
    if (ms <= before) ms = before + 1;
  }
  lastStampMs = ms;
  return new Date(ms).toISOString();
}
