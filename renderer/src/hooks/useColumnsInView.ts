import { useLayoutEffect } from 'react';
import { useStore } from '../store';
import { columnRange } from '../virtual/layout';

/**
 * Tells the store how many event columns the board shows from its left edge, so a story
 * opens with the first beats of those already loaded. Measured before any story opens, and
 * again when the window is resized.
 */
export function useColumnsInView(): void {
  useLayoutEffect(() => {
    const measure = () => {
      const { last } = columnRange(0, window.innerWidth, Number.MAX_SAFE_INTEGER);
      useStore.getState().setColumnsInView(last + 1);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
}
