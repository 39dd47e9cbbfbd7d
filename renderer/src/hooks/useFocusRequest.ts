import { useLayoutEffect, type RefObject } from 'react';
import { useStore } from '../store';
import type { FocusKind } from '../store/types';

/**
 * Focuses `ref` when the store asks for `kind:id` (after a drop, a delete, a new event),
 * in the same frame React draws it, so no keystroke lands anywhere else in between.
 */
export function useFocusRequest(
  kind: FocusKind,
  id: string,
  ref: RefObject<HTMLElement | null>,
): void {
  const request = `${kind}:${id}`;
  const wanted = useStore((s) => s.focusRequest === request);
  useLayoutEffect(() => {
    if (!wanted) return;
    const el = ref.current;
    if (el) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    useStore.getState().clearFocusRequest(request);
  }, [wanted, request, ref]);
}
