/** The time written into created_at/updated_at: ISO 8601 in UTC, millisecond precision. */
export function nowIso(): string {
  return new Date().toISOString();
}
