/**
 * Beats the writer added in this window (Enter, Add beat): one left empty with Escape is
 * removed rather than lingering as "Empty beat". Ids are UUIDv7 chosen here, never reused.
 */
const fresh = new Set<string>();

/** Remembers a beat as just added here. */
export function markFreshBeat(momentId: string): void {
  fresh.add(momentId);
}

/** True once for a beat added here (it is forgotten as it is asked about). */
export function takeFreshBeat(momentId: string): boolean {
  return fresh.delete(momentId);
}
