import type { KeyboardEvent } from 'react';
import type { FieldProblem } from '../hooks/useAutosaveText';

interface Props {
  problem: FieldProblem;
  /** The text that was not saved: the writer can always take it with them. */
  text: string;
  onRetry: () => void;
  /** After a conflict: keep the writer's text as a new record beside theirs. */
  onKeepBoth?: () => void;
  /** After a conflict: keep the other writer's text (the retry is then "Use mine"). */
  onUseTheirs?: () => void;
  className?: string;
}

/** The one message beside a field whose text the library did not take, with what can fix it. */
export function FieldProblemNote({
  problem,
  text,
  onRetry,
  onKeepBoth,
  onUseTheirs,
  className = 'field-error',
}: Props) {
  return (
    <p className={className} role="alert">
      <span>Not saved: {problem.message}</span>
      {problem.canRetry && (
        <button
          type="button"
          className="link-button"
          onPointerDown={(e) => e.preventDefault()}
          onClick={onRetry}
        >
          {problem.overwrite ? (onUseTheirs ? 'Use mine' : 'Keep mine') : 'Retry'}
        </button>
      )}
      {problem.overwrite && onUseTheirs && (
        <button
          type="button"
          className="link-button"
          onPointerDown={(e) => e.preventDefault()}
          onClick={onUseTheirs}
        >
          Use theirs
        </button>
      )}
      {problem.overwrite && onKeepBoth && (
        <button
          type="button"
          className="link-button"
          onPointerDown={(e) => e.preventDefault()}
          onClick={onKeepBoth}
        >
          Keep both
        </button>
      )}
      <button
        type="button"
        className="link-button"
        // The field keeps the focus (and its edit) while the writer picks a way out.
        onPointerDown={(e) => e.preventDefault()}
        onClick={() => void navigator.clipboard?.writeText(text)}
      >
        Copy text
      </button>
    </p>
  );
}

/**
 * A keydown handler that leaves the field on these keys. Escape keeps what was typed, like
 * Enter: leaving a field never throws text away (the blur saves it).
 */
export function leaveFieldOn(...keys: string[]) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (!keys.includes(e.key)) return;
    e.preventDefault();
    e.currentTarget.blur();
  };
}
