import { useLayoutEffect, useRef, useState } from 'react';

/** Text shorter than this, with fewer line breaks, cannot reach the clamp: not measured. */
const SHORT = 280;
const FEW_BREAKS = 6;

/**
 * A long beat's text is clamped (8 lines, in board.css) with "Show more" / "Show less". Only
 * text long enough to reach the clamp is measured (again when its width changes).
 */
export function useClamp(text: string, editing: boolean) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const long = text.length > SHORT || text.split('\n', FEW_BREAKS + 1).length > FEW_BREAKS;

  // Measured again when the writer leaves the field (`editing`): the text is drawn anew.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!long || !el || expanded || editing) return;
    const check = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    check();
    const resize = new ResizeObserver(check);
    resize.observe(el);
    return () => resize.disconnect();
  }, [long, text, expanded, editing]);

  return {
    ref,
    /** Class for the text: clamped unless expanded. */
    className: long && !expanded ? 'is-clamped' : '',
    /** Whether to offer the toggle. */
    toggles: long && (expanded || overflows),
    expanded,
    toggle: () => setExpanded((e) => !e),
  };
}
