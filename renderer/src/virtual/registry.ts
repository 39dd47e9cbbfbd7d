/**
 * Mounted beat lists register how to turn a pointer's height into a drop index, so drag
 * hit-testing works with rows that are not rendered.
 */
type RowHitTest = (clientY: number, draggedId: string) => number;

const hitTests = new Map<string, RowHitTest>();

export function registerRows(eventId: string, hitTest: RowHitTest): () => void {
  hitTests.set(eventId, hitTest);
  return () => {
    if (hitTests.get(eventId) === hitTest) hitTests.delete(eventId);
  };
}

/** The final index among the other beats where a beat dropped at `clientY` would land. */
export function rowSlotAt(eventId: string, clientY: number, draggedId: string): number | null {
  return hitTests.get(eventId)?.(clientY, draggedId) ?? null;
}
