let lastMs = Number.NaN;
let lastIso = '';

/** The time written into created_at/updated_at: ISO 8601 in UTC, millisecond precision. */
export function nowIso(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
