import type { KeyboardEvent, ReactNode } from 'react';
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
        <FixButton onClick={onRetry}>
          {problem.overwrite ? (onUseTheirs ? 'Use mine' : 'Keep mine') : 'Retry'}
        </FixButton>
      )}
      {problem.overwrite && onUseTheirs && <FixButton onClick={onUseTheirs}>Use theirs</FixButton>}
      {problem.overwrite && onKeepBoth && <FixButton onClick={onKeepBoth}>Keep both</FixButton>}
      <FixButton onClick={() => void navigator.clipboard?.writeText(text)}>Copy text</FixButton>
    </p>
  );
}

/** One way out of the problem. The field keeps the focus (and its edit) while the writer picks. */
function FixButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="link-button"
      onPointerDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
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
